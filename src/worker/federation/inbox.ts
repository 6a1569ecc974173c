/**
 * POST /inbox: what other servers send the blog. In order, and nothing is stored before the
 * last check passes: the size (413), the signature over method, target, time and body
 * (signatures.ts; 401), the JSON (400), what the activity may do for its signer (inbound.ts;
 * 400/403), whether it was received before (409: a replay changes nothing). Then it is applied:
 * a follower kept and answered with Accept, a reply or reaction recorded, an undo or delete
 * honoured. 202: the sender need not wait for anything else.
 */
import type { Fediverse, SiteConfig } from "../../shared/types.ts";
import { avatarKey } from "./avatars.ts";
import { deliver } from "./deliver.ts";
import { acceptActivity, actorUrls } from "./documents.ts";
import type { FederationEnv } from "./env.ts";
import { type Inbound, readActivity } from "./inbound.ts";
import { fetchDocument, fetchRemoteKey, importPublicKeyPem } from "./remote-key.ts";
import { replyHtml } from "./reply-html.ts";
import { problem } from "./respond.ts";
import { verifyRequest } from "./signatures.ts";

/** The largest activity read: Mastodon's own limit for a request body is 1 MB; a reply is far less. */
export const MAX_INBOX_BYTES = 256 * 1024;
/** How long another server's key is trusted without fetching it again. */
const KEY_TTL_MS = 24 * 3600 * 1000;

async function readCapped(request: Request, max: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (Number(request.headers.get("content-length") ?? 0) > max) return undefined;
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

interface InboxDeps {
  site: SiteConfig;
  fediverse: Fediverse;
  /** The slug a post at this URL would have, if published (by its shape). */
  postAt(url: string): string | undefined;
  /** Whether that post exists. */
  exists(slug: string): Promise<boolean>;
}

export async function handleInbox(
  request: Request,
  env: FederationEnv,
  ctx: ExecutionContext,
  deps: InboxDeps,
): Promise<Response> {
  const db = env.DB as D1Database;
  const allowLoopback = env.FEDERATION_ALLOW_LOOPBACK === "true";
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (!/^application\/(activity\+json|ld\+json|json)\b/.test(type))
    return problem(415, "an activity is sent as application/activity+json");
  const body = await readCapped(request, MAX_INBOX_BYTES);
  if (!body) return problem(413, `an activity is at most ${MAX_INBOX_BYTES} bytes`);

  // The signer's key: from D1 while fresh, else fetched (and fetched again once if a kept key fails).
  const owners = new Map<string, string>();
  const lookup = async (keyId: string, fresh: boolean): Promise<CryptoKey | undefined> => {
    if (!fresh) {
      const kept = await db
        .prepare("SELECT owner, public_pem, fetched_at FROM remote_keys WHERE key_id = ?")
        .bind(keyId)
        .first<{ owner: string; public_pem: string; fetched_at: number }>();
      if (kept && Date.now() - kept.fetched_at < KEY_TTL_MS) {
        owners.set(keyId, kept.owner);
        return importPublicKeyPem(kept.public_pem);
      }
    }
    const got = await fetchRemoteKey(keyId, { allowLoopback });
    if ("refused" in got) return undefined;
    owners.set(keyId, got.owner);
    await db
      .prepare("INSERT OR REPLACE INTO remote_keys (key_id, owner, public_pem, fetched_at) VALUES (?, ?, ?, ?)")
      .bind(keyId, got.owner, got.pem, Date.now())
      .run();
    return got.key;
  };
  let verified = await verifyRequest(request, { body, lookupKey: (k) => lookup(k, false), now: Date.now() });
  // Keys rotate: a signature a kept key does not verify gets one more try with the key fetched now.
  if (!verified.ok && verified.reason === "the signature does not match") {
    verified = await verifyRequest(request, { body, lookupKey: (k) => lookup(k, true), now: Date.now() });
  }
  if (!verified.ok) return problem(verified.status, verified.reason);
  const signer = owners.get(verified.keyId) as string;

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return problem(400, "the body is not JSON");
  }
  const { site } = deps;
  const read = readActivity(json, { actorId: actorUrls(site.origin).id, origin: site.origin, signer, postAt: deps.postAt });
  if ("refused" in read) return problem(read.status, read.refused);

  // About a post that is not there (a slug of the right shape): nothing to record.
  if ((read.kind === "like" || read.kind === "boost" || read.kind === "reply") && !(await deps.exists(read.post)))
    return new Response(null, { status: 202, headers: { "cache-control": "no-store" } });
  const first = await db.prepare("INSERT OR IGNORE INTO seen (id, at) VALUES (?, ?)").bind(read.id, Date.now()).run();
  if (first.meta.changes === 0) return problem(409, "this activity was received before");

  await apply(read, env, ctx, deps, allowLoopback);
  return new Response(null, { status: 202, headers: { "cache-control": "no-store" } });
}

/** What an actor document says of its inbox, name and profile page. */
interface ActorFacts {
  inbox?: string;
  sharedInbox?: string;
  name: string;
  url: string;
  /** Their avatar's http(s) URL, or "". */
  avatar: string;
}

