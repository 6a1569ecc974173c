/**
 * The author's own blog, checked through the built Worker on every `npm test` (and so before
 * every deploy). Nothing here knows what the blog says: it walks whatever content/ holds.
 * A failure names the source file and the link or URL that broke.
 */
import { env, exports } from "cloudflare:workers";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { slugFromPath } from "../../src/build/content/index.ts";
import type { Format } from "../../src/shared/formats.ts";
import {
  archivePath,
  indexPath,
  pagePath,
  postPath,
  seriesPath,
  tagFeedPath,
  tagPath,
  tagsPath,
} from "../../src/shared/paths.ts";
import { type Blog, blogs, site } from "../../src/worker/blog.ts";
import { useAssets } from "../../src/worker/corpus/read.ts";
import { schemaErrors } from "../helpers.ts";

const sources = import.meta.glob<string>(["../../content/posts/*.{md,markdown}", "../../content/posts/*/index.{md,markdown}"], {
  query: "?raw",
  import: "default",
  eager: true,
});
const sourcesAlso = import.meta.glob<string>("../../content/posts/*/index.*.{md,markdown}", {
  query: "?raw",
  import: "default",
  eager: true,
});
Object.assign(sources, sourcesAlso);
/**
 * `<language>:<slug>` → the file an author edits, for messages: `x.md`, or `x/index.md` for a
 * folder post; a translation's `x.pt-br.md` or `x/index.pt-br.md` (a blog in several languages).
 */
const languageOfSource = (p: string) => {
  const tag = /\.([^./]+)\.(?:md|markdown)$/.exec(p.split("/").at(-1) ?? "")?.[1];
  return (tag && blogs.find((b) => b.language.toLowerCase() === tag.toLowerCase())?.language) ?? site.language;
};
const slugOfSource = (p: string) =>
  /\/index(\.[^./]+)?\.(md|markdown)$/.test(p) ? (p.split("/").at(-2) ?? "") : slugFromPath(p);
const fileOf = new Map(
  Object.keys(sources).map((p) => [`${languageOfSource(p)}:${slugOfSource(p)}`, p.replace(/^(\.\.\/)+/, "")]),
);
const fileFor = (b: Blog, slug: string) =>
  fileOf.get(`${b.language}:${slug}`) ?? `content/posts/${slug}${b.prefix ? `.${b.prefix.slice(1)}` : ""}.md`;

// The posts are read from the blog's assets (its corpus), as the Worker reads them: every language's.
useAssets(env);
const languages = await Promise.all(blogs.map(async (b) => ({ b, posts: await b.allPosts() })));
const posts = languages.flatMap(({ b, posts }) => posts.map((p) => ({ ...p, blog: b })));

const get = (path: string, accept = "text/html") =>
  exports.default.fetch(new Request(`${site.origin}${path}`, { headers: { accept }, redirect: "manual" }));

const TYPES: Record<Format, string> = {
  html: "text/html; charset=utf-8",
  json: "application/json; charset=utf-8",
  markdown: "text/markdown; charset=utf-8",
};
type Schema = "post" | "index" | "tag" | "tags" | "archive" | "page" | "seriesPage";

interface Resource {
  /** Where the author looks when it breaks. */
  file: string;
  path: (f: Format) => string;
  schema: Schema;
}

function pagesOf(total: number, make: (n: number) => Resource): Resource[] {
  const pages = Math.max(1, Math.ceil(total / site.postsPerPage));
  return Array.from({ length: pages }, (_, i) => make(i + 1));
}

