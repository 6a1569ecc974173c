/**
 * Replies and reactions under a post, in each of its representations: the HTML page gets the
 * replies section (src/worker/views/replies.ts) after the article, the JSON `replies` and
 * `reactions`, the Markdown a "Replies" section. The post's own representation is made as always
 * (prepared once per isolate, src/worker/http/representation.ts); this adds what D1 holds, read
 * at most once a minute per post and isolate.
 *
 * Caching: a reply, once approved, must show within a minute, so a post's answers are cacheable
 * for 60 s (not the 300 s of other pages), and their ETag covers the replies: the conditional
 * request is answered here, against the body actually sent, and its validators are the only ones
 * a client was given (RFC 9110 §13.1), so the only ones it is compared with.
 */
import { CONTENT_TYPES, splitExtension } from "../../shared/formats.ts";
import { messagesOf } from "../../shared/i18n/index.ts";
import type { Fediverse, SiteConfig } from "../../shared/types.ts";
import { evaluatePreconditions } from "../http/conditional.ts";
import { strongEtag } from "../http/representation.ts";
import { errorResponse } from "../routes/errors.tsx";
import { repliesSection, type ShownReply } from "../views/replies.ts";
import { attributeValue } from "./attribute-value.ts";
import { avatarPath } from "./avatars.ts";
import { handleOf } from "./documents.ts";
import type { FederationEnv } from "./env.ts";

interface Shown {
  replies: ShownReply[];
  likes: number;
  boosts: number;
}

const FRESH_MS = 60_000;
const memo = new Map<string, { at: number; shown: Shown }>();

async function load(db: D1Database, slug: string): Promise<Shown> {
  const hit = memo.get(slug);
  if (hit && Date.now() - hit.at < FRESH_MS) return hit.shown;
  const [replies, counts] = await db.batch([
    db
      .prepare(
        "SELECT url, author_name, author_url, avatar_key, published, content_html FROM interactions WHERE post_slug = ? AND kind IN ('reply', 'mention') AND status = 'approved' ORDER BY published, id LIMIT 200",
      )
      .bind(slug),
    db
      .prepare("SELECT kind, COUNT(*) AS n FROM interactions WHERE post_slug = ? AND kind IN ('like', 'boost') GROUP BY kind")
      .bind(slug),
  ]);
  const rows = (replies?.results ?? []) as {
    url: string;
    author_name: string;
    author_url: string;
    avatar_key: string;
    published: string;
    content_html: string;
  }[];
  const n = (kind: string) => ((counts?.results ?? []) as { kind: string; n: number }[]).find((c) => c.kind === kind)?.n ?? 0;
  const shown: Shown = {
    replies: rows.map((r) => ({
      url: r.url,
      authorName: r.author_name,
      authorUrl: r.author_url,
      ...(r.avatar_key ? { avatar: avatarPath(r.avatar_key) } : {}),
      published: r.published,
      contentHtml: r.content_html,
    })),
    likes: n("like"),
    boosts: n("boost"),
  };
  if (memo.size > 1000) memo.clear();
  memo.set(slug, { at: Date.now(), shown });
  return shown;
}

/** `/posts/<slug>`, `.json` or `.md`: the slug, or undefined for any other path. */
export function postSlugOf(path: string): string | undefined {
  const m = /^\/posts\/([a-z0-9]+(?:-[a-z0-9]+)*(?:\.json|\.md)?)$/.exec(path);
  return m ? splitExtension(m[1] as string).name : undefined;
}

