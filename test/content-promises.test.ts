import { marked, type Token } from "marked";
import { describe, expect, it } from "vitest";
import { buildCollection, formatError, generateContentModule } from "../src/build/content/index.ts";
import { catalogueFor } from "../src/build/content/module.ts";
import { parseSite } from "../src/build/content/site.ts";
import { corpusFiles } from "../src/shared/corpus.ts";
import { absolute as absoluteOn } from "../src/shared/paths.ts";
import type { Post, SiteConfig } from "../src/shared/types.ts";
import { llmsFullTxt, llmsTxt } from "../src/worker/representations/feeds.ts";
import { indexMarkdown, tagMarkdown } from "../src/worker/representations/markdown.ts";
import { escapeMarkdown } from "../src/worker/representations/markdown-text.ts";
import laughs from "./fixtures/hostile/billion-laughs.md?raw";
import separators from "./fixtures/hostile/body-separators.md?raw";
import titleNewline from "./fixtures/hostile/title-newline.md?raw";

/**
 * What content can do to the build's promises (every problem reported as `file → field:
 * message`, never a stack trace; nothing built that breaks a later step): hostile YAML, line
 * separators, Markdown in single-line fields, a language Intl cannot format.
 */

const SITE_YAML = `title: A Blog
description: Notes.
author: Someone
language: en
origin: https://blog.example.org
`;
const siteFile = { path: "content/site.yaml", text: SITE_YAML };
const NOW = new Date("2026-01-01T00:00:00Z");
const build = (files: { path: string; text: string }[], site = siteFile) =>
  buildCollection(site, files, { includeDrafts: true, now: NOW });
const post = (front: string, body = "Some text.\n") => `---\n${front}\n---\n\n${body}`;

describe("hostile YAML is an error for its file, among the others", () => {
  it("a billion-laughs front matter names the file and keeps every other post's problems", () => {
    const result = build([
      { path: "content/posts/a-laughs.md", text: laughs },
      { path: "content/posts/b-no-title.md", text: post("date: 2025-01-01") },
      { path: "content/posts/c-fine.md", text: post("title: Fine\ndate: 2025-01-01") },
    ]);
    expect(result.errors.map(formatError)).toEqual([
      "content/posts/a-laughs.md → front matter: invalid YAML: Excessive alias count indicates a resource exhaustion attack",
      "content/posts/b-no-title.md → title: is required",
    ]);
    expect(result.posts.map((p) => p.slug)).toEqual(["c-fine"]);
  });

  it("so does YAML nested deeper than the parser's stack", () => {
    const deep = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
    const result = build([{ path: "content/posts/deep.md", text: post(`title: Deep\ndate: 2025-01-01\nx: ${deep}`) }]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.file).toBe("content/posts/deep.md");
    expect(result.errors[0]?.field).toMatch(/^(front matter|file)$/);
  });

  it("site.yaml too", () => {
    const text = `${SITE_YAML}${laughs.split("\n").slice(3, 10).join("\n")}\n`;
    expect(parseSite("content/site.yaml", text).errors.map(formatError)).toEqual([
      "content/site.yaml → (yaml): invalid YAML: Excessive alias count indicates a resource exhaustion attack",
    ]);
  });
});

