import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { Validator } from "@cfworker/json-schema";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import schema from "../../docs/blog.schema.json";
import { avatarKey } from "../../src/worker/federation/avatars.ts";
import { replyMarkdown } from "../../src/worker/federation/replies.ts";
import { db, freshWorker, ORIGIN } from "./helpers.ts";

/**
 * Replies and reactions under a post (issue 26 §3), in its three representations: what D1 holds
 * as approved shows; what waits for approval, or was rejected, does not. The post's validators
 * cover them, and no cache keeps the answer more than a minute.
 */

const add = (id: string, kind: string, status: string, extra: Record<string, string> = {}) =>
  db()
    .prepare(
      "INSERT INTO interactions (id, post_slug, kind, actor, author_name, author_url, url, content_html, published, status, created_at) VALUES (?, 'hello', ?, ?, ?, ?, ?, ?, ?, ?, 0)",
    )
    .bind(
      id,
      kind,
      extra.actor ?? "https://social.example/users/ana",
      extra.name ?? "Ana *star*",
      "https://social.example/@ana",
      `https://social.example/@ana/${id}`,
      extra.html ?? '<p>Lovely &amp; clear.</p><p>Second <a href="https://x.example/" rel="nofollow ugc noopener">link</a></p>',
      "2026-12-05T10:00:00Z",
      status,
    )
    .run();

beforeEach(async () => {
  await add("1", "reply", "approved");
  await add("2", "reply", "pending", { name: "Waiting" });
  await add("3", "reply", "rejected", { name: "Spam" });
  await add("4", "like", "approved");
  await add("5", "like", "approved");
  await add("6", "boost", "approved");
});
afterEach(async () => {
  await db().prepare("DELETE FROM interactions").run();
});

