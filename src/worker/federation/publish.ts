/**
 * Telling followers what changed: posts that became visible (a deploy that added them, or the
 * minute a scheduled one went live) are sent as Create, edited ones as Update, removed ones as
 * Delete (delivery-plan.ts decides, deliver.ts sends once each). Run by the Cron Trigger every
 * minute, and, so that `npm start` and a blog without a Cron Trigger need nothing more, by
 * federation's own requests at most once a minute per isolate.
 */
import type { PostMeta, SiteConfig } from "../../shared/types.ts";
import { allPosts, getPost } from "../blog.ts";
import { deliver, MAX_PER_RUN } from "./deliver.ts";
import { activityId, inboxesFor, type PostVersion, planDeliveries } from "./delivery-plan.ts";
import { postActivity } from "./documents.ts";
import type { FederationEnv } from "./env.ts";
import { outboundLinks, sendWebmentions } from "./mentions.ts";

/** What followers would see change: a post's version. The body counts by its length and date. */
export function postVersion(p: PostMeta): string {
  const s = JSON.stringify([p.title, p.description, p.date, p.updated ?? "", p.tags, p.wordCount, p.image?.url ?? ""]);
  // FNV-1a, 32 bits: a version needs to change, not to resist anyone.
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}

let lastRun = 0;

/** `publish`, unless this isolate ran it in the last minute. */
export async function publishIfDue(
  env: FederationEnv,
  ctx: Pick<ExecutionContext, "waitUntil">,
  site: SiteConfig,
): Promise<void> {
  const now = Date.now();
  if (now - lastRun < 60_000) return;
  lastRun = now;
  await publish(env, ctx, site);
}

/** For tests: the next request checks again. */
export function forgetLastRun(): void {
  lastRun = 0;
}

/** Compares what followers were told with what is visible now, and sends the difference. */
export async function publish(env: FederationEnv, ctx: Pick<ExecutionContext, "waitUntil">, site: SiteConfig): Promise<number> {
  const db = env.DB as D1Database;
  const visible = await allPosts();
  const versions: PostVersion[] = visible.map((p) => ({ slug: p.slug, version: postVersion(p) }));
  const rows = (await db.prepare("SELECT slug, version FROM announced").all<PostVersion>()).results;
  const baseline = rows.some((r) => r.slug === "");
  const plan = planDeliveries(baseline ? rows.filter((r) => r.slug !== "") : undefined, versions);
  const record = (p: PostVersion) =>
    db.prepare("INSERT OR REPLACE INTO announced (slug, version) VALUES (?, ?)").bind(p.slug, p.version);
  if (!baseline) {
    // Federation just turned on: what is there now is the baseline, announced to nobody.
    await db.batch([db.prepare("INSERT OR REPLACE INTO announced (slug, version) VALUES ('', '')"), ...versions.map(record)]);
    return 0;
  }
  const followers = (
    await db.prepare("SELECT inbox, shared_inbox FROM followers").all<{ inbox: string; shared_inbox: string | null }>()
  ).results;
  const inboxes = inboxesFor(
    followers.map((f) => ({ inbox: f.inbox, ...(f.shared_inbox ? { sharedInbox: f.shared_inbox } : {}) })),
  );
  let sent = 0;
  const url = (slug: string) => `${site.origin}/posts/${slug}`;
  for (const [kind, list] of [
    ["Create", plan.create],
    ["Update", plan.update],
    ["Delete", plan.delete],
  ] as const) {
    for (const p of list) {
      if (sent >= MAX_PER_RUN) return sent; // the rest waits for the next run
      const id = activityId(url(p.slug), kind, p.version);
      if (kind === "Delete") {
        sent += await deliver(env, ctx, site.origin, postActivity(site, "Delete", id, { slug: p.slug }), inboxes);
        await db.prepare("DELETE FROM announced WHERE slug = ?").bind(p.slug).run();
        continue;
      }
      const found = await getPost(p.slug);
      if (!found) continue;
      sent += await deliver(env, ctx, site.origin, postActivity(site, kind, id, found.post), inboxes);
      await record(p).run();
      // A new post also tells the pages it links to (Webmention), once, as it is first announced.
      if (kind === "Create")
        ctx.waitUntil(sendWebmentions(env, url(p.slug), outboundLinks(found.post.html, site.origin)).then(() => undefined));
    }
  }
  return sent;
}