/** An actor's icon: an Image (or a list of them) with an http(s) url. */
function avatarOf(icon: unknown): string {
  const first = Array.isArray(icon) ? icon[0] : icon;
  const url =
    typeof first === "string"
      ? first
      : typeof first === "object" && first !== null
        ? (first as { url?: unknown }).url
        : undefined;
  const href =
    typeof url === "string" ? url : typeof url === "object" && url !== null ? (url as { href?: unknown }).href : undefined;
  return typeof href === "string" && /^https?:\/\//.test(href) ? href : "";
}

async function actorFacts(actor: string, allowLoopback: boolean): Promise<ActorFacts> {
  const fetched = await fetchDocument(actor, { allowLoopback });
  const doc =
    "doc" in fetched && typeof fetched.doc === "object" && fetched.doc !== null ? (fetched.doc as Record<string, unknown>) : {};
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const endpoints = typeof doc.endpoints === "object" && doc.endpoints !== null ? (doc.endpoints as Record<string, unknown>) : {};
  const handle = str(doc.preferredUsername);
  return {
    inbox: doc.id === actor ? str(doc.inbox) : undefined,
    sharedInbox: doc.id === actor ? str(endpoints.sharedInbox) : undefined,
    name: str(doc.name) || (handle ? `@${handle}@${new URL(actor).host}` : actor),
    url: str(doc.url) ?? actor,
    avatar: avatarOf(doc.icon),
  };
}

async function apply(read: Inbound, env: FederationEnv, ctx: ExecutionContext, deps: InboxDeps, allowLoopback: boolean) {
  const db = env.DB as D1Database;
  const now = Date.now();
  switch (read.kind) {
    case "follow": {
      const facts = await actorFacts(read.actor, allowLoopback);
      if (!facts.inbox) return; // an actor with no inbox cannot be delivered to
      await db
        .prepare("INSERT OR REPLACE INTO followers (actor, inbox, shared_inbox, follow_id, created_at) VALUES (?, ?, ?, ?, ?)")
        .bind(read.actor, facts.inbox, facts.sharedInbox ?? null, read.id, now)
        .run();
      const accept = acceptActivity(deps.site, read, `${actorUrls(deps.site.origin).id}#accepts/${encodeURIComponent(read.id)}`);
      await deliver(env, ctx, deps.site.origin, accept, [facts.inbox]);
      return;
    }
    case "unfollow":
      await db.prepare("DELETE FROM followers WHERE actor = ?").bind(read.actor).run();
      return;
    case "undo":
      await db.prepare("DELETE FROM followers WHERE actor = ? AND follow_id = ?").bind(read.actor, read.object).run();
      await db.prepare("DELETE FROM interactions WHERE actor = ? AND id = ?").bind(read.actor, read.object).run();
      return;
    case "like":
    case "boost":
      await db
        .prepare(
          "INSERT OR IGNORE INTO interactions (id, post_slug, kind, actor, status, created_at) VALUES (?, ?, ?, ?, 'approved', ?)",
        )
        .bind(read.id, read.post, read.kind, read.actor, now)
        .run();
      return;
    case "reply": {
      const facts = await actorFacts(read.actor, allowLoopback);
      const status = await moderate(db, deps.fediverse, read.actor);
      await db
        .prepare(
          "INSERT OR IGNORE INTO interactions (id, post_slug, kind, actor, author_name, author_url, avatar_url, avatar_key, url, content_html, published, status, created_at) VALUES (?, ?, 'reply', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(
          read.note.id,
          read.post,
          read.actor,
          facts.name,
          facts.url,
          facts.avatar,
          facts.avatar ? await avatarKey(facts.avatar) : "",
          read.note.url,
          await replyHtml(read.note.contentHtml),
          read.note.published || new Date(now).toISOString(),
          status,
          now,
        )
        .run();
      return;
    }
    case "edit":
      await db
        .prepare("UPDATE interactions SET content_html = ? WHERE id = ? AND actor = ?")
        .bind(await replyHtml(read.note.contentHtml), read.note.id, read.actor)
        .run();
      return;
    case "delete":
      if (read.object === read.actor) {
        // The account itself is gone: everything it left here goes with it.
        await db.prepare("DELETE FROM followers WHERE actor = ?").bind(read.actor).run();
        await db.prepare("DELETE FROM interactions WHERE actor = ?").bind(read.actor).run();
      } else await db.prepare("DELETE FROM interactions WHERE actor = ? AND id = ?").bind(read.actor, read.object).run();
      return;
    case "ignored":
      return;
  }
}

/** A new reply's status under the blog's moderation: blocked never shows; then as site.yaml says. */
async function moderate(db: D1Database, fediverse: Fediverse, actor: string): Promise<"pending" | "approved" | "rejected"> {
  const host = new URL(actor).host;
  const blocked = await db.prepare("SELECT 1 FROM blocks WHERE target IN (?, ?)").bind(actor, host).first();
  if (blocked) return "rejected";
  if (fediverse.moderation === "open") return "approved";
  if (fediverse.moderation === "followers") {
    const follows = await db.prepare("SELECT 1 FROM followers WHERE actor = ?").bind(actor).first();
    return follows ? "approved" : "pending";
  }
  return "pending";
}