/** Every page of one language, its paths made under its prefix (a blog in several languages). */
const resourcesOf = (b: Blog, list: readonly { slug: string }[]): Resource[] => {
  const under =
    (make: (f: Format) => string) =>
    (f: Format): string =>
      b.within(() => make(f));
  return [
    ...list.map((p) => ({ file: fileFor(b, p.slug), path: under((f) => postPath(p.slug, f)), schema: "post" as const })),
    ...pagesOf(list.length, (n) => ({ file: "content/posts", path: under((f) => indexPath(n, f)), schema: "index" })),
    { file: "content/posts", path: under(tagsPath), schema: "tags" },
    { file: "content/posts", path: under(archivePath), schema: "archive" },
    ...b.allPages().map((p) => ({
      file: `content/pages/${p.slug}${b.prefix ? `.${b.prefix.slice(1)}` : ""}.md`,
      path: under((f) => pagePath(p.slug, f)),
      schema: "page" as const,
    })),
    ...b.allSeries().map((s) => ({
      file: `series ${s.name}`,
      path: under((f) => seriesPath(s.slug, f)),
      schema: "seriesPage" as const,
    })),
    ...b.allTags().flatMap(({ tag, count }) =>
      pagesOf(count, (n) => ({
        file: `tag ${tag}`,
        path: under((f) => tagPath(tag, f, n)),
        schema: "tag" as const,
      })),
    ),
  ];
};
const resources: Resource[] = languages.flatMap(({ b, posts }) => resourcesOf(b, posts));

describe("every page of your blog answers in all three representations", () => {
  it(`${resources.length} pages × HTML, JSON and Markdown`, async () => {
    const problems: string[] = [];
    for (const r of resources) {
      for (const format of ["html", "json", "markdown"] as const) {
        const path = r.path(format);
        const res = await get(path);
        const type = res.headers.get("content-type");
        if (res.status !== 200 || type !== TYPES[format]) {
          problems.push(`${r.file} → ${path}: ${res.status} ${type}`);
          continue;
        }
        if (format === "json") {
          for (const e of schemaErrors(r.schema, await res.json())) problems.push(`${r.file} → ${path}: ${e}`);
        } else await res.arrayBuffer();
      }
    }
    expect(problems).toEqual([]);
  });
});

/** `href` and `src` values of an HTML fragment. */
function references(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) =>
    (m[1] ?? "")
      .replace(/&amp;/g, "&")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'"),
  );
}

