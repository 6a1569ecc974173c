import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeEach, describe, expect, it } from "vitest";
import { utf8Bytes } from "../src/shared/bytes.ts";
import { absolute as absoluteOn } from "../src/shared/paths.ts";
import type { Post, PostMeta } from "../src/shared/types.ts";
import { site } from "../src/worker/blog.ts";
import { acceptParseCount, MAX_ACCEPT_RANGES, negotiate, parseAccept } from "../src/worker/http/negotiate.ts";
import { CACHE_BUDGET_BYTES, MAX_ENTRY_SHARE } from "../src/worker/http/store.ts";
import { atomFeed, FEED_MAX_BYTES, jsonFeed, LLMS_FULL_MAX_BYTES, llmsFullTxt } from "../src/worker/representations/feeds.ts";
import { freshWorker, POST } from "./helpers.ts";

const absolute = (path: string) => absoluteOn(site, path);

/**
 * Costs a client or an author cannot run up: feeds within a byte budget, an isolate cache that
 * keeps hot pages and refuses giants, and an `Accept` header read only so far, once per request.
 */

/** A post whose HTML is `size` characters of `unit` (quotes: Atom escapes each to 6 bytes). */
function bigPost(i: number, size: number, unit = '<p class="x">"q"</p>'): Post {
  return {
    slug: `post-${i}`,
    title: `Post ${i}`,
    description: `About post ${i}.`,
    date: `2025-01-${String(30 - i).padStart(2, "0")}T00:00:00Z`,
    tags: ["t"],
    draft: false,
    wordCount: 1,
    readingTimeMinutes: 1,
    related: [],
    html: unit.repeat(Math.ceil(size / unit.length)).slice(0, size),
    markdown: "x",
    bodyStart: 0,
    headings: [],
  };
}

const atomEntries = (xml: string) => {
  const entry = (new XMLParser().parse(xml) as { feed: { entry?: unknown } }).feed.entry;
  return (entry === undefined ? [] : Array.isArray(entry) ? entry : [entry]) as { id: string; content: string }[];
};

describe("feeds stop adding items at their byte budget", () => {
  /** Plain text: Atom's escaping adds ~40 %. */
  const posts = [1, 2, 3, 4, 5].map((i) => bigPost(i, 300_000, "<p>abcdefghijklmnop</p>"));
  /** Quotes: JSON's escaping adds ~20 %. */
  const quoted = [1, 2, 3, 4, 5].map((i) => bigPost(i, 300_000));

  it("Atom: the newest entries that fit, the feed valid and within the budget", () => {
    const max = 1024 * 1024;
    const xml = atomFeed(site, posts, undefined, max);
    expect(utf8Bytes(xml)).toBeLessThanOrEqual(max);
    expect(XMLValidator.validate(xml)).toBe(true);
    const ids = atomEntries(xml).map((e) => e.id);
    // Each entry escapes ~300 KB of HTML to ~430 KB: two fit in 1 MB, a third does not.
    expect(ids).toEqual([absolute("/posts/post-1"), absolute("/posts/post-2")]);
    expect(atomEntries(xml)[0]?.content).toBe(posts[0]?.html);
  });

  it("JSON Feed: the same rule, formatted exactly as JSON.stringify(feed, null, 2)", () => {
    const max = 1024 * 1024;
    const text = jsonFeed(site, quoted, undefined, max);
    expect(utf8Bytes(text)).toBeLessThanOrEqual(max);
    const feed = JSON.parse(text) as { version: string; items: { id: string; content_html: string }[] };
    expect(`${JSON.stringify(feed, null, 2)}\n`).toBe(text);
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.items.map((i) => i.id)).toEqual([absolute("/posts/post-1"), absolute("/posts/post-2")]);
    expect(feed.items[0]?.content_html).toBe(quoted[0]?.html);
  });

  it("by default, three of the largest posts a build allows make feeds of at most 2 MB", () => {
    // 1.9 MB of HTML each: the worst a post may render to (src/build/content/post-html.ts).
    const largest = [1, 2, 3].map((i) => bigPost(i, 1_900_000));
    const xml = atomFeed(site, largest);
    const json = jsonFeed(site, largest);
    expect(FEED_MAX_BYTES).toBe(2 * 1024 * 1024);
    expect(utf8Bytes(xml)).toBeLessThanOrEqual(FEED_MAX_BYTES);
    expect(utf8Bytes(json)).toBeLessThanOrEqual(FEED_MAX_BYTES);
    expect(XMLValidator.validate(xml)).toBe(true);
    // Both stay cacheable (src/worker/http/representation.ts keeps nothing over an eighth of its budget).
    expect(FEED_MAX_BYTES).toBeLessThanOrEqual(CACHE_BUDGET_BYTES / MAX_ENTRY_SHARE);
  });

  it("always carries the newest post: when it alone is too big, as a note with a link", () => {
    const huge = [bigPost(1, 1_900_000), bigPost(2, 100)];
    const max = 64 * 1024;
    const url = absolute("/posts/post-1");
    const note = `<p>About post 1.</p><p><a href="${url}">Read the whole post on the site</a>: it is too long for this feed.</p>`;
    const xml = atomFeed(site, huge, undefined, max);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(atomEntries(xml).map((e) => [e.id, e.content])).toEqual([[url, note]]);
    const feed = JSON.parse(jsonFeed(site, huge, undefined, max)) as { items: { id: string; content_html: string }[] };
    expect(feed.items.map((i) => [i.id, i.content_html])).toEqual([[url, note]]);
  });

  it("loads no body it cannot use", () => {
    const loaded: string[] = [];
    const load = (m: PostMeta) => {
      loaded.push(m.slug);
      return posts.find((p) => p.slug === m.slug) as Post;
    };
    atomFeed(site, posts, load, 1024 * 1024);
    expect(loaded).toEqual(["post-1", "post-2", "post-3"]);
  });

  it("an empty blog has valid, empty feeds", () => {
    expect(XMLValidator.validate(atomFeed(site, []))).toBe(true);
    expect(atomEntries(atomFeed(site, []))).toEqual([]);
    expect((JSON.parse(jsonFeed(site, [])) as { items: unknown[] }).items).toEqual([]);
  });

  it("llms-full.txt counts bytes, not characters, and leaves room for its closing note", () => {
    const wide = [1, 2, 3].map((i) => ({ ...bigPost(i, 10), markdown: "é".repeat(40_000) }));
    const max = 100_000;
    const text = llmsFullTxt(site, wide, (slug) => wide.find((p) => p.slug === slug) as Post, max);
    // 40,000 characters are 80,000 bytes: one post fits, not two (which a character count allowed).
    expect(text.match(/^URL: /gm)).toHaveLength(1);
    expect(utf8Bytes(text)).toBeLessThanOrEqual(max);
    expect(text).toMatch(/The 2 older posts are listed/);
    expect(LLMS_FULL_MAX_BYTES).toBeLessThanOrEqual(CACHE_BUDGET_BYTES / MAX_ENTRY_SHARE);
  });
});