describe("U+2028 and U+2029 in content cannot break the generated module", () => {
  const site: SiteConfig = parseSite(siteFile.path, SITE_YAML).site as SiteConfig;

  /** The JSON literals of the generated module, parsed back (what evaluating it gives). */
  function literals(module: string) {
    const between = (start: string, end: string) => {
      const from = module.indexOf(start) + start.length;
      return JSON.parse(module.slice(from, module.indexOf(end, from))) as unknown;
    };
    return {
      site: between("export const site: SiteConfig = ", ";\n"),
      posts: (between("export const corpus: CorpusManifest = ", ";\n") as { recent: unknown[] }).recent,
    };
  }

  it("a body with them builds, and its file (JSON, where they are plain characters) reads back the same", () => {
    const result = build([{ path: "content/posts/separators.md", text: separators }]);
    expect(result.errors).toEqual([]);
    const [p] = result.posts as [Post];
    expect(p.html).toContain("A line\u2028separator and a paragraph\u2029separator.");
    const corpus = corpusFiles(result.posts, {}, Date.now());
    const back = JSON.parse(corpus.files.find((f) => f.path === `/_content/posts/${p.slug}.json`)?.body ?? "") as { post: Post };
    expect(back.post.html).toBe(p.html);
    expect(back.post.markdown).toBe(separators);
    const module = generateContentModule(site, corpus.manifest);
    expect(module).not.toMatch(/[\u2028\u2029]/);
  });

  it("a title with them (were one to get past validation) is escaped and read back the same", () => {
    const [p] = build([{ path: "content/posts/t.md", text: post("title: T\ndate: 2025-01-01") }]).posts as [Post];
    const odd = { ...p, title: "Line\u2028para\u2029end", description: "d\u2028" };
    const oddSite = { ...site, title: "S\u2029" };
    const module = generateContentModule(oddSite, corpusFiles([odd], {}, Date.now()).manifest);
    expect(module).not.toMatch(/[\u2028\u2029]/);
    const back = literals(module);
    expect((back.posts as Post[])[0]?.title).toBe("Line\u2028para\u2029end");
    expect((back.posts as Post[])[0]?.description).toBe("d\u2028");
    expect((back.site as SiteConfig).title).toBe("S\u2029");
  });
});

describe("single-line fields are one line of text", () => {
  it.each([
    ["a title with newlines (Markdown injection)", titleNewline, "title: must be one line: it contains a line break (line 2)"],
    [
      "a title with U+2028",
      post('title: "a\\Lb"\ndate: 2025-01-01'),
      "title: must be one line: it contains a line break (line 2)",
    ],
    [
      "a description with a control character",
      post('title: T\ndate: 2025-01-01\ndescription: "ring \\a bell"'),
      "description: must not contain control characters: it contains U+0007 (line 4)",
    ],
    [
      "a literal block title",
      post("title: |\n  one\n  two\ndate: 2025-01-01"),
      "title: must be one line: it contains a line break (line 2)",
    ],
  ])("%s is a build error", (_name, text, message) => {
    expect(build([{ path: "content/posts/x.md", text }]).errors.map(formatError)).toEqual([`content/posts/x.md → ${message}`]);
  });

  it("folded and plain multi-line YAML still make one line", () => {
    const result = build([{ path: "content/posts/x.md", text: post("title: >\n  one\n  two\ndate: 2025-01-01") }]);
    expect(result.errors).toEqual([]);
    expect(result.posts[0]?.title).toBe("one two");
  });

  it("site.yaml's title, description and author too", () => {
    const text = SITE_YAML.replace("title: A Blog", 'title: "A\\n# Blog"').replace("author: Someone", 'author: "x\\ty"');
    expect(parseSite("content/site.yaml", text).errors.map(formatError)).toEqual([
      "content/site.yaml → title: must be one line: it contains a line break (line 1)",
      "content/site.yaml → author: must not contain control characters: it contains U+0009 (line 3)",
    ]);
  });
});

/** Every token of a Markdown document, depth first. */
function tokens(md: string): Token[] {
  const out: Token[] = [];
  marked.walkTokens(marked.lexer(md), (t) => {
    out.push(t);
  });
  return out;
}

