/**
 * Scheduled posts. A production build includes posts dated later than the build, so the Worker
 * can publish each at its instant without a deploy; the rule for "published" lives here, for the
 * pipeline and the Worker alike.
 */

/** Whether a post is public at `now` (ms since the epoch): from its `date` on, not before. */
export function isPublished(post: { date: string }, now: number): boolean {
  return Date.parse(post.date) <= now;
}

/** `2025-12-01T09:00:00Z` → `2025-12-01 09:00 UTC`: how the build's summary names an instant. */
export function formatInstant(iso: string): string {
  const d = new Date(iso);
  const seconds = d.getUTCSeconds() === 0 ? "" : `:${String(d.getUTCSeconds()).padStart(2, "0")}`;
  return `${d.toISOString().slice(0, 16).replace("T", " ")}${seconds} UTC`;
}

/** The summary line's note: `2 scheduled: a (2026-12-01 09:00 UTC), b (…)`, or "" for none. */
export function scheduledNote(posts: readonly { slug: string; date: string }[], scheduled: readonly string[]): string {
  if (scheduled.length === 0) return "";
  const dates = new Map(posts.map((p) => [p.slug, p.date]));
  const list = scheduled.map((slug) => {
    const date = dates.get(slug);
    return date ? `${slug} (${formatInstant(date)})` : slug;
  });
  return `${scheduled.length} scheduled: ${list.join(", ")}`;
}