describe("Accept is read only so far, and once per request", () => {
  it(`reads the first ${MAX_ACCEPT_RANGES} members and ignores the rest (empty members count)`, () => {
    expect(MAX_ACCEPT_RANGES).toBe(32);
    expect(parseAccept(Array(100).fill("text/html").join(","))).toHaveLength(32);
    expect(negotiate(`${"image/png, ".repeat(32)}text/html`)).toBeNull();
    expect(negotiate(`${"image/png, ".repeat(31)}text/html`)).toBe("html");
    expect(negotiate(`${",".repeat(32)}application/json`)).toBe("html"); // nothing read: as no Accept
  });

  it("gives up on a range with more than 16 parameters", () => {
    const params = (n: number) => Array.from({ length: n }, (_, i) => `;p${i}=v`).join("");
    expect(parseAccept(`application/json${params(16)}`)).toHaveLength(1);
    expect(parseAccept(`application/json${params(17)}`)).toEqual([]);
    expect(parseAccept(`application/json${params(20_000)}`)).toEqual([]);
  });

  it("parses a 120 KB header's first ranges only", () => {
    const header = "text/plain;q=0.5, ".repeat(7000);
    expect(header.length).toBeGreaterThan(120_000);
    const before = acceptParseCount();
    expect(parseAccept(header)).toHaveLength(32);
    expect(acceptParseCount() - before).toBe(1);
  });

  describe("through the Worker", () => {
    // A fresh Worker, and the parse counter of that same module graph.
    let worker: Awaited<ReturnType<typeof freshWorker>>;
    let acceptParseCount: () => number;
    let negotiateRequest: (request: Request) => string | null;
    beforeEach(async () => {
      worker = await freshWorker();
      ({ acceptParseCount, negotiateRequest } = await import("../src/worker/http/negotiate.ts"));
    });
    /** Over 512 characters (so not memoised by value) in fewer than 32 members. */
    const longAccept = (preferred: string) => `${`image/avif;q=0.5;note=${"x".repeat(20)}, `.repeat(20)}${preferred}`;

    it("a 406 for a page this isolate has prepared parses it once (the warm path asked first)", async () => {
      await (await worker.fetch(new Request(`http://localhost${POST}`))).arrayBuffer();
      const request = new Request(`http://localhost${POST}`, { headers: { accept: longAccept("image/webp") } });
      const before = acceptParseCount();
      const res = await worker.fetch(request);
      expect(res.status).toBe(406);
      expect(acceptParseCount() - before).toBe(1);
    });

    it("a negotiated 404 parses it once (the route and the error page both ask)", async () => {
      const request = new Request("http://localhost/posts/no-such-post", { headers: { accept: longAccept("application/json") } });
      const before = acceptParseCount();
      const res = await worker.fetch(request);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
      expect(acceptParseCount() - before).toBe(1);
    });

    it("remembers the answer with the request, whatever it is", () => {
      expect(longAccept("").length).toBeGreaterThan(512);
      const request = new Request("http://localhost/", { headers: { accept: longAccept("text/markdown") } });
      const before = acceptParseCount();
      expect(negotiateRequest(request)).toBe("markdown");
      expect(negotiateRequest(request)).toBe("markdown");
      const refused = new Request("http://localhost/", { headers: { accept: longAccept("image/webp") } });
      expect(negotiateRequest(refused)).toBeNull();
      expect(negotiateRequest(refused)).toBeNull();
      expect(acceptParseCount() - before).toBe(2);
    });
  });
});
