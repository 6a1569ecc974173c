import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAlias } from "../src/build/content/aliases.ts";
import { buildCollection, formatError } from "../src/build/content/index.ts";
import type { SourceFile } from "../src/build/content/pipeline.ts";
import { RESERVED_SEGMENTS } from "../src/build/content/reserved.ts";

/** Aliases: old URLs of a post, checked alone and against the whole blog, into one map. */

const SITE = {
  path: "content/site.yaml",
  text: "title: T\ndescription: D\nauthor: A\nlanguage: en\norigin: https://blog.fixture.test\n",
};
const NOW = new Date("2026-01-01T00:00:00Z");
const post = (slug: string, front: string): SourceFile => ({
  path: `content/posts/${slug}.md`,
  text: `---\ntitle: T\ndate: 2025-01-01\n${front}\n---\n\nText.\n`,
});
const page = (slug: string): SourceFile => ({ path: `content/pages/${slug}.md`, text: "---\ntitle: P\n---\n\nText.\n" });
const build = (posts: SourceFile[], pages: SourceFile[] = [], includeDrafts = false) =>
  buildCollection(SITE, posts, { includeDrafts, now: NOW }, pages);
const messages = (posts: SourceFile[], pages: SourceFile[] = []) => build(posts, pages).errors.map(formatError);

