/**
 * What followers must be sent, decided as pure functions the Cron Trigger and the Queue consumer
 * call: which posts to announce (Create), correct (Update) or withdraw (Delete) since the last
 * run, the activity id of each (the same id for the same news, so a retried or repeated run
 * delivers nothing twice: the deliveries table is keyed by it), which inboxes to send to, and
 * when to try a failing server again.
 *
 * The comparison is between what followers were last told (`announced`, kept in D1) and what is
 * visible now (published, its instant passed). So a deploy that adds a post and the minute a
 * scheduled post goes live are the same event, with no special case for either.
 */

/** A post as followers know it: `version` changes when what they were sent would change. */
export interface PostVersion {
  slug: string;
  version: string;
}

export interface Plan {
  create: PostVersion[];
  update: PostVersion[];
  delete: PostVersion[];
}

/**
 * The news between what followers were told and what is visible. With nothing told yet
 * (`announced` undefined: federation just turned on), nothing is sent: the posts already there
 * become the baseline, so turning federation on does not flood new followers' timelines with the
 * whole archive.
 */
export function planDeliveries(announced: readonly PostVersion[] | undefined, visible: readonly PostVersion[]): Plan {
  if (announced === undefined) return { create: [], update: [], delete: [] };
  const before = new Map(announced.map((p) => [p.slug, p.version]));
  const now = new Set(visible.map((p) => p.slug));
  return {
    create: visible.filter((p) => !before.has(p.slug)),
    update: visible.filter((p) => before.has(p.slug) && before.get(p.slug) !== p.version),
    delete: announced.filter((p) => !now.has(p.slug)),
  };
}

export type ActivityKind = "Create" | "Update" | "Delete";

/**
 * The activity's id: the post's URL and what happened to which version. Stable, so the same
 * news planned twice (two Cron runs racing, a redeploy) is one activity, delivered once.
 */
export function activityId(postUrl: string, kind: ActivityKind, version: string): string {
  return `${postUrl}#${kind.toLowerCase()}-${version}`;
}

export interface Follower {
  inbox: string;
  /** The server's shared inbox, when it has one: one delivery reaches all its followers. */
  sharedInbox?: string;
}

/** Where to send one activity: each server's shared inbox once, else each follower's inbox. */
export function inboxesFor(followers: readonly Follower[]): string[] {
  return [...new Set(followers.map((f) => f.sharedInbox ?? f.inbox))].sort();
}

/** How long before the next try of a delivery that failed `attempts` times: doubling from a minute, at most six hours. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(60 * 2 ** Math.max(0, attempts - 1), 6 * 3600);
}

/** A server failing every delivery for this long is dropped, with its followers. */
export const DEAD_AFTER_DAYS = 7;

/** Whether a server that has failed since `failingSince` (ms) is given up on at `now` (ms). */
export function isDead(failingSince: number | undefined, now: number): boolean {
  return failingSince !== undefined && now - failingSince >= DEAD_AFTER_DAYS * 86_400_000;
}
