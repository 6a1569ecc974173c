import { describe, expect, it } from "vitest";
import { buildCollection, generateContentModule } from "../src/build/content/index.ts";
import type { SourceFile } from "../src/build/content/pipeline.ts";
import { type CorpusManifest, corpusFiles, type PostRecord } from "../src/shared/corpus.ts";
import { messagesFor } from "../src/shared/i18n/index.ts";
import type { Page, PageMeta, Post, PostMeta, Series, SiteConfig } from "../src/shared/types.ts";
import { articleFragment } from "../src/shared/views/article.ts";
import { summaryPieces } from "../src/shared/views/parts.ts";

/** The generated module's pages, navigation, series and aliases: what the Worker will import. */

const SITE = {
  path: "content/site.yaml",
  text: "title: T\ndescription: D\nauthor: A\nlanguage: en\norigin: https://blog.fixture.test\n",
};
const NOW = new Date("2026-01-01T00:00:00Z");
const file = (path: string, front: string, body = "Text.\n"): SourceFile => ({ path, text: `---\n${front}\n---\n\n${body}` });

const result = buildCollection(
  SITE,
  [
    file("content/posts/one.md", "title: One\ndate: 2025-01-01\ntags: [x]\nseries: Deep Dive\naliases: [first, /2025/01/one/]"),
    file("content/posts/two.md", "title: Two\ndate: 2025-02-01\ntags: [x]\nseries: Deep Dive"),
  ],
  { includeDrafts: false, now: NOW },
  [file("content/pages/uses.md", "title: Uses", "My desk.\n"), file("content/pages/about.md", "title: About\nnav: 1", "Me.\n")],
);
const corpus = corpusFiles(result.posts, result, NOW.getTime());
const module = generateContentModule(result.site as SiteConfig, corpus.manifest, result);
const file_ = (path: string) => JSON.parse(corpus.files.find((f) => f.path === path)?.body ?? "null") as unknown;