const escapeMarkdown = (s: string) => s.replace(/[\\`*_[\]<>&~|#!]/g, "\\$&");

/**
 * A reply's rebuilt HTML (only <p>, <br> and <a href rel>, reply-html.ts) as Markdown
 * paragraphs: text escaped, links kept as links.
 */
export function replyMarkdown(html: string): string[] {
  const paragraphs: string[] = [];
  let current = "";
  for (const m of html.matchAll(/<a href="([^"]*)" rel="[^"]*">(.*?)<\/a>|<br>|<\/p>|<p>|([^<]+)/g)) {
    if (m[1] !== undefined) current += `[${escapeMarkdown(attributeValue(m[2] ?? ""))}](<${attributeValue(m[1])}>)`;
    else if (m[0] === "<br>") current += "\\\n";
    else if (m[0] === "</p>") {
      if (current.trim()) paragraphs.push(current.trim());
      current = "";
    } else if (m[3] !== undefined) current += escapeMarkdown(attributeValue(m[3]));
  }
  if (current.trim()) paragraphs.push(current.trim());
  return paragraphs;
}

/** RFC 9110 §13.1's conditional header fields: none reaches the inner app. */
const CONDITIONAL = ["if-match", "if-none-match", "if-modified-since", "if-unmodified-since", "if-range"];

/** The post's answer from `inner`, with its replies added; other answers pass as they are. */
export async function withReplies(
  request: Request,
  env: FederationEnv,
  site: SiteConfig,
  fediverse: Fediverse,
  inner: (request: Request) => Response | Promise<Response>,
): Promise<Response> {
  const slug = postSlugOf(new URL(request.url).pathname);
  if (!env.DB || !slug || (request.method !== "GET" && request.method !== "HEAD")) return inner(request);
  // The inner answer is asked unconditionally: its validators do not cover the replies.
  const headers = new Headers(request.headers);
  for (const name of CONDITIONAL) headers.delete(name);
  const response = await inner(new Request(request.url, { method: "GET", headers }));
  const type = response.headers.get("content-type") ?? "";
  if (response.status !== 200) return response;
  const shown = await load(env.DB, slug);
  const text = await response.text();
  let body: string;
  if (type === CONTENT_TYPES.html) {
    const t = messagesOf(site);
    const section = repliesSection({ ...shown, handle: handleOf(site, fediverse) }, t, site.language);
    const at = text.indexOf("</article>");
    const withSection = at < 0 ? text : `${text.slice(0, at + 10)}${section}${text.slice(at + 10)}`;
    // Where to send a Webmention (its spec: a <link> in the head, or the Link header).
    body = withSection.replace("</head>", '<link rel="webmention" href="/webmention"></head>');
  } else if (type === CONTENT_TYPES.json) {
    const post = JSON.parse(text) as Record<string, unknown>;
    post.replies = shown.replies.map((r) => ({
      url: r.url,
      author: { name: r.authorName, url: r.authorUrl },
      published: r.published,
      html: r.contentHtml,
    }));
    post.reactions = { likes: shown.likes, boosts: shown.boosts };
    body = `${JSON.stringify(post, null, 2)}\n`;
  } else if (type === CONTENT_TYPES.markdown) {
    const t = messagesOf(site);
    const lines = ["", `## ${t.text("replies")}`, ""];
    const counts = [
      shown.likes > 0 ? t.text("likeCount", { n: shown.likes }) : "",
      shown.boosts > 0 ? t.text("boostCount", { n: shown.boosts }) : "",
    ].filter(Boolean);
    if (counts.length > 0) lines.push(counts.join(" · "), "");
    for (const r of shown.replies) {
      lines.push(`- [${escapeMarkdown(r.authorName)}](<${r.authorUrl}>), [${r.published.slice(0, 10)}](<${r.url}>):`, "");
      lines.push(
        ...replyMarkdown(r.contentHtml)
          .map((p) => `  > ${p.replace(/\n/g, "\n  > ")}`)
          .join("\n  >\n")
          .split("\n"),
        "",
      );
    }
    lines.push(t.text("replyHow", { handle: handleOf(site, fediverse) }));
    body = `${text.replace(/\n*$/, "\n")}${lines.join("\n")}\n`;
  } else return new Response(text, response);

  const out = new Headers(response.headers);
  const bytes = new TextEncoder().encode(body) as Uint8Array<ArrayBuffer>;
  const etag = await strongEtag(bytes);
  out.set("etag", etag);
  out.delete("content-length");
  out.delete("last-modified");
  // A reply shows within a minute: no cache keeps the page longer.
  out.set(
    "cache-control",
    (out.get("cache-control") ?? "").replace(/max-age=\d+/, (m) => `max-age=${Math.min(60, Number(m.slice(8)))}`),
  );
  // Its validators, and no others: without a Last-Modified, If-Unmodified-Since is ignored (§13.1.4).
  const outcome = evaluatePreconditions(request.headers, { etag });
  if (outcome === 412) return preconditionFailed(request, etag);
  if (outcome === 304) {
    // As the app's own 304s (http/representation.ts): no Content-Type or length for a body not sent.
    const notModified = new Headers(out);
    notModified.delete("content-type");
    return new Response(null, { status: 304, headers: notModified });
  }
  return new Response(request.method === "HEAD" ? null : bytes, { status: 200, headers: out });
}

/**
 * The app's own 412: its error handler's `errorResponse`, in the format every error at this URL
 * takes, carrying the ETag of the answer with replies; to a HEAD, as the app answers one, GET's
 * headers and no body. The path is as the app routes by (a post's has nothing to decode).
 */
function preconditionFailed(request: Request, etag: string): Response {
  const c = { req: { path: new URL(request.url).pathname, raw: request, url: request.url } };
  const response = errorResponse(c, 412, undefined, [["etag", etag]]);
  return request.method === "HEAD" ? new Response(null, response) : response;
}
