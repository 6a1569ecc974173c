import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import type { PostMeta } from "../src/shared/types.ts";
import { archive } from "../src/worker/archive.ts";
import { coldAndWarm, get, ORIGIN, POST, SLUG, schemaErrors } from "./helpers.ts";

const TITLE =
  "Rust and the Future of Back-End Development: Why Companies Should Consider the Language for High Performance and Security";

describe("archive grouping", () => {
  const post = (slug: string, date: string) => ({ slug, date }) as PostMeta;
  it("groups newest-first posts by year and month, keeping their order", () => {
    const posts = [post("c", "2026-02-03T00:00:00Z"), post("b", "2025-12-31T23:00:00Z"), post("a", "2025-12-01T00:00:00Z")];
    expect(archive(posts).map((y) => [y.year, y.months.map((m) => [m.month, m.posts.map((p) => p.slug)])])).toEqual([
      [2026, [[2, ["c"]]]],
      [2025, [[12, ["b", "a"]]]],
    ]);
    expect(archive([])).toEqual([]);
  });
});

coldAndWarm("archive and tag feeds", () => {
  describe("/archive", () => {
    it("lists every post by year and month, linked from every page's footer", async () => {
      const res = await get("/archive");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(res.headers.get("vary")).toBe("Accept");
      expect(res.headers.get("cache-control")).toBe("public, max-age=300, stale-while-revalidate=86400");
      const html = await res.text();
      expect(html).toContain(
        `<section aria-labelledby="site:year-2025"><h2 id="site:year-2025">2025</h2><h3>December 2025</h3><ul class="archive"><li><time datetime="2025-12-01">December 1, 2025</time> · <a href="${POST}">${TITLE}</a></li></ul></section>`,
      );
      expect(await (await get(POST)).text()).toContain('<a href="/archive">Archive</a>');
    });

    it("as JSON, valid against the schema", async () => {
      const res = await get("/archive.json");
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
      const body = (await res.json()) as { years: { year: number; months: { month: number; posts: { slug: string }[] }[] }[] };
      expect(schemaErrors("archive", body)).toEqual([]);
      expect(body.years.map((y) => [y.year, y.months.map((m) => [m.month, m.posts.map((p) => p.slug)])])).toEqual([
        [2025, [[12, [SLUG]]]],
      ]);
    });

    it("as Markdown", async () => {
      const res = await get("/archive", { accept: "text/markdown" });
      expect(await res.text()).toBe(
        `# Archive · Fixture Notes\n\n## 2025\n\n### December 2025\n\n- [${TITLE}](${ORIGIN}${POST}.md) (2025-12-01, 2 min read)\n  Why Rust's ownership model, performance without a garbage collector and memory safety make it a strategic choice for companies building high-performance, secure back-end systems.\n`,
      );
    });
  });

  describe("feeds per tag", () => {
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });

    it("/tags/<tag>/feed.xml is Atom with the tag's posts and full content", async () => {
      const res = await get("/tags/rust/feed.xml");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
      expect(res.headers.get("cache-control")).toBe("public, max-age=3600, stale-while-revalidate=86400");
      expect(res.headers.get("last-modified")).toBe("Mon, 01 Dec 2025 00:00:00 GMT");
      const feed = xml.parse(await res.text()).feed;
      expect(feed.title).toBe("Fixture Notes: #rust");
      expect(feed.id).toBe(`${ORIGIN}/tags/rust`);
      expect(feed.link).toEqual([
        { "@rel": "self", "@type": "application/atom+xml", "@href": `${ORIGIN}/tags/rust/feed.xml` },
        { "@rel": "alternate", "@type": "text/html", "@href": `${ORIGIN}/tags/rust` },
      ]);
      expect(feed.entry.id).toBe(`${ORIGIN}${POST}`);
      expect(feed.entry.content["#text"]).toContain("Throughout my career");
    });

    it("/tags/<tag>/feed.json is JSON Feed 1.1", async () => {
      const res = await get("/tags/rust/feed.json");
      expect(res.headers.get("content-type")).toBe("application/feed+json; charset=utf-8");
      const feed = (await res.json()) as Record<string, unknown> & { items: { id: string }[] };
      expect(feed).toMatchObject({
        version: "https://jsonfeed.org/version/1.1",
        title: "Fixture Notes: #rust",
        home_page_url: `${ORIGIN}/tags/rust`,
        feed_url: `${ORIGIN}/tags/rust/feed.json`,
      });
      expect(feed.items.map((i) => i.id)).toEqual([`${ORIGIN}${POST}`]);
    });

    it("are announced on the tag page for autodiscovery", async () => {
      const html = await (await get("/tags/rust")).text();
      expect(html).toContain(
        '<link rel="alternate" type="application/atom+xml" title="#rust on Fixture Notes (Atom)" href="/tags/rust/feed.xml"/>',
      );
      expect(html).toContain(
        '<link rel="alternate" type="application/feed+json" title="#rust on Fixture Notes (JSON Feed)" href="/tags/rust/feed.json"/>',
      );
    });

    it.each(["/tags/no-such-tag/feed.xml", "/tags/rust/feed.rss"])("%s is a 404", async (path) => {
      expect((await get(path)).status).toBe(404);
    });

    it("moves another spelling of the tag to its feed's one URL", async () => {
      const res = await get("/tags/Rust/feed.xml");
      expect([res.status, res.headers.get("location")]).toEqual([301, "/tags/rust/feed.xml"]);
    });
  });
});