/** A JSON literal of a module, parsed back: what evaluating it gives. */
function literalOf(text: string, start: string): unknown {
  const from = text.indexOf(start);
  expect(from, start).toBeGreaterThan(-1);
  const at = from + start.length;
  return JSON.parse(text.slice(at, text.indexOf(";\n", at)));
}
const literal = (start: string) => literalOf(module, start);
describe("the generated module", () => {
  it("built without problems", () => {
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it("imports the types it names", () => {
    expect(module).toContain('import type { CorpusManifest, TranslatedContent } from "../shared/corpus.ts";');
    expect(module).toContain('import type { PageMeta, Series, SiteConfig } from "../shared/types.ts";');
  });

  it("gives each post its series and related posts in its metadata", () => {
    const posts = file_("/_content/lists/all/0.json") as PostMeta[];
    expect(posts.map((p) => [p.slug, p.series, p.related])).toEqual([
      ["two", { slug: "deep-dive", name: "Deep Dive", part: 2, of: 2 }, ["one"]],
      ["one", { slug: "deep-dive", name: "Deep Dive", part: 1, of: 2 }, ["two"]],
    ]);
  });

  it("holds page metadata by slug; each page's body is its own asset file", () => {
    const pages = literal("export const pages: PageMeta[] = ") as PageMeta[];
    expect(pages).toEqual([
      { slug: "about", title: "About", description: "Me.", nav: 1, draft: false },
      { slug: "uses", title: "Uses", description: "My desk.", draft: false },
    ]);
    const [about, uses] = result.pages as [Page, Page];
    expect(file_("/_content/pages/about.json")).toEqual(about);
    expect(file_("/_content/pages/uses.json")).toEqual(uses);
    expect([about.html, uses.html]).toEqual(["<p>Me.</p>\n", "<p>My desk.</p>\n"]);
    // No body is in the script: the module holds neither a page's nor a post's.
    expect(module).not.toContain("<p>Me.</p>");
    expect(module).not.toContain("<p>Text.</p>");
  });

  it("holds the navigation, the series and the aliases", () => {
    expect(literal("export const navigation: string[] = ")).toEqual(["about"]);
    expect(literal("export const series: Series[] = ") as Series[]).toEqual([
      { slug: "deep-dive", name: "Deep Dive", posts: ["one", "two"] },
    ]);
    // Sorted by path, so the module is the same bytes whatever order posts were read in.
    const aliases = literal("export const aliases: Record<string, string> = ");
    expect(Object.entries(aliases as object)).toEqual([
      ["/2025/01/one", "one"],
      ["/posts/first", "one"],
    ]);
  });

  it("is complete without pages, series or aliases: each is empty", () => {
    const bare = generateContentModule(result.site as SiteConfig, corpusFiles([], {}, NOW.getTime()).manifest);
    expect(bare).toContain("export const pages: PageMeta[] = [];");
    expect(literalOf(bare, "export const corpus: CorpusManifest = ")).toEqual({ posts: 0, tags: {}, scheduled: [], recent: [] });
    expect(bare).toContain("export const navigation: string[] = [];");
    expect(bare).toContain("export const series: Series[] = [];");
    expect(bare).toContain("export const aliases: Record<string, string> = {};");
  });
});

describe("the corpus files (src/shared/corpus.ts)", () => {
  it("gives each post one file with what its page shows: neighbours, related posts, its series' parts", () => {
    const [two, one] = result.posts as [PostMeta & Page, PostMeta & Page];
    const strip = ({ html: _h, markdown: _m, bodyStart: _b, headings: _hd, ...meta }: PostMeta & Page) => meta;
    // What the build pre-renders of each, in the site's language (en): the page's article
    // fragment, and each related post's entry (src/shared/views/; test/strings-vs-jsx.test.tsx).
    const t = messagesFor("en");
    const listed = (p: PostMeta & Page) => ({ ...strip(p), summary: summaryPieces(strip(p), t, "en") });
    expect(file_("/_content/posts/two.json")).toEqual({
      post: two,
      older: strip(one),
      related: [listed(one)],
      series: [strip(one), strip(two)],
      article: articleFragment(two as unknown as Post, t, "en"),
    } satisfies PostRecord);
    expect(file_("/_content/posts/one.json")).toEqual({
      post: one,
      newer: strip(two),
      related: [listed(two)],
      series: [strip(one), strip(two)],
      article: articleFragment(one as unknown as Post, t, "en"),
    } satisfies PostRecord);
  });

  it("makes the pre-rendered parts in the post's own language, else the site's", () => {
    const [two] = result.posts as [Post];
    const inArabic = { ...two, language: "ar" } as Post;
    const c = corpusFiles([inArabic], result, NOW.getTime());
    const record = JSON.parse(c.files.find((f) => f.path === "/_content/posts/two.json")?.body ?? "{}") as PostRecord;
    expect(record.article).toBe(articleFragment(two, messagesFor("ar"), "ar"));
    expect(record.article).not.toBe(articleFragment(two, messagesFor("en"), "en"));
    // A list is a page in the site's language: its entries are too.
    const list = JSON.parse(c.files.find((f) => f.path === "/_content/lists/all/0.json")?.body ?? "[]") as {
      summary: string[];
    }[];
    expect(list[0]?.summary).toEqual(summaryPieces(two, messagesFor("en"), "en"));
  });

  it("pre-renders nothing for a corpus made without the site", () => {
    const c = corpusFiles(result.posts, {}, NOW.getTime());
    const record = JSON.parse(c.files.find((f) => f.path === "/_content/posts/two.json")?.body ?? "{}") as PostRecord;
    expect(record.article).toBeUndefined();
    expect(record.related[0]).not.toHaveProperty("summary");
  });

  it("lists every post, each tag and each series in files of at most 100 posts", () => {
    const many = buildCollection(
      SITE,
      Array.from({ length: 230 }, (_, i) =>
        file(
          `content/posts/p${i}.md`,
          `title: P${i}\ndate: 2025-01-01T00:${String(Math.floor(i / 60)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}Z\ntags: [${i % 2 ? "odd" : "even"}]`,
        ),
      ),
      { includeDrafts: false, now: NOW },
    );
    expect(many.errors).toEqual([]);
    const c = corpusFiles(many.posts, many, NOW.getTime());
    const lists = c.files.filter((f) => f.path.startsWith("/_content/lists/"));
    expect(lists.map((f) => [f.path, (JSON.parse(f.body) as PostMeta[]).length])).toEqual([
      ["/_content/lists/all/0.json", 100],
      ["/_content/lists/all/1.json", 100],
      ["/_content/lists/all/2.json", 30],
      ["/_content/lists/tags/odd/0.json", 100],
      ["/_content/lists/tags/odd/1.json", 15],
      ["/_content/lists/tags/even/0.json", 100],
      ["/_content/lists/tags/even/1.json", 15],
    ]);
    // Newest first, across chunk boundaries.
    const all = lists.slice(0, 3).flatMap((f) => JSON.parse(f.body) as PostMeta[]);
    expect(all.map((p) => p.slug)).toEqual(many.posts.map((p) => p.slug));
    expect(all[0]?.slug).toBe("p229");
    expect(c.manifest.posts).toBe(230);
    expect(c.manifest.tags).toEqual({ odd: 115, even: 115 });
    // 230 posts, one file each, plus the lists: nothing else per post.
    expect(c.files).toHaveLength(230 + 7);
  });

  it("names the scheduled posts in the manifest, and keeps their bodies out of it", () => {
    const later = buildCollection(
      SITE,
      [
        file("content/posts/now.md", "title: Now\ndate: 2025-06-01\ntags: [a]"),
        file("content/posts/soon.md", "title: Soon\ndate: 2026-02-01T09:00:00Z\ntags: [a, b]", "Secret.\n"),
      ],
      { includeDrafts: false, now: NOW },
    );
    expect(later.errors).toEqual([]);
    const c = corpusFiles(later.posts, later, NOW.getTime());
    expect(c.manifest.scheduled).toEqual([{ slug: "soon", date: "2026-02-01T09:00:00Z", tags: ["a", "b"] }]);
    // The newest change among posts published at build time; the scheduled one is not yet.
    expect(c.manifest.newest).toBe("2025-06-01T00:00:00Z");
    expect(c.manifest.recent.map((p) => p.slug)).toEqual(["soon", "now"]);
    const text = generateContentModule(later.site as SiteConfig, c.manifest, later);
    expect(text).not.toContain("<p>Secret.</p>");
    expect((literalOf(text, "export const corpus: CorpusManifest = ") as CorpusManifest).scheduled[0]?.slug).toBe("soon");
  });
});
