/**
 * Webmention's I/O (the decisions are webmention.ts's): the endpoint, the source's verification
 * in the background, and sending a new post's mentions.
 *
 * Receiving: `POST /webmention` is checked at once and answered 202; the source is fetched later
 * (the Queue when bound, else the request's background), bounded like every fetch of another
 * server, and the mention kept, moderated like a reply, only if the source links to the target. A
 * source that no longer links to it removes the mention (the spec's update and delete).
 * Sending: when a post is first announced, each page it links to on another site is asked for its
 * endpoint, and told.
 */
import type { Fediverse, SiteConfig } from "../../shared/types.ts";
import type { FederationEnv } from "./env.ts";
import type { VerifyMention } from "./messages.ts";
import { fetchBounded } from "./remote-key.ts";
import { problem } from "./respond.ts";
import { checkFetchable } from "./ssrf.ts";
import { discoverEndpoint, linksTo, readWebmention } from "./webmention.ts";

export type { VerifyMention };

const HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1";
/** The most of a page read to find a link or an endpoint. */
const MAX_PAGE_BYTES = 1024 * 1024;
/** The most links of one post told. */
const MAX_TARGETS = 20;

/** POST /webmention: checked, answered 202, verified later. */
export async function receiveWebmention(
  request: Request,
  env: FederationEnv,
  ctx: Pick<ExecutionContext, "waitUntil">,
  deps: {
    site: SiteConfig;
    fediverse: Fediverse;
    postAt(url: string): string | undefined;
    exists(slug: string): Promise<boolean>;
  },
): Promise<Response> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (!type.startsWith("application/x-www-form-urlencoded"))
    return problem(415, "send source and target as application/x-www-form-urlencoded");
  if (Number(request.headers.get("content-length") ?? 0) > 8192) return problem(413, "a Webmention is two URLs");
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return problem(400, "the body is not a form");
  }
  const read = readWebmention(form, deps.postAt);
  if ("refused" in read) return problem(400, read.refused);
  if (!(await deps.exists(read.post))) return problem(400, "target is not a post on this blog");
  const message: VerifyMention = {
    type: "verify-webmention",
    source: read.source.href,
    target: read.target.href,
    post: read.post,
  };
  if (env.FEDERATION_QUEUE) await env.FEDERATION_QUEUE.send(message);
  else ctx.waitUntil(verifyMention(env, deps, message).catch((e) => console.error("webmention: verification failed", e)));
  return new Response(null, { status: 202, headers: { "cache-control": "no-store" } });
}

/** Fetches the source; keeps (or updates) the mention if it links to the target, removes it if not. */
export async function verifyMention(
  env: FederationEnv,
  deps: { fediverse: Fediverse },
  m: VerifyMention,
): Promise<"kept" | "removed"> {
  const db = env.DB as D1Database;
  const allowLoopback = env.FEDERATION_ALLOW_LOOPBACK === "true";
  const fetched = await fetchBounded(m.source, { allowLoopback, accept: HTML_ACCEPT, maxBytes: MAX_PAGE_BYTES });
  const html = "refused" in fetched ? "" : new TextDecoder().decode(fetched.bytes);
  const linked = "refused" in fetched ? false : await linksTo(fetched.url, html, m.target);
  const id = `webmention:${m.source}`;
  if (!linked) {
    await db.prepare("DELETE FROM interactions WHERE id = ?").bind(id).run();
    return "removed";
  }
  const source = new URL(m.source);
  const host = source.host;
  const blocked = await db.prepare("SELECT 1 FROM blocks WHERE target IN (?, ?)").bind(`${source.origin}/`, host).first();
  // A mention is a stranger's until approved: only `open` shows it at once.
  const status = blocked ? "rejected" : deps.fediverse.moderation === "open" ? "approved" : "pending";
  await db
    .prepare(
      "INSERT INTO interactions (id, post_slug, kind, actor, author_name, author_url, url, content_html, published, status, created_at) VALUES (?, ?, 'mention', ?, ?, ?, ?, '', ?, ?, ?) ON CONFLICT(id) DO UPDATE SET post_slug = excluded.post_slug",
    )
    .bind(id, m.post, `${source.origin}/`, host, `${source.origin}/`, m.source, new Date().toISOString(), status, Date.now())
    .run();
  return "kept";
}

/** The http(s) pages on other sites a post's HTML links to, at most MAX_TARGETS. */
export function outboundLinks(html: string, origin: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/<a\s[^>]*href="(https?:\/\/[^"]+)"/g)) {
    const href = (m[1] as string).replace(/&amp;/g, "&");
    try {
      if (new URL(href).origin !== origin) found.add(href.replace(/#.*$/, ""));
    } catch {
      // Not a URL.
    }
    if (found.size >= MAX_TARGETS) break;
  }
  return [...found];
}

/** Tells each page a new post links to that it was mentioned, where the page has an endpoint. */
export async function sendWebmentions(env: FederationEnv, source: string, targets: readonly string[]): Promise<number> {
  const allowLoopback = env.FEDERATION_ALLOW_LOOPBACK === "true";
  let sent = 0;
  for (const target of targets) {
    const page = await fetchBounded(target, { allowLoopback, accept: HTML_ACCEPT, maxBytes: MAX_PAGE_BYTES });
    if ("refused" in page) continue;
    const endpoint = await discoverEndpoint(page.url, page.headers, new TextDecoder().decode(page.bytes));
    if (!endpoint || "refused" in checkFetchable(endpoint.href, { allowLoopback })) continue;
    try {
      const res = await fetch(endpoint.href, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ source, target }).toString(),
        redirect: "manual",
        signal: AbortSignal.timeout(10_000),
      });
      await res.body?.cancel();
      if (res.ok) sent++;
    } catch {
      // A page that does not answer is not told; a post is told once, when it is first announced.
    }
  }
  return sent;
}
