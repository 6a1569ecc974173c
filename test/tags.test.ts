import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { buildCollection } from "../src/build/content/index.ts";
import { tagPath } from "../src/shared/paths.ts";
import { canonicalTag, isCanonicalTag, otherSpelling, tagKey } from "../src/shared/tags.ts";
import siteYaml from "./fixtures/blog/site.yaml?raw";
import { get, schemaErrors, useFreshWorker } from "./helpers.ts";

/**
 * Tags in any script: one tag per NFC, lower-cased spelling, its URL that spelling
 * percent-encoded, and every other spelling of that URL a 301 to it.
 */
describe("a tag's one spelling", () => {
  it("is NFC and lower-cased where the script has case", () => {
    expect(canonicalTag("Café")).toBe("café");
    expect(canonicalTag("cafe\u0301")).toBe("café");
    expect(canonicalTag("CAFÉ")).toBe("café");
    expect(canonicalTag(" 天気 ")).toBe("天気");
    expect(canonicalTag("ملاحظات")).toBe("ملاحظات");
    expect(canonicalTag("Ωμέγα")).toBe("ωμέγα");
  });

  it("accepts letters and digits of any script joined by hyphens, and nothing else", () => {
    for (const tag of ["rust", "web-dev", "café", "天気", "ملاحظات", "עברית", "ωμέγα", "2025", "می\u200cخواهم"]) {
      expect(isCanonicalTag(tag), tag).toBe(true);
    }
    for (const tag of [
      "",
      "Café",
      "a b",
      "a/b",
      "a.b",
      "a\tb",
      "-a",
      "a--b",
      "#a",
      "a\u0000",
      "x".repeat(101),
      "天".repeat(34),
    ]) {
      expect(isCanonicalTag(tag), JSON.stringify(tag)).toBe(false);
    }
  });

  it("names its URL percent-encoded, and its files and cache tag in ASCII", () => {
    expect(tagPath("天気")).toBe("/tags/%E5%A4%A9%E6%B0%97");
    expect(tagPath("café", "json", 2)).toBe("/tags/caf%C3%A9/page/2.json");
    expect(tagPath("rust")).toBe("/tags/rust");
    expect(tagKey("rust")).toBe("rust");
    expect(tagKey("天気")).toBe("~e5a4a9e6b097");
    expect(tagKey("café")).toBe("~636166c3a9");
  });

  it("knows another spelling of a tag from no tag at all", () => {
    expect(otherSpelling("Café")).toBe("café");
    expect(otherSpelling("cafe\u0301")).toBe("café");
    expect(otherSpelling("café")).toBeUndefined();
    expect(otherSpelling("A B")).toBeUndefined();
  });

  it("makes `Café`, `café` and `cafe\u0301` in front matter one tag", () => {
    const text = "---\ntitle: A\ndate: 2025-12-01\ntags: [天気, ملاحظات, Café, café, cafe\u0301]\n---\n\nText.\n";
    const { posts, errors } = buildCollection(
      { path: "content/site.yaml", text: siteYaml },
      [{ path: "content/posts/a.md", text }],
      {
        includeDrafts: false,
        now: new Date("2026-01-01T00:00:00Z"),
      },
    );
    expect(errors).toEqual([]);
    expect(posts[0]?.tags).toEqual(["天気", "ملاحظات", "café"]);
  });
});

/** The fixture's scheduled post has the tags 天気 and Café (also written cafe + U+0301). */
describe("tag URLs in any script", () => {
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.parse("2099-06-01T09:00:00Z"));
    await useFreshWorker();
  });
  afterEach(() => vi.useRealTimers());

  const TENKI = "/tags/%E5%A4%A9%E6%B0%97";
  const CAFE = "/tags/caf%C3%A9";

  it("serves a tag at its percent-encoded URL, in every representation", async () => {
    const page = await get(TENKI);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-tag")).toBe("tags,tag:~e5a4a9e6b097");
    expect(await page.text()).toContain('<a href="/posts/the-launch">The launch, announced in advance</a>');
    const json = (await (await get(`${CAFE}.json`)).json()) as {
      tag: string;
      url: string;
      posts: { slug: string; tags: string[] }[];
    };
    expect(json.tag).toBe("café");
    expect(json.url).toBe(`https://blog.fixture.test${CAFE}`);
    expect(json.posts.map((p) => p.slug)).toEqual(["the-launch"]);
    expect(json.posts[0]?.tags).toEqual(["launches", "rust", "天気", "café"]);
    const md = await (await get(`${TENKI}.md`)).text();
    expect(md).toMatch(/^# Posts tagged #天気 · Fixture Notes\n/);
  });

  it("lists the canonical form once, with its encoded URL, in the tags, the post, the sitemap and the feeds", async () => {
    const tags = (await (await get("/tags.json")).json()) as { tags: { tag: string; count: number; url: string }[] };
    expect(schemaErrors("tags", tags)).toEqual([]);
    expect(schemaErrors("tags", { ...tags, tags: [{ ...tags.tags[0], tag: "Café" }] })).not.toEqual([]);
    expect(tags.tags.filter((t) => t.tag.startsWith("caf") || t.tag === "天気")).toEqual([
      expect.objectContaining({ tag: "café", count: 1, url: `https://blog.fixture.test${CAFE}` }),
      expect.objectContaining({ tag: "天気", count: 1, url: `https://blog.fixture.test${TENKI}` }),
    ]);
    expect(await (await get("/posts/the-launch")).text()).toContain(`<a href="${CAFE}">#café</a>`);
    const sitemap = await (await get("/sitemap.xml")).text();
    expect(sitemap).toContain(`<loc>https://blog.fixture.test${TENKI}</loc>`);
    expect(sitemap).toContain(`<loc>https://blog.fixture.test${CAFE}</loc>`);
    const feed = await get(`${TENKI}/feed.xml`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("cache-tag")).toBe("feeds,tag:~e5a4a9e6b097");
    const atom = await feed.text();
    expect(atom).toContain(`<link rel="self" type="application/atom+xml" href="https://blog.fixture.test${TENKI}/feed.xml"/>`);
    expect(atom).toContain('<category term="天気"/>');
  });

  it("moves every other spelling of a tag's URL to the canonical one with a 301", async () => {
    const cases: [string, string][] = [
      ["/tags/%e5%a4%a9%e6%b0%97", TENKI], // lower-case hex
      ["/tags/Caf%C3%A9", CAFE], // upper case
      ["/tags/CAF%C3%89.json", `${CAFE}.json`],
      ["/tags/cafe%CC%81", CAFE], // not NFC
      ["/tags/cafe%CC%81/page/1.md", `${CAFE}.md`],
      ["/tags/Caf%C3%A9/page/2", `${CAFE}/page/2`],
      ["/tags/Caf%C3%A9/feed.xml", `${CAFE}/feed.xml`],
      ["/tags/cafe%CC%81/feed.json", `${CAFE}/feed.json`],
    ];
    for (const [from, to] of cases) {
      const res = await get(from);
      expect([from, res.status, res.headers.get("location")]).toEqual([from, 301, to]);
    }
  });

  it("answers 404 for a tag no post has, or that cannot be one", async () => {
    for (const path of ["/tags/%E5%A4%A9", "/tags/a%20b", "/tags/%E5%A4%A9/feed.xml", "/tags/x%E2%80%8By"]) {
      expect([path, (await get(path)).status]).toEqual([path, 404]);
    }
  });
});