describe("one alias", () => {
  it.each([
    ["old-slug", "/posts/old-slug"],
    ["/posts/old-slug", "/posts/old-slug"],
    ["/posts/old-slug/", "/posts/old-slug"],
    ["/2025/12/01/old-title/", "/2025/12/01/old-title"],
    ["/2025/12/01/old-title///", "/2025/12/01/old-title"],
    ["/Old_Title~2.html", "/Old_Title~2.html"],
    ["/blog/rust", "/blog/rust"],
    ["/feed", "/feed"],
    ["/about.html", "/about.html"],
  ])("%s answers at %s", (written, path) => {
    expect(parseAlias(written)).toEqual({ path });
  });

  it.each([
    [42, "must be text, got a number"],
    ["", "must not be empty"],
    ["Old Slug", '"Old Slug" must be a post slug (lower-case letters, digits and hyphens) or a path starting with /'],
    ["old_slug", '"old_slug" must be a post slug (lower-case letters, digits and hyphens) or a path starting with /'],
    ["posts/old", '"posts/old" must be a post slug (lower-case letters, digits and hyphens) or a path starting with /'],
    ["a".repeat(101), `"${"a".repeat(101)}" must be at most 100 characters, got 101`],
    ["/old?p=1", '"/old?p=1" must not have a query (?…): an alias is a path'],
    ["/old#top", '"/old#top" must not have a fragment (#…): an alias is a path'],
    ["/caf%C3%A9", '"/caf%C3%A9" may only hold letters, digits, "-", ".", "_", "~" and "/"'],
    ["/café", '"/café" may only hold letters, digits, "-", ".", "_", "~" and "/"'],
    ["/a b", '"/a b" may only hold letters, digits, "-", ".", "_", "~" and "/"'],
    ["/", '"/" is the home page, a route of the blog'],
    ["//", '"//" is the home page, a route of the blog'],
    ["//evil.example/x", '"//evil.example/x" must not have an empty segment (//)'],
    ["/a//b", '"/a//b" must not have an empty segment (//)'],
    ["/a/../b", '"/a/../b" must not have . or .. segments'],
    ["/./a", '"/./a" must not have . or .. segments'],
    ["/..", '"/.." must not have . or .. segments'],
    ["/tags/rust", '"/tags/rust" is a route of the blog (/tags)'],
    ["/feed.xml", '"/feed.xml" is a route of the blog (/feed.xml)'],
    ["/index.md", '"/index.md" is a route of the blog (/index.md)'],
    ["/page/2", '"/page/2" is a route of the blog (/page)'],
    ["/__preview/reload.js", '"/__preview/reload.js" is a route of the blog (/__preview)'],
    ["/cdn-cgi/preview/events", '"/cdn-cgi/preview/events" is a route of the blog (/cdn-cgi)'],
    ["/posts", '"/posts" is under /posts/, where an alias can only be an old post slug'],
    ["/posts/Old", '"/posts/Old" is under /posts/, where an alias can only be an old post slug'],
    ["/posts/old.json", '"/posts/old.json" is under /posts/, where an alias can only be an old post slug'],
    ["/posts/a/b", '"/posts/a/b" is under /posts/, where an alias can only be an old post slug'],
    [`/${"a".repeat(1000)}`, "must be at most 1000 characters, got 1001"],
  ])("%j is refused: %s", (written, problem) => {
    expect(parseAlias(written)).toEqual({ problem });
  });

  it("refuses every reserved first segment, whatever follows", () => {
    for (const segment of RESERVED_SEGMENTS.filter((s) => s !== "posts")) {
      expect(parseAlias(`/${segment}`)).toEqual({ problem: `"/${segment}" is a route of the blog (/${segment})` });
      expect(parseAlias(`/${segment}/x/`)).toEqual({ problem: `"/${segment}/x/" is a route of the blog (/${segment})` });
    }
  });

  it("always gives a path the Worker's guard leaves as it is, or a problem", () => {
    // src/worker/http/guard.ts: unreserved characters and `/`, no trailing slash, no empty or dot segment.
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."/ab.-_~?#%é ".split("")), maxLength: 20 }), (written) => {
        const parsed = parseAlias(written);
        if ("path" in parsed) {
          expect(parsed.path).toMatch(/^(\/[A-Za-z0-9\-_~.]+)+$/);
          expect(parsed.path.split("/").slice(1)).not.toContain(".");
          expect(parsed.path.split("/").slice(1)).not.toContain("..");
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("aliases across the blog", () => {
  it("map each old path to its post, for the router", () => {
    const result = build([
      post("new-name", "aliases: [old-name, /2025/12/01/old-title/, /posts/older-name]"),
      post("other", "aliases: [/blog/other]"),
    ]);
    expect(result.errors).toEqual([]);
    expect(result.aliases).toEqual({
      "/posts/old-name": "new-name",
      "/2025/12/01/old-title": "new-name",
      "/posts/older-name": "new-name",
      "/blog/other": "other",
    });
  });

  it("keep one alias written twice in one post", () => {
    const result = build([post("a", "aliases: [old, /posts/old/, old]")]);
    expect(result.errors).toEqual([]);
    expect(result.aliases).toEqual({ "/posts/old": "a" });
  });

  it("report an alias that is a post's URL, drafts included", () => {
    expect(messages([post("a", "aliases: [b, a, /posts/c]"), post("b", ""), post("c", "draft: true")])).toEqual([
      'content/posts/a.md → aliases[0]: "b" is the URL of content/posts/b.md (line 4)',
      'content/posts/a.md → aliases[1]: "a" is this post\'s own URL (line 4)',
      'content/posts/a.md → aliases[2]: "/posts/c" is the URL of content/posts/c.md (line 4)',
    ]);
  });

  it("report an alias another post already has, naming both files", () => {
    expect(
      messages([
        post("a", "aliases: [old, /x/y]"),
        post("b", "aliases: [/posts/old/]"),
        post("c", "draft: true\naliases: [/x/y/]"),
      ]),
    ).toEqual([
      'content/posts/b.md → aliases[0]: "/posts/old/" is also an alias of content/posts/a.md (line 4)',
      'content/posts/a.md → aliases[0]: "old" is also an alias of content/posts/b.md (line 4)',
      'content/posts/c.md → aliases[0]: "/x/y/" is also an alias of content/posts/a.md (line 5)',
      'content/posts/a.md → aliases[1]: "/x/y" is also an alias of content/posts/c.md (line 4)',
    ]);
  });

  it("report an alias that is a page's URL, in any representation, drafts included", () => {
    const draftPage = { path: "content/pages/now.md", text: "---\ntitle: Now\ndraft: true\n---\n\nText.\n" };
    expect(
      messages(
        [post("a", "aliases: [/about, /about.json, /about.md, /now/, /about.html, /about/team]")],
        [page("about"), draftPage],
      ),
    ).toEqual([
      'content/posts/a.md → aliases[0]: "/about" is a URL of the page content/pages/about.md (line 4)',
      'content/posts/a.md → aliases[1]: "/about.json" is a URL of the page content/pages/about.md (line 4)',
      'content/posts/a.md → aliases[2]: "/about.md" is a URL of the page content/pages/about.md (line 4)',
      'content/posts/a.md → aliases[3]: "/now/" is a URL of the page content/pages/now.md (line 4)',
    ]);
  });

  it("report a malformed field where it is", () => {
    expect(messages([post("a", "aliases: old"), post("b", "aliases: [ok, 3, /tags]")])).toEqual([
      "content/posts/a.md → aliases: must be a list like [old-slug, /2025/12/01/old-title/], got a string (line 4)",
      "content/posts/b.md → aliases[1]: must be text, got a number (line 4)",
      'content/posts/b.md → aliases[2]: "/tags" is a route of the blog (/tags) (line 4)',
    ]);
  });

  it("of a draft are checked but not served by a production build, and served by a preview", () => {
    const files = [post("a", "draft: true\naliases: [old-a]"), post("b", "aliases: [old-b]")];
    expect(build(files).aliases).toEqual({ "/posts/old-b": "b" });
    expect(build(files, [], true).aliases).toEqual({ "/posts/old-a": "a", "/posts/old-b": "b" });
  });
});
