import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildCollection } from "../src/build/content/index.ts";
import type { SourceFile } from "../src/build/content/pipeline.ts";
import { relatedIndexes } from "../src/build/content/related.ts";

/** Related posts: most shared tags first, newest first among equals, never itself, at most three. */

const SITE = {
  path: "content/site.yaml",
  text: "title: T\ndescription: D\nauthor: A\nlanguage: en\norigin: https://blog.fixture.test\n",
};
const NOW = new Date("2026-01-01T00:00:00Z");
const post = (slug: string, date: string, tags: string[], front = ""): SourceFile => ({
  path: `content/posts/${slug}.md`,
  text: `---\ntitle: ${slug}\ndate: ${date}\ntags: [${tags.join(", ")}]\n${front}\n---\n\nText.\n`,
});
const build = (posts: SourceFile[], includeDrafts = false) => buildCollection(SITE, posts, { includeDrafts, now: NOW });
const relatedOf = (result: ReturnType<typeof build>) => Object.fromEntries(result.posts.map((p) => [p.slug, p.related]));

/** The definition, by brute force over every pair: what the tag index must agree with. */
function bruteForce(posts: { tags: string[] }[], candidate: (i: number) => boolean, limit = 3): number[][] {
  return posts.map((p, i) =>
    posts
      .map((q, j) => ({ j, shared: q.tags.filter((t) => p.tags.includes(t)).length }))
      .filter(({ j, shared }) => j !== i && shared > 0 && candidate(j))
      .sort((a, b) => b.shared - a.shared || a.j - b.j)
      .slice(0, limit)
      .map(({ j }) => j),
  );
}

describe("related posts", () => {
  it("rank by shared tags, then newest, and leave out posts sharing none", () => {
    const result = build([
      post("base", "2025-01-01", ["rust", "http", "cache"]),
      post("two-old", "2024-01-01", ["rust", "http"]),
      post("two-new", "2025-06-01", ["http", "cache"]),
      post("one-newest", "2025-12-01", ["rust"]),
      post("one-older", "2025-11-01", ["cache"]),
      post("three", "2023-01-01", ["rust", "http", "cache", "go"]),
      post("none", "2025-12-31", ["go"]),
      post("untagged", "2025-12-30", []),
    ]);
    expect(result.errors).toEqual([]);
    expect(relatedOf(result)).toEqual({
      none: ["three"],
      untagged: [],
      "one-newest": ["base", "two-old", "three"],
      "one-older": ["two-new", "base", "three"],
      "two-new": ["base", "three", "one-older"],
      base: ["three", "two-new", "two-old"],
      "two-old": ["base", "three", "one-newest"],
      three: ["base", "two-new", "two-old"],
    });
  });

  it("never name a post that is not published yet in production; a preview may", () => {
    const files = [
      post("live", "2025-01-01", ["rust"]),
      post("later", "2026-06-01", ["rust"]),
      post("other", "2025-02-01", ["rust"]),
    ];
    expect(relatedOf(build(files))).toEqual({ later: ["other", "live"], other: ["live"], live: ["other"] });
    expect(relatedOf(build(files, true))).toEqual({
      later: ["other", "live"],
      other: ["later", "live"],
      live: ["later", "other"],
    });
  });

  it("never name a draft left out of production", () => {
    const files = [post("a", "2025-01-01", ["x"]), post("b", "2025-02-01", ["x"], "draft: true")];
    expect(relatedOf(build(files))).toEqual({ a: [] });
    expect(relatedOf(build(files, true))).toEqual({ b: ["a"], a: ["b"] });
  });

  it("agree with the definition on any blog", () => {
    const tagged = fc.array(fc.uniqueArray(fc.constantFrom("a", "b", "c", "d", "e", "f"), { maxLength: 4 }), { maxLength: 40 });
    fc.assert(
      fc.property(tagged, fc.func(fc.boolean()), fc.integer({ min: 1, max: 5 }), (tags, pick, limit) => {
        const posts = tags.map((t) => ({ tags: t }));
        const candidate = (i: number) => pick(i);
        const expected = bruteForce(posts, candidate, limit);
        expect(relatedIndexes(posts, candidate, limit, Number.POSITIVE_INFINITY)).toEqual(expected);
        expect(relatedIndexes(posts, candidate, limit, 1)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("agree with the definition when one tag is on most posts and few share a set", () => {
    // The shapes the counting shortcuts are for: the longest list looked up, sets shared.
    const post = fc.record({
      common: fc.boolean(),
      own: fc.uniqueArray(fc.constantFrom(..."abcdefghijkl".split("")), { maxLength: 5 }),
    });
    fc.assert(
      fc.property(
        fc.array(post, { maxLength: 80 }),
        fc.func(fc.boolean()),
        fc.integer({ min: 1, max: 4 }),
        (shape, pick, limit) => {
          const posts = shape.map((p) => ({ tags: p.common ? ["common", ...p.own] : p.own }));
          const candidate = (i: number) => pick(i);
          const expected = bruteForce(posts, candidate, limit);
          // Walking every list, and looking up every longest one: the same answer.
          expect(relatedIndexes(posts, candidate, limit, Number.POSITIVE_INFINITY)).toEqual(expected);
          expect(relatedIndexes(posts, candidate, limit, 1)).toEqual(expected);
          expect(relatedIndexes(posts, candidate, limit)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
