import { describe, expect, it } from "vitest";
import { buildCollection, formatError } from "../src/build/content/index.ts";
import type { SourceFile } from "../src/build/content/pipeline.ts";

/** Series: posts naming the same series, linked in date order; spellings and lone posts checked. */

const SITE = {
  path: "content/site.yaml",
  text: "title: T\ndescription: D\nauthor: A\nlanguage: en\norigin: https://blog.fixture.test\n",
};
const NOW = new Date("2026-01-01T00:00:00Z");
const post = (slug: string, date: string, front = ""): SourceFile => ({
  path: `content/posts/${slug}.md`,
  text: `---\ntitle: ${slug}\ndate: ${date}\n${front}\n---\n\nText.\n`,
});
const build = (posts: SourceFile[], includeDrafts = false) => buildCollection(SITE, posts, { includeDrafts, now: NOW });

describe("a series", () => {
  it("links its posts oldest first, and gives each post its part", () => {
    const result = build([
      post("part-two", "2025-02-01", 'series: "Rust Async"'),
      post("part-one", "2025-01-01", 'series: "Rust Async"'),
      post("part-three", "2025-03-01", 'series: "Rust Async"'),
      post("alone", "2025-01-15"),
      post("b-first", "2025-05-01", "series: Café & Crème"),
      post("a-first", "2025-05-01", "series: Café & Crème"),
    ]);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.series).toEqual([
      { slug: "cafe-creme", name: "Café & Crème", posts: ["a-first", "b-first"] },
      { slug: "rust-async", name: "Rust Async", posts: ["part-one", "part-two", "part-three"] },
    ]);
    const parts = Object.fromEntries(result.posts.map((p) => [p.slug, p.series]));
    expect(parts).toEqual({
      "part-one": { slug: "rust-async", name: "Rust Async", part: 1, of: 3 },
      "part-two": { slug: "rust-async", name: "Rust Async", part: 2, of: 3 },
      "part-three": { slug: "rust-async", name: "Rust Async", part: 3, of: 3 },
      alone: undefined,
      "a-first": { slug: "cafe-creme", name: "Café & Crème", part: 1, of: 2 },
      "b-first": { slug: "cafe-creme", name: "Café & Crème", part: 2, of: 2 },
    });
    expect(result.posts.find((p) => p.slug === "alone")).not.toHaveProperty("series");
  });

  it("counts drafts only where they are built: in a preview, not in production", () => {
    const files = [
      post("one", "2025-01-01", "series: S"),
      post("two", "2025-02-01", "series: S\ndraft: true"),
      post("three", "2025-03-01", "series: S"),
    ];
    expect(build(files).series).toEqual([{ slug: "s", name: "S", posts: ["one", "three"] }]);
    expect(build(files).posts.map((p) => p.series?.part)).toEqual([2, 1]);
    expect(build(files, true).series).toEqual([{ slug: "s", name: "S", posts: ["one", "two", "three"] }]);
  });

  it("of one post is a warning, not an error, and still a series", () => {
    const result = build([post("only", "2025-01-01", "series: Lonely Notes"), post("other", "2025-01-02")]);
    expect(result.errors).toEqual([]);
    expect(result.warnings.map(formatError)).toEqual([
      'content/posts/only.md → series: "Lonely Notes" has only this post: a series links two or more (line 4)',
    ]);
    expect(result.series).toEqual([{ slug: "lonely-notes", name: "Lonely Notes", posts: ["only"] }]);
    expect(result.posts.find((p) => p.slug === "only")?.series).toEqual({
      slug: "lonely-notes",
      name: "Lonely Notes",
      part: 1,
      of: 1,
    });
  });

  it("whose second post is a draft warns in production, where it has one post", () => {
    const files = [post("one", "2025-01-01", "series: S"), post("two", "2025-02-01", "series: S\ndraft: true")];
    expect(build(files).warnings.map(formatError)).toEqual([
      'content/posts/one.md → series: "S" has only this post: a series links two or more (line 4)',
    ]);
    expect(build(files, true).warnings).toEqual([]);
  });
});

describe("series problems", () => {
  it("two spellings of one slug are an error on each post not spelt like the first, drafts too", () => {
    const result = build([
      post("a", "2025-01-01", 'series: "Rust Async"'),
      post("b", "2025-02-01", 'series: "rust async"'),
      post("c", "2025-03-01", 'series: "Rust Async"'),
      post("d", "2025-04-01", 'series: "Rust: Async!"\ndraft: true'),
    ]);
    expect(result.errors.map(formatError)).toEqual([
      'content/posts/b.md → series: "rust async" and "Rust Async" (content/posts/a.md) make the same series slug, rust-async: spell the series the same way in every post (line 4)',
      'content/posts/d.md → series: "Rust: Async!" and "Rust Async" (content/posts/a.md) make the same series slug, rust-async: spell the series the same way in every post (line 4)',
    ]);
  });

  it.each([
    ["series: 3", "content/posts/a.md → series: must be text, got a number (line 4)"],
    ['series: ""', "content/posts/a.md → series: must not be empty (line 4)"],
    [
      'series: "日本語"',
      'content/posts/a.md → series: "日本語" needs a letter or digit (a-z, 0-9) to make the series\' slug from (line 4)',
    ],
    ['series: "A\\nB"', "content/posts/a.md → series: must be one line: it contains a line break (line 4)"],
    [`series: ${"x".repeat(201)}`, "content/posts/a.md → series: must be at most 200 characters, got 201 (line 4)"],
  ])("%s", (front, message) => {
    expect(build([post("a", "2025-01-01", front)]).errors.map(formatError)).toEqual([message]);
  });

  it("a long name makes a slug of at most 100 characters, cut at a word", () => {
    const name = "word ".repeat(30).trim();
    const result = build([post("a", "2025-01-01", `series: ${name}`), post("b", "2025-01-02", `series: ${name}`)]);
    expect(result.series[0]?.slug).toBe(Array(20).fill("word").join("-"));
  });
});
