import { describe, expect, it } from "vitest";
import { buildCollection, generateContentModule } from "../src/content/index.ts";
import type { Page, PageBody, PageMeta, PostMeta, Series, SiteConfig, SourceFile } from "../src/content/types.ts";

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
const module = generateContentModule(result.site as SiteConfig, result.posts, result);

/** A JSON literal of the module, parsed back: what evaluating it gives. */
function literal(start: string): unknown {
  const from = module.indexOf(start);
  expect(from, start).toBeGreaterThan(-1);
  const at = from + start.length;
  return JSON.parse(module.slice(at, module.indexOf(";\n", at)));
}
/** The bodies behind one array's functions, in order. */
function thunks(start: string): unknown[] {
  const from = module.indexOf(start);
  const block = module.slice(from, module.indexOf("\n];\n", from));
  return [...block.matchAll(/^ {2}\(\) => \((.*)\),$/gm)].map((m) => JSON.parse(m[1] ?? ""));
}

describe("the generated module", () => {
  it("built without problems", () => {
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it("imports the types it names", () => {
    expect(module).toContain(
      'import type { PageBody, PageMeta, PostBody, PostMeta, Series, SiteConfig } from "../content/types.ts";',
    );
  });

  it("gives each post its series and related posts in its metadata", () => {
    const posts = literal("export const posts: PostMeta[] = ") as PostMeta[];
    expect(posts.map((p) => [p.slug, p.series, p.related])).toEqual([
      ["two", { slug: "deep-dive", name: "Deep Dive", part: 2, of: 2 }, ["one"]],
      ["one", { slug: "deep-dive", name: "Deep Dive", part: 1, of: 2 }, ["two"]],
    ]);
  });

  it("holds page metadata by slug, and each page's body behind its own function", () => {
    const pages = literal("export const pages: PageMeta[] = ") as PageMeta[];
    expect(pages).toEqual([
      { slug: "about", title: "About", description: "Me.", nav: 1, draft: false },
      { slug: "uses", title: "Uses", description: "My desk.", draft: false },
    ]);
    const bodies = thunks("const pageBodies: Array<() => PageBody> = [") as PageBody[];
    const [about, uses] = result.pages as [Page, Page];
    expect(bodies).toEqual([
      { html: about.html, markdown: about.markdown, bodyStart: about.bodyStart, headings: about.headings },
      { html: uses.html, markdown: uses.markdown, bodyStart: uses.bodyStart, headings: uses.headings },
    ]);
    expect(bodies.map((b) => b.html)).toEqual(["<p>Me.</p>\n", "<p>My desk.</p>\n"]);
    expect(module).toContain("export function loadPageBody(index: number): PageBody {");
    // The post bodies are a separate array, and the post functions are untouched.
    expect(thunks("const bodies: Array<() => PostBody> = [")).toHaveLength(2);
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
    const bare = generateContentModule(result.site as SiteConfig, []);
    expect(bare).toContain("export const pages: PageMeta[] = [];");
    expect(bare).toContain("const pageBodies: Array<() => PageBody> = [\n];");
    expect(bare).toContain("export const navigation: string[] = [];");
    expect(bare).toContain("export const series: Series[] = [];");
    expect(bare).toContain("export const aliases: Record<string, string> = {};");
  });
});