describe("a post's replies", () => {
  it("show under the article in HTML, approved ones only, with the counts and how to reply", async () => {
    const worker = await freshWorker();
    const res = await worker.fetch("/posts/hello");
    expect([res.status, res.headers.get("content-type"), res.headers.get("cache-control")]).toEqual([
      200,
      "text/html; charset=utf-8",
      "public, max-age=60, stale-while-revalidate=86400",
    ]);
    const html = await res.text();
    const section = html.slice(html.indexOf("</article>") + 10, html.indexOf("</section>", html.indexOf("</article>")) + 10);
    expect(section).toBe(
      '<section class="replies" aria-labelledby="site:replies"><h2 id="site:replies">Replies</h2>' +
        '<p class="reactions">2 likes · 1 boost</p>' +
        '<ol><li><article class="reply"><header><a href="https://social.example/@ana" rel="nofollow ugc">Ana *star*</a> · ' +
        '<a href="https://social.example/@ana/1" rel="nofollow ugc"><time datetime="2026-12-05">December 5, 2026</time></a></header>' +
        '<p>Lovely &amp; clear.</p><p>Second <a href="https://x.example/" rel="nofollow ugc noopener">link</a></p></article></li></ol>' +
        '<p class="reply-how">To reply, follow <strong>@notes@blog.example</strong> from Mastodon or another fediverse server and answer this post, or link to it from your own site.</p></section>',
    );
    expect(html).not.toContain("Waiting");
    expect(html).not.toContain("Spam");
  });

  it("are in the JSON, valid against the schema", async () => {
    const worker = await freshWorker();
    const post = (await (await worker.fetch("/posts/hello.json")).json()) as Record<string, unknown>;
    expect(post.replies).toEqual([
      {
        url: "https://social.example/@ana/1",
        author: { name: "Ana *star*", url: "https://social.example/@ana" },
        published: "2026-12-05T10:00:00Z",
        html: '<p>Lovely &amp; clear.</p><p>Second <a href="https://x.example/" rel="nofollow ugc noopener">link</a></p>',
      },
    ]);
    expect(post.reactions).toEqual({ likes: 2, boosts: 1 });
    const validator = new Validator({ ...(schema as object), $ref: "#/$defs/post" } as never, "2020-12", false);
    expect(validator.validate(post).errors).toEqual([]);
  });

  it("are in the Markdown, their text escaped", async () => {
    const worker = await freshWorker();
    const md = await (await worker.fetch("/posts/hello.md")).text();
    expect(md.slice(md.indexOf("\n## Replies"))).toBe(
      [
        "",
        "## Replies",
        "",
        "2 likes · 1 boost",
        "",
        "- [Ana \\*star\\*](<https://social.example/@ana>), [2026-12-05](<https://social.example/@ana/1>):",
        "",
        "  > Lovely \\& clear.",
        "  >",
        "  > Second [link](<https://x.example/>)",
        "",
        "To reply, follow @notes@blog.example from Mastodon or another fediverse server and answer this post, or link to it from your own site.",
        "",
      ].join("\n"),
    );
  });

  it("are covered by the ETag: a new approved reply changes it, and an unchanged page is a 304", async () => {
    const worker = await freshWorker();
    const first = await worker.fetch("/posts/hello");
    await first.arrayBuffer();
    const etag = first.headers.get("etag") as string;
    const same = await worker.fetch("/posts/hello", { headers: { "if-none-match": etag } });
    expect([same.status, await same.text()]).toEqual([304, ""]);
    // As the app's own 304s (docs/http.md): the validators and caching, no Content-Type or length.
    expect([same.headers.get("etag"), same.headers.get("content-type"), same.headers.get("content-length")]).toEqual([
      etag,
      null,
      null,
    ]);
    await db().prepare("UPDATE interactions SET status = 'approved' WHERE id = '2'").run();
    // A minute later (or another isolate): the replies are read again.
    const changed = await (await freshWorker()).fetch("/posts/hello", { headers: { "if-none-match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(await changed.text()).toContain("Waiting");
  });

  it("a reply's HTML reads as Markdown paragraphs, line breaks and links", () => {
    expect(
      replyMarkdown('<p>a *<br>b</p><p><a href="https://x.example/?a=1&amp;b=2" rel="nofollow ugc noopener">[x]</a></p>'),
    ).toEqual(["a \\*\\\nb", "[\\[x\\]](<https://x.example/?a=1&b=2>)"]);
  });
});

/**
 * The answer with replies has validators of its own, and they are the only ones that count
 * (RFC 9110 §13.1.1): If-Match is compared with the ETag the client was given, not the stored
 * page's, and a failed one is the app's own 412, carrying that ETag.
 */
describe("a post's preconditions", () => {
  const CHANGED =
    "It no longer matches the copy the request named in If-Match or If-Unmodified-Since. Fetch it again to get the current version.";

  /** The stored post, and the app's own answers to it: the same Worker, without D1 (so without replies). */
  async function stored(path: string, init: RequestInit = {}): Promise<Response> {
    const worker = (await import("../../src/worker/index.ts")).default as ExportedHandler<Env> & {
      fetch: NonNullable<ExportedHandler<Env>["fetch"]>;
    };
    const ctx = createExecutionContext();
    const request = new Request(`${ORIGIN}${path}`, init) as Request<unknown, IncomingRequestCfProperties>;
    const res = await worker.fetch(request, { ...env, DB: undefined } as unknown as Env, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  }

  const FORMATS = [
    ["/posts/hello", "text/html; charset=utf-8", "text/html; charset=utf-8"],
    ["/posts/hello.json", "application/json; charset=utf-8", "application/problem+json; charset=utf-8"],
    ["/posts/hello.md", "text/markdown; charset=utf-8", "text/markdown; charset=utf-8"],
  ] as const;

  it.each(FORMATS)("%s: If-Match with the ETag it was given is a 200 with the body, on GET and HEAD", async (path, type) => {
    const worker = await freshWorker();
    const first = await worker.fetch(path);
    const body = await first.text();
    const etag = first.headers.get("etag") as string;
    const res = await worker.fetch(path, { headers: { "if-match": etag } });
    expect([res.status, res.headers.get("content-type"), res.headers.get("etag"), await res.text()]).toEqual([
      200,
      type,
      etag,
      body,
    ]);
    const head = await worker.fetch(path, { method: "HEAD", headers: { "if-match": etag } });
    expect([head.status, head.headers.get("etag"), await head.text()]).toEqual([200, etag, ""]);
    const any = await worker.fetch(path, { headers: { "if-match": "*" } });
    expect([any.status, await any.text()]).toEqual([200, body]);
  });

  it.each(FORMATS)(
    "%s: If-Match with the stored page's ETag, or any other, is the app's own 412, carrying the ETag the client was given",
    async (path, _type, errorType) => {
      const worker = await freshWorker();
      const given = await worker.fetch(path);
      await given.arrayBuffer();
      const etag = given.headers.get("etag") as string;
      const storedEtag = (await stored(path)).headers.get("etag") as string;
      expect(storedEtag).not.toBe(etag);
      // The app's 412 for the stored page, to compare with: the same answer but for the validators.
      const apps = await stored(path, { headers: { "if-match": '"nope"' } });
      const appsBody = await apps.text();
      const others = (r: Response) => [...r.headers].filter(([name]) => name !== "etag" && name !== "last-modified");
      for (const ifMatch of [storedEtag, '"nope"', `W/${etag}`]) {
        const res = await worker.fetch(path, { headers: { "if-match": ifMatch } });
        const body = await res.text();
        expect([res.status, res.headers.get("content-type"), res.headers.get("cache-control")]).toEqual([
          412,
          errorType,
          "no-store",
        ]);
        expect([res.headers.get("etag"), res.headers.get("last-modified")]).toEqual([etag, null]);
        expect(others(res)).toEqual(others(apps));
        expect(body).toBe(appsBody);
        if (path.endsWith(".json")) {
          expect(JSON.parse(body)).toEqual({
            type: "about:blank",
            title: "Precondition Failed",
            status: 412,
            detail: CHANGED,
            instance: path,
          });
        } else if (path.endsWith(".md")) {
          expect(body).toBe(`# 412 This page has changed\n\n${CHANGED}\n\n[← Back to posts](${ORIGIN}/)\n`);
        } else expect(body).toContain("<h1>This page has changed</h1>");
        const head = await worker.fetch(path, { method: "HEAD", headers: { "if-match": ifMatch } });
        expect([head.status, [...head.headers], await head.text()]).toEqual([412, [...res.headers], ""]);
      }
    },
  );

  it("checks If-Match before If-None-Match (RFC 9110 §13.2.2)", async () => {
    const worker = await freshWorker();
    const given = await worker.fetch("/posts/hello");
    await given.arrayBuffer();
    const etag = given.headers.get("etag") as string;
    const failed = await worker.fetch("/posts/hello", { headers: { "if-match": '"nope"', "if-none-match": etag } });
    expect([failed.status, failed.headers.get("etag")]).toEqual([412, etag]);
    const current = await worker.fetch("/posts/hello", { headers: { "if-match": etag, "if-none-match": etag } });
    expect([current.status, await current.text()]).toEqual([304, ""]);
    const head = await worker.fetch("/posts/hello", { method: "HEAD", headers: { "if-none-match": etag } });
    expect([head.status, head.headers.get("etag"), await head.text()]).toEqual([304, etag, ""]);
  });

  it("ignores If-Unmodified-Since: the answer with replies has no Last-Modified (RFC 9110 §13.1.4)", async () => {
    const worker = await freshWorker();
    const res = await worker.fetch("/posts/hello", { headers: { "if-unmodified-since": "Sat, 01 Jan 1990 00:00:00 GMT" } });
    expect([res.status, res.headers.get("last-modified")]).toEqual([200, null]);
    expect(await res.text()).toContain('<section class="replies"');
  });
});

describe("avatars", () => {
  const AVATAR = "https://social.example/media/ana.png";
  // A PNG's signature and a few bytes: what matters is that they come back as they were.
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  const withAvatar = async (status: string, url = AVATAR) => {
    const key = await avatarKey(url);
    await db()
      .prepare(
        "INSERT INTO interactions (id, post_slug, kind, actor, author_name, author_url, avatar_url, avatar_key, url, content_html, published, status, created_at) VALUES (?, 'hello', 'reply', 'https://social.example/users/bo', 'Bo', 'https://social.example/@bo', ?, ?, 'https://social.example/@bo/9', '<p>Hi</p>', '2026-12-06T00:00:00Z', ?, 0)",
      )
      .bind(`https://social.example/notes/${status}-${key}`, url, key, status)
      .run();
    return key;
  };

  it("are served through the blog, as the raster image they are, for approved replies only", async () => {
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL) => {
      const url = new Request(input).url;
      if (url === AVATAR) return new Response(PNG, { headers: { "content-type": "image/png" } });
      if (url === "https://social.example/media/evil.svg")
        return new Response("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", {
          headers: { "content-type": "image/svg+xml" },
        });
      return new Response("no", { status: 404 });
    });
    const key = await withAvatar("approved");
    const worker = await freshWorker();
    const page = await (await worker.fetch("/posts/hello")).text();
    expect(page).toContain(`<img class="avatar" src="/avatars/${key}" alt="" width="40" height="40" loading="lazy">`);
    const res = await worker.fetch(`/avatars/${key}`);
    expect([
      res.status,
      res.headers.get("content-type"),
      res.headers.get("cache-control"),
      res.headers.get("x-content-type-options"),
    ]).toEqual([200, "image/png", "public, max-age=86400", "nosniff"]);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);
    // An SVG (it can carry script) is refused; a waiting reply's avatar and an unknown key are not served.
    const svg = await withAvatar("approved", "https://social.example/media/evil.svg");
    expect((await worker.fetch(`/avatars/${svg}`)).status).toBe(502);
    const pending = await withAvatar("pending", "https://social.example/media/pending.png");
    expect((await worker.fetch(`/avatars/${pending}`)).status).toBe(404);
    expect((await worker.fetch(`/avatars/${"0".repeat(32)}`)).status).toBe(404);
    expect((await worker.fetch("/avatars/https%3A%2F%2Fevil.example%2Fx.png")).status).toBe(404);
  });
});