describe("every internal link and image in every post resolves", () => {
  // In a blog in several languages, a translation's links are checked from its own URL.
  it(`${posts.length} posts`, async () => {
    const problems: string[] = [];
    const checked = new Map<string, number>();
    for (const meta of posts) {
      const file = fileFor(meta.blog, meta.slug);
      const page = meta.blog.within(() => postPath(meta.slug));
      const html = await (await get(page)).text();
      const json = meta.blog.within(() => postPath(meta.slug, "json"));
      const { html: body } = (await (await get(json)).json()) as { html: string };
      for (const ref of references(body)) {
        const url = new URL(ref, `${site.origin}${page}`);
        if (url.origin !== site.origin) continue; // other sites are not ours to check
        if (url.pathname === page && url.hash) {
          const id = decodeURIComponent(url.hash.slice(1));
          if (!html.includes(` id="${id}"`)) problems.push(`${file} → link ${ref}: no element with id "${id}"`);
          continue;
        }
        let status = checked.get(url.pathname);
        if (status === undefined) {
          // A post's files and cards are static assets, served before the Worker runs: ask them.
          const asset = /^\/(media|cards)\//.test(url.pathname);
          const res = asset ? await env.ASSETS.fetch(new Request(url)) : await get(url.pathname, "*/*");
          await res.arrayBuffer();
          status = res.status;
          checked.set(url.pathname, status);
        }
        if (status !== 200) problems.push(`${file} → link ${ref}: ${status}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("feeds, sitemap and crawler files parse", () => {
  it.each([
    "/sitemap.xml",
    "/opensearch.xml",
    ...blogs.flatMap((b) => b.within(() => [`${b.prefix}/feed.xml`, ...b.allTags().map(({ tag }) => tagFeedPath(tag, "atom"))])),
  ])("%s is well-formed XML", async (path) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(XMLValidator.validate(await res.text())).toBe(true);
  });

  it("/feed.json is JSON Feed 1.1 with every item's URL on this origin", async () => {
    const res = await get("/feed.json");
    expect(res.status).toBe(200);
    const feed = (await res.json()) as { version: string; items: { url: string }[] };
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.items.length).toBe(Math.min(languages[0]?.posts.length ?? 0, site.feedLimit));
    expect(feed.items.filter((i) => !i.url.startsWith(`${site.origin}/posts/`))).toEqual([]);
  });

  it.each(["/robots.txt", "/llms.txt", "/llms-full.txt"])("%s answers 200", async (path) => {
    const res = await get(path);
    await res.arrayBuffer();
    expect(res.status).toBe(200);
  });

  // The built-in icon, or, with content/site/favicon.*, a 302 to the blog's own, which answers.
  it.each(["/favicon.svg", "/favicon.ico"])("%s answers with the blog's icon", async (path) => {
    const res = await get(path);
    await res.arrayBuffer();
    if (!site.icons) return void expect(res.status).toBe(200);
    expect([res.status, res.headers.get("location")]).toEqual([302, site.icons.icon.url]);
    const icon = await env.ASSETS.fetch(new Request(`${site.origin}${site.icons.icon.url}`));
    await icon.arrayBuffer();
    expect(icon.status).toBe(200);
  });
});

describe("every post is published verbatim", () => {
  // A blog with no post file yet has nothing to compare (and an empty suite fails the run).
  if (fileOf.size === 0) it.skip("(skipped: content/posts has no post yet)", () => {});
  it.each([...fileOf].map(([key, file]) => [file, key]))("%s is its own Markdown", async (_file, key) => {
    const file = _file as string;
    const [language, slug = ""] = (key as string).split(":");
    const b = blogs.find((x) => x.language === language) as Blog;
    const res = await get(b.within(() => postPath(slug, "markdown")));
    // A draft or a post scheduled for later is not published: nothing to compare.
    if (!posts.some((p) => p.slug === slug && p.blog === b)) return void (await res.arrayBuffer());
    expect(res.status).toBe(200);
    // The source as written (in a blog in several languages, with its language and translations
    // added to its front matter); a post in a series or with related posts has them after it.
    const text = (await res.text()).replace(
      /\nlanguage: "[^"\n]*"(?:\ntranslations:(?:\n {2}- language: .*\n {4}url: .*)*)?(?=\n---)/,
      "",
    );
    const source = normalise(sources[`../../${file}`] ?? "");
    // A folder post's Markdown names its files by absolute URL; the rest is its source.
    if (file.endsWith("/index.md") || file.endsWith("/index.markdown")) return void expect(text.length).toBeGreaterThan(0);
    expect(text === source || text.startsWith(`${source.trimEnd()}\n\n---\n\n`)).toBe(true);
  });
});

/** The pipeline keeps sources without a BOM and with LF line endings. */
const normalise = (text: string) => text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");

// The first user's article, as shipped. An author who removes it skips this, and is told so.
const SAMPLE = "content/posts/rust-and-the-future-of-back-end-development.md";
const sample = sources[`../../${SAMPLE}`];
describe.skipIf(sample === undefined)(
  sample === undefined ? `the shipped sample post (skipped: ${SAMPLE} was removed)` : "the shipped sample post",
  () => {
    it("is served with its whole text and without the page's navigation line", async () => {
      const text = normalise(sample ?? "");
      const body = text.slice(text.indexOf("\n---\n", 4) + 5).trim();
      expect(body).not.toContain("← Back to posts");
      const html = await (await get(postPath(slugFromPath(SAMPLE)))).text();
      const paragraphs = body.split(/\n{2,}/).filter((p) => /^[A-Z]/.test(p));
      expect(paragraphs.length).toBeGreaterThan(5);
      const visible = html
        .replace(/<[^>]+>/g, "")
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, "&");
      expect(
        paragraphs.filter((p) => !visible.includes(p.replace(/\*\*|`/g, "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1"))),
      ).toEqual([]);
    });
  },
);
