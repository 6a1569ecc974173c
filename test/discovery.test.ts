import { env } from "cloudflare:workers";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { parsePost } from "../src/build/content/index.ts";
import { getPost, newestChange, site } from "../src/worker/blog.ts";
import { useAssets } from "../src/worker/corpus/read.ts";
import { llmsFullTxt, sitemapIndex } from "../src/worker/representations/feeds.ts";
import { coldAndWarm, get, ORIGIN, POST, SLUG, schemaErrors } from "./helpers.ts";

const TITLE =
  "Rust and the Future of Back-End Development: Why Companies Should Consider the Language for High Performance and Security";
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });
const asList = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

coldAndWarm("discovery", () => {
  describe("Atom feed (RFC 4287)", () => {
    it("parses back with full content, newest first", async () => {
      const res = await get("/feed.xml");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      const doc = xml.parse(await res.text());
      const feed = doc.feed;
      expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
      expect(feed.title).toBe("Fixture Notes");
      expect(feed.id).toBe(`${ORIGIN}/`);
      expect(feed.updated).toBe("2025-12-01T00:00:00Z");
      expect(asList(feed.link).map((l: Record<string, string>) => [l["@rel"], l["@href"]])).toEqual([
        ["self", `${ORIGIN}/feed.xml`],
        ["alternate", `${ORIGIN}/`],
      ]);
      const entries = asList(feed.entry);
      expect(entries).toHaveLength(1);
      const e = entries[0];
      expect(e.title).toBe(TITLE);
      expect(e.id).toBe(`${ORIGIN}${POST}`);
      expect(e.published).toBe("2025-12-01T00:00:00Z");
      expect(e.content["@type"]).toBe("html");
      expect(e.content["#text"]).toContain("<p>Throughout my career as a software engineer");
      expect(asList(e.category).map((c: Record<string, string>) => c["@term"])).toEqual([
        "rust",
        "backend",
        "performance",
        "security",
      ]);
    });
  });

  describe("JSON Feed 1.1", () => {
    it("has the 1.1 version and the required fields", async () => {
      const res = await get("/feed.json");
      expect(res.headers.get("content-type")).toBe("application/feed+json; charset=utf-8");
      const feed = (await res.json()) as Record<string, unknown> & { items: Record<string, unknown>[] };
      expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
      expect(feed.title).toBe("Fixture Notes");
      expect(feed.home_page_url).toBe(`${ORIGIN}/`);
      expect(feed.feed_url).toBe(`${ORIGIN}/feed.json`);
      expect(feed.authors).toEqual([{ name: "Fixture Author" }]);
      expect(feed.items).toHaveLength(1);
      expect(feed.items[0]).toMatchObject({
        id: `${ORIGIN}${POST}`,
        url: `${ORIGIN}${POST}`,
        title: TITLE,
        date_published: "2025-12-01T00:00:00Z",
        tags: ["rust", "backend", "performance", "security"],
      });
      expect(feed.items[0]?.content_html).toContain("<p>Throughout my career");
    });
  });

  describe("sitemap and robots", () => {
    it("lists every page with lastmod", async () => {
      const res = await get("/sitemap.xml");
      expect(res.headers.get("content-type")).toBe("application/xml; charset=utf-8");
      const urls = asList(xml.parse(await res.text()).urlset.url) as { loc: string; lastmod?: string }[];
      expect(urls.map((u) => u.loc)).toEqual([
        `${ORIGIN}/`,
        `${ORIGIN}${POST}`,
        `${ORIGIN}/tags`,
        `${ORIGIN}/archive`,
        `${ORIGIN}/about`,
        `${ORIGIN}/tags/backend`,
        `${ORIGIN}/tags/performance`,
        `${ORIGIN}/tags/rust`,
        `${ORIGIN}/tags/security`,
      ]);
      // A page without `updated` says nothing it cannot know; the post's aliases are never listed.
      for (const u of urls) expect(u.lastmod).toBe(u.loc.endsWith("/about") ? undefined : "2025-12-01T00:00:00Z");
      expect(urls.some((u) => u.loc.includes("2025/12/01") || u.loc.includes("rust-and-the-future"))).toBe(false);
    });

    it("robots.txt allows crawling and names the sitemap", async () => {
      const res = await get("/robots.txt");
      expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(await res.text()).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${ORIGIN}/sitemap.xml\n`);
    });
  });

  describe("llms.txt", () => {
    it("summarises the site and links every post's Markdown", async () => {
      const text = await (await get("/llms.txt")).text();
      expect(text.startsWith("# Fixture Notes\n\n> A blog that exists only for the engine")).toBe(true);
      expect(text).toContain(`## Posts\n\n- [${TITLE}](${ORIGIN}${POST}.md): Why Rust's ownership model`);
    });

    it("llms-full.txt holds every post as Markdown", async () => {
      const text = await (await get("/llms-full.txt")).text();
      expect(text).toContain(`# ${TITLE}\n\nURL: ${ORIGIN}${POST}\nPublished: 2025-12-01\n`);
      expect(text).toContain("Throughout my career as a software engineer");
      expect(text).not.toContain("\ntitle: ");
    });
  });

  describe("HTML head metadata", () => {
    const head = async (path: string) => {
      const html = await (await get(path)).text();
      return html.slice(0, html.indexOf("</head>"));
    };
    const ld = (h: string) => JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(h)?.[1] ?? "null");

    it("a post has canonical, Open Graph, Twitter card, feeds and BlogPosting JSON-LD", async () => {
      const h = await head(POST);
      expect(h).toContain(`<link rel="canonical" href="${ORIGIN}${POST}"/>`);
      expect(h).toContain('<meta property="og:type" content="article"/>');
      expect(h).toContain(`<meta property="og:url" content="${ORIGIN}${POST}"/>`);
      expect(h).toContain(`<meta property="og:title" content="${TITLE}"/>`);
      expect(h).toContain('<meta property="article:published_time" content="2025-12-01T00:00:00Z"/>');
      // The post has no image of its own: its social card, drawn at build time, is its preview.
      const card =
        /<meta property="og:image" content="(https:\/\/blog\.fixture\.test\/cards\/rust-on-the-back-end-[0-9a-f]{8}\.png)"\/>/.exec(
          h,
        )?.[1];
      expect(card).toBeDefined();
      expect(h).toContain('<meta property="og:image:width" content="1200"/><meta property="og:image:height" content="630"/>');
      expect(h).toContain(
        `<meta name="twitter:card" content="summary_large_image"/><meta name="twitter:image" content="${card}"/>`,
      );
      expect(h).toContain('<link rel="alternate" type="application/atom+xml" title="Fixture Notes (Atom)" href="/feed.xml"/>');
      expect(h).toContain(
        '<link rel="alternate" type="application/feed+json" title="Fixture Notes (JSON Feed)" href="/feed.json"/>',
      );
      expect(h).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>');
      expect(ld(h)).toMatchObject({
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        headline: TITLE,
        datePublished: "2025-12-01T00:00:00Z",
        dateModified: "2025-12-01T00:00:00Z",
        url: `${ORIGIN}${POST}`,
        author: { "@type": "Person", name: "Fixture Author" },
      });
    });

    it("the index has Blog JSON-LD listing its posts", async () => {
      const data = ld(await head("/"));
      expect(data["@type"]).toBe("Blog");
      expect(data.blogPost).toEqual([
        {
          "@type": "BlogPosting",
          headline: TITLE,
          url: `${ORIGIN}${POST}`,
          datePublished: "2025-12-01T00:00:00Z",
          dateModified: "2025-12-01T00:00:00Z",
        },
      ]);
    });
  });

  describe("tags", () => {
    const TAGS_LINK =
      '</tags>; rel="alternate"; type="text/html", </tags.json>; rel="alternate"; type="application/json", </tags.md>; rel="alternate"; type="text/markdown"';
    const TAG_LINK =
      '</tags/rust>; rel="alternate"; type="text/html", </tags/rust.json>; rel="alternate"; type="application/json", </tags/rust.md>; rel="alternate"; type="text/markdown"';

    it.each([
      ["/tags", {}, "text/html; charset=utf-8", "Accept", TAGS_LINK],
      ["/tags", { accept: "application/json" }, "application/json; charset=utf-8", "Accept", TAGS_LINK],
      ["/tags", { accept: "text/markdown" }, "text/markdown; charset=utf-8", "Accept", TAGS_LINK],
      ["/tags.json", {}, "application/json; charset=utf-8", null, TAGS_LINK],
      ["/tags.md", {}, "text/markdown; charset=utf-8", null, TAGS_LINK],
      ["/tags/rust", {}, "text/html; charset=utf-8", "Accept", TAG_LINK],
      ["/tags/rust", { accept: "application/json" }, "application/json; charset=utf-8", "Accept", TAG_LINK],
      ["/tags/rust", { accept: "text/markdown" }, "text/markdown; charset=utf-8", "Accept", TAG_LINK],
      ["/tags/rust.json", {}, "application/json; charset=utf-8", null, TAG_LINK],
      ["/tags/rust.md", {}, "text/markdown; charset=utf-8", null, TAG_LINK],
    ])("%s %j → %s", async (path, headers, type, vary, link) => {
      const res = await get(path, headers as Record<string, string>);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(type);
      expect(res.headers.get("vary")).toBe(vary);
      expect(res.headers.get("link")).toBe(link);
    });

    it("lists all tags with counts", async () => {
      const html = await (await get("/tags")).text();
      expect(html).toContain('<a href="/tags/rust">#rust <span>(1)</span></a>');
      const body = await (await get("/tags.json")).json();
      expect(schemaErrors("tags", body)).toEqual([]);
      expect((body as { tags: { tag: string; count: number }[] }).tags.map((t) => [t.tag, t.count])).toEqual([
        ["backend", 1],
        ["performance", 1],
        ["rust", 1],
        ["security", 1],
      ]);
      expect(await (await get("/tags.md")).text()).toBe(
        `# Tags · Fixture Notes\n\n- [#backend](${ORIGIN}/tags/backend.md) (1)\n- [#performance](${ORIGIN}/tags/performance.md) (1)\n- [#rust](${ORIGIN}/tags/rust.md) (1)\n- [#security](${ORIGIN}/tags/security.md) (1)\n`,
      );
    });

    it("a tag page lists its posts", async () => {
      const html = await (await get("/tags/rust")).text();
      expect(html).toContain("<h1>Posts tagged #rust</h1>");
      expect(html).toContain(`<a href="${POST}">${TITLE}</a>`);
      const body = await (await get("/tags/rust.json")).json();
      expect(schemaErrors("tag", body)).toEqual([]);
      expect((body as { posts: { slug: string }[] }).posts.map((p) => p.slug)).toEqual([SLUG]);
    });

    it("a post links its tags", async () => {
      const html = await (await get(POST)).text();
      expect(html).toContain('<ul class="tags" aria-label="Tags"><li><a href="/tags/rust">#rust</a></li>');
    });
  });

  describe("favicon", () => {
    it.each(["/favicon.svg", "/favicon.ico"])("%s answers with the SVG icon", async (path) => {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/svg+xml");
      expect(await res.text()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    });
  });

  describe("bounded documents", () => {
    it("/sitemap/<n>.xml parts exist only once the sitemap outgrows one file", async () => {
      expect((await get("/sitemap/1.xml")).status).toBe(404);
      expect((await get("/sitemap/0.xml")).status).toBe(404);
    });

    it("a sitemap index lists its parts", () => {
      expect(sitemapIndex(site, [{ loc: "/sitemap/1.xml", lastmod: "2025-12-01T00:00:00Z" }, { loc: "/sitemap/2.xml" }])).toBe(
        `<?xml version="1.0" encoding="utf-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n  <sitemap><loc>${ORIGIN}/sitemap/1.xml</loc><lastmod>2025-12-01T00:00:00Z</lastmod></sitemap>\n  <sitemap><loc>${ORIGIN}/sitemap/2.xml</loc></sitemap>\n</sitemapindex>\n`,
      );
    });

    it("llms-full.txt stops at its size budget and points to llms.txt for the rest", async () => {
      useAssets(env);
      const post = (await getPost(SLUG))!.post;
      const metas = [post, { ...post, slug: "b" }, { ...post, slug: "c" }];
      const text = llmsFullTxt(site, metas, (slug) => ({ ...post, slug }), post.markdown.length + 600);
      expect(text.match(/^URL: /gm)).toHaveLength(1);
      expect(text.endsWith(`The 2 older posts are listed, with their Markdown URLs, in ${ORIGIN}/llms.txt.\n`)).toBe(true);
    });
  });

  describe("Last-Modified of lists and feeds", () => {
    it("is the newest change, which may be an older post's update", () => {
      const meta = (slug: string, date: string, updated?: string) => ({
        slug,
        title: slug,
        description: "",
        date,
        ...(updated ? { updated } : {}),
        tags: [],
        draft: false,
        wordCount: 1,
        readingTimeMinutes: 1,
        related: [],
      });
      expect(
        newestChange([meta("new", "2025-12-01T00:00:00Z"), meta("old", "2025-01-01T00:00:00Z", "2026-06-01T00:00:00Z")]),
      ).toBe("2026-06-01T00:00:00Z");
    });
  });

  describe("llms-full.txt bodies", () => {
    it("drops the front matter however its fence is written, and the Tags line when there are none", () => {
      const post = parsePost({ path: "a/odd-fence.md", text: "--- \ntitle: Odd\ndate: 2025-01-01\n---  \n\nJust the body.\n" })
        .post!;
      const text = llmsFullTxt(site, [post], () => post);
      expect(text).toContain(`# Odd\n\nURL: ${ORIGIN}/posts/odd-fence\nPublished: 2025-01-01\n\nJust the body.\n`);
      expect(text).not.toContain("title: Odd");
    });
  });
});
