/**
 * Sending activities to other servers' inboxes, once each. Every (activity, inbox) pair is a row
 * of `deliveries`, inserted `OR IGNORE`: a pair planned twice (a retried Cron run, a redeploy, a
 * Follow sent again) is queued once. The Queue consumer signs (signatures.ts) and POSTs each,
 * marks it sent, and on failure retries with backoff (delivery-plan.ts); a server failing for a
 * week is dropped with its followers. Without a Queue bound (a blog that did not create one),
 * each is sent in the background of the request that planned it, once.
 */
import type { Fediverse, SiteConfig } from "../../shared/types.ts";
import { isDead, retryDelaySeconds } from "./delivery-plan.ts";
import { actorUrls } from "./documents.ts";
import type { FederationEnv } from "./env.ts";
import { actorKeys } from "./keys.ts";
import { verifyMention } from "./mentions.ts";
import type { DeliveryMessage, VerifyMention } from "./messages.ts";
import { signedHeaders } from "./signatures.ts";
import { checkFetchable } from "./ssrf.ts";

export type { DeliveryMessage };

const SEND_TIMEOUT_MS = 10_000;
/** The most deliveries one Cron run or one request plans: a big follower list spreads over runs. */
export const MAX_PER_RUN = 500;

/** Plans `activity` for each inbox not yet given it; returns how many were new. */
export async function deliver(
  env: FederationEnv,
  ctx: Pick<ExecutionContext, "waitUntil">,
  origin: string,
  activity: Record<string, unknown>,
  inboxes: readonly string[],
): Promise<number> {
  const db = env.DB as D1Database;
  const id = activity.id as string;
  const body = JSON.stringify(activity);
  const now = Date.now();
  let planned = 0;
  for (const inbox of inboxes.slice(0, MAX_PER_RUN)) {
    const inserted = await db
      .prepare(
        "INSERT OR IGNORE INTO deliveries (activity_id, inbox, status, attempts, updated_at) VALUES (?, ?, 'pending', 0, ?)",
      )
      .bind(id, inbox, now)
      .run();
    if (inserted.meta.changes === 0) continue;
    planned++;
    const message: DeliveryMessage = { type: "deliver", activityId: id, inbox, body };
    if (env.FEDERATION_QUEUE) await env.FEDERATION_QUEUE.send(message);
    else ctx.waitUntil(sendOnce(env, origin, message).then(() => undefined));
  }
  return planned;
}

type Outcome = "sent" | "dropped" | "retry";

/** One signed POST of a delivery; what became of it is recorded in `deliveries`. */
export async function sendOnce(env: FederationEnv, origin: string, message: DeliveryMessage): Promise<Outcome> {
  const db = env.DB as D1Database;
  const row = await db
    .prepare("SELECT status, attempts FROM deliveries WHERE activity_id = ? AND inbox = ?")
    .bind(message.activityId, message.inbox)
    .first<{ status: string; attempts: number }>();
  // Sent already (a message delivered twice by the Queue), or given up on: nothing to do.
  if (row && row.status !== "pending") return row.status === "sent" ? "sent" : "dropped";
  const checked = checkFetchable(message.inbox, { allowLoopback: env.FEDERATION_ALLOW_LOOPBACK === "true" });
  const mark = (status: string) =>
    db
      .prepare("UPDATE deliveries SET status = ?, attempts = attempts + 1, updated_at = ? WHERE activity_id = ? AND inbox = ?")
      .bind(status, Date.now(), message.activityId, message.inbox)
      .run();
  if ("refused" in checked) {
    await mark("dropped");
    return "dropped";
  }
  const host = checked.url.host;
  const keys = await actorKeys(db);
  const body = new TextEncoder().encode(message.body) as Uint8Array<ArrayBuffer>;
  let status = 0;
  try {
    const headers = await signedHeaders(
      checked.url.href,
      body,
      { privateKey: keys.privateKey, keyId: actorUrls(origin).keyId },
      Date.now(),
    );
    const response = await fetch(checked.url.href, {
      method: "POST",
      headers: { ...headers, "content-type": "application/activity+json", accept: "application/activity+json" },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    status = response.status;
    await response.body?.cancel();
  } catch {
    status = 0; // no answer: retried
  }
  if (status >= 200 && status < 300) {
    await mark("sent");
    await db.prepare("DELETE FROM failing WHERE host = ?").bind(host).run();
    return "sent";
  }
  // A 4xx other than 408/429 will not change by trying again (gone, refused, forbidden).
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
    await mark("dropped");
    return "dropped";
  }
  await db.prepare("INSERT OR IGNORE INTO failing (host, since) VALUES (?, ?)").bind(host, Date.now()).run();
  const failing = await db.prepare("SELECT since FROM failing WHERE host = ?").bind(host).first<{ since: number }>();
  if (isDead(failing?.since, Date.now())) {
    await mark("dropped");
    // A server gone for a week: its followers are dropped too, so no run plans for it again.
    await db
      .prepare("DELETE FROM followers WHERE inbox LIKE ? OR shared_inbox LIKE ?")
      .bind(`%//${host}/%`, `%//${host}/%`)
      .run();
    return "dropped";
  }
  await mark("pending");
  return "retry";
}

/** The Queue consumer: each delivery sent, retried with backoff when the server did not take it; each mention verified. */
export async function consumeDeliveries(
  batch: MessageBatch<DeliveryMessage | VerifyMention>,
  env: FederationEnv,
  site: SiteConfig,
  fediverse: Fediverse,
): Promise<void> {
  for (const message of batch.messages) {
    if (message.body?.type === "verify-webmention") {
      await verifyMention(env, { fediverse }, message.body);
      message.ack();
      continue;
    }
    if (message.body?.type !== "deliver") {
      message.ack();
      continue;
    }
    const outcome = await sendOnce(env, site.origin, message.body);
    if (outcome === "retry") message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    else message.ack();
  }
}