describe("text in the Markdown representations stays text", () => {
  const site: SiteConfig = catalogueFor(parseSite(siteFile.path, SITE_YAML).site as SiteConfig);
  const HOSTILE = "x](https://evil.example/) <script>alert(1)</script> # *y* ![i](https://t.example/p.png) ~~s~~ | a &amp; `c`";
  const [p] = build([
    {
      path: "content/posts/hostile.md",
      text: post(
        `title: ${JSON.stringify(HOSTILE)}\ndate: 2025-01-01\ntags: [t]`,
        "&lt;script&gt;alert(2)&lt;/script&gt; and more.\n",
      ),
    },
  ]).posts as [Post];
  const url = absoluteOn(site, "/posts/hostile.md");

  it("a derived description decodes entities to text, which is then escaped", () => {
    expect(p.title).toBe(HOSTILE);
    expect(p.description).toBe("<script>alert(2)</script> and more.");
  });

  it.each([
    ["index.md", () => indexMarkdown(site, [p], 1, 1)],
    ["a tag page", () => tagMarkdown(site, "t", [p], 1, 1)],
    ["llms.txt", () => llmsTxt(site, [p])],
  ])("%s: one link per post, no HTML, no image, no extra heading", (_name, make) => {
    const md = make();
    const all = tokens(md);
    expect(all.filter((t) => t.type === "html")).toEqual([]);
    expect(all.filter((t) => t.type === "image")).toEqual([]);
    expect(all.filter((t) => t.type === "heading").map((t) => (t as { depth: number }).depth)).toEqual(
      _name === "llms.txt" ? [1, 2, 2] : [1],
    );
    const links = all.filter((t) => t.type === "link") as { href: string; text: string }[];
    expect(
      links.map((l) => l.href).filter((h) => h !== absoluteOn(site, "/llms-full.txt") && h !== absoluteOn(site, "/feed.xml")),
    ).toEqual([url]);
    const html = marked.parse(md, { async: false });
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
    expect(html).not.toContain("<del>");
  });

  it("llms-full.txt's post headings too", () => {
    const md = llmsFullTxt(site, [p], () => p);
    const headings = tokens(md).filter((t) => t.type === "heading") as { depth: number; text: string }[];
    expect(headings.map((h) => h.depth)).toEqual([1, 1]);
    // The only link is the bare URL line GFM autolinks; none comes from the title.
    expect(
      tokens(md)
        .filter((t) => t.type === "link")
        .map((t) => (t as { href: string }).href),
    ).toEqual([absoluteOn(site, "/posts/hostile")]);
  });

  it.each([
    ["# heading", "\\# heading"],
    ["- item", "\\- item"],
    ["+ item", "\\+ item"],
    ["1. item", "1\\. item"],
    ["2) item", "2\\) item"],
    ["===", "\\==="],
    ["> quote", "\\> quote"],
    ["a_b*c`d", "a\\_b\\*c\\`d"],
    ["Tom & Jerry", "Tom \\& Jerry"],
  ])("escapes %j as %j, which renders back to the text", (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
    const html = marked.parse(`- [x](https://a.example/)\n  ${escapeMarkdown(text)}`, { async: false });
    const shown = html
      .replace(/<[^>]+>/g, "")
      .replace(/&amp;/g, "&")
      .replace(/&gt;/g, ">")
      .trim();
    expect(shown).toBe(`x\n${text}`);
  });
});

describe("the site's language is one Intl can format dates in", () => {
  const withLanguage = (language: string) =>
    parseSite("content/site.yaml", SITE_YAML.replace("language: en", `language: ${language}`));

  it.each([
    ["en-gb-oed", 'language: must be a language tag like en or pt-BR: "en-gb-oed" is not a tag Intl accepts'],
    ["xx", 'language: "xx" is a language Intl has no date formats for, so dates would not be in it'],
    ["en_US", "language: must be a language tag like en or pt-BR"],
  ])("%s is a build error", (language, message) => {
    const errors = withLanguage(language).errors.map(formatError);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.startsWith(`content/site.yaml → ${message}`)).toBe(true);
  });

  it("a valid tag is kept in its canonical form", () => {
    expect(withLanguage("pt-br").site?.language).toBe("pt-BR");
    expect(withLanguage("en-GB").site?.language).toBe("en-GB");
    expect(withLanguage("zh-Hant-TW").site?.language).toBe("zh-Hant-TW");
  });
});
