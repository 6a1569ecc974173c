import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_SLUG, newPost, slugify, translationDraft, translationPath, yamlString } from "../src/authoring/new-post-template.ts";
import { isSlug } from "../src/build/content/fields.ts";
import { parsePost } from "../src/build/content/index.ts";

/** `npm run new`: the slug and draft it writes, checked against the real content pipeline. */

const NOW = new Date("2026-03-04T23:30:00Z");

describe("slugify", () => {
  it.each([
    ["My Title", "my-title"],
    ["Café & Crème: Part 2", "cafe-creme-part-2"],
    ["  --Hello,   World!--  ", "hello-world"],
    ["Straße über Ærø", "strasse-uber-aero"],
    ["ﬁne ½ measures", "fine-1-2-measures"],
    ["Rust 2024 — what's new?", "rust-2024-what-s-new"],
    ["日本語のタイトル", ""],
    ["Привет, мир: часть 2", "privet-mir-chast-2"],
    ["Щука и ёж", "shchuka-i-ezh"],
    ["Καλημέρα κόσμε", "kalimera-kosme"],
    ["Київ", "kiiv"],
  ])("%s → %s", (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it("cuts a long title at a word boundary", () => {
    const slug = slugify("word ".repeat(40));
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG);
    expect(slug).toBe(Array(16).fill("word").join("-"));
  });

  it("always gives a valid slug or nothing, whatever the title", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 120 }), (title) => {
        const slug = slugify(title);
        expect(slug === "" || (isSlug(slug) && slug.length <= MAX_SLUG)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("the new draft", () => {
  it("is exactly the template, dated today in UTC", () => {
    expect(newPost('Say "hi": a #1 post', NOW)).toEqual({
      ok: true,
      slug: "say-hi-a-1-post",
      text: [
        "---",
        'title: "Say \\"hi\\": a #1 post"',
        "date: 2026-03-04",
        "# description: one sentence for search results and feeds (left out, the first paragraph is used)",
        "tags: []",
        "draft: true",
        "---",
        "",
        "Write the post here, in Markdown. Delete `draft: true` to publish it.",
        "",
      ].join("\n"),
    });
  });

  it("passes the content pipeline as a draft, with the title exactly as typed", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1, maxLength: 200 }), (title) => {
        const made = newPost(title, NOW);
        fc.pre(made.ok);
        const { post, errors } = parsePost({ path: `content/posts/${made.slug}.md`, text: made.text });
        expect(errors).toEqual([]);
        expect(post?.title).toBe(title.trim());
        expect(post?.date).toBe("2026-03-04T00:00:00Z");
        expect(post?.draft).toBe(true);
        expect(post?.tags).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ["", "a title is required"],
    ["   ", "a title is required"],
    ["x".repeat(201), "the title must be at most 200 characters"],
    ["two\nlines", "the title must be one line of text"],
    [
      "日本語のタイトル",
      "the title has no letters with a Latin spelling to name the file after: name it with --slug, like --slug my-first-post",
    ],
    [
      "日本語のタイトル2",
      "the title has no letters with a Latin spelling to name the file after: name it with --slug, like --slug my-first-post",
    ],
    ["!!! ???", "the title needs at least one letter or digit to name the file after"],
  ])("refuses %j: %s", (title, message) => {
    expect(newPost(title, NOW)).toEqual({ ok: false, message });
  });

  it("names the file after --slug, whatever the title's script", () => {
    const made = newPost("日本語のタイトル", NOW, "nihongo-no-taitoru");
    expect(made.ok && made.slug).toBe("nihongo-no-taitoru");
    expect(made.ok && made.text.split("\n")[1]).toBe('title: "日本語のタイトル"');
  });

  it.each(["Nihongo", "a b", "-x", "a--b", "x".repeat(81)])("refuses --slug %j", (slug) => {
    expect(newPost("Title", NOW, slug)).toEqual({
      ok: false,
      message: `--slug ${JSON.stringify(slug)} must be lower-case letters a-z, digits and hyphens, like my-first-post`,
    });
  });

  it("quotes what YAML cannot hold literally", () => {
    expect(yamlString("a\u007fb\u0085c")).toBe('"a\\u007fb\\u0085c"');
    expect(yamlString("tab\there")).toBe('"tab\\there"');
  });
});

describe("titles the pipeline would refuse are refused up front", () => {
  it.each([
    ["next\u0085line", "the title must be one line of text"],
    ["para\u2029graph", "the title must be one line of text"],
    ["bell\u0007", "the title must not contain control characters"],
    ["c1\u009bcontrol", "the title must not contain control characters"],
  ])("%j: %s", (title, message) => {
    expect(newPost(title, NOW)).toEqual({ ok: false, message });
  });
});

describe("a translation's draft (npm run new -- --translate)", () => {
  it("is the original, to translate in place, kept off the site as a draft", () => {
    expect(translationDraft("---\ntitle: Hello\ndate: 2025-12-01\ntags: [a]\n---\n\nThe body.\n")).toBe(
      "---\ntitle: Hello\ndate: 2025-12-01\ntags: [a]\ndraft: true\n---\n\nThe body.\n",
    );
    // The original's own draft line gives way, whatever it said; a BOM and CRLF do not survive.
    expect(translationDraft("\uFEFF---\r\ndraft: false\r\ntitle: Hi\r\n---\r\nText\r\n")).toBe(
      "---\ntitle: Hi\ndraft: true\n---\nText\n",
    );
  });

  it("leaves the original's old URLs to the original: a copy would claim them twice and fail the build", () => {
    for (const aliases of [
      "aliases: [old-hello, /2024/hello]\n",
      "aliases:\n  - old-hello\n  - /2024/hello\n",
      "aliases:\n- old-hello\n- /2024/hello\n",
      "aliases: # renamed in 2025\n  [old-hello,\n   /2024/hello]\n",
      // A blank line or a comment inside the list is still the list's.
      "aliases:\n  - old-hello\n\n  - /2024/hello\n",
      "aliases:\n  - old-hello\n# renamed again\n  - /2024/hello\n",
    ]) {
      expect(translationDraft(`---\ntitle: Hello\n${aliases}series: Travel\n---\n\nBody.\n`)).toBe(
        "---\ntitle: Hello\nseries: Travel\ndraft: true\n---\n\nBody.\n",
      );
    }
  });

  it("keeps the rest of the front matter as written, and closes front matter that never was", () => {
    expect(translationDraft("---\ntitle: Hello # the first\naliases: [a]\ntags:\n  - x   # mine\n---\nBody\n")).toBe(
      "---\ntitle: Hello # the first\ntags:\n  - x   # mine\ndraft: true\n---\nBody\n",
    );
    expect(translationDraft("---\ntitle: Hello\naliases: [a]")).toBe("---\ntitle: Hello\ndraft: true\n---\n");
    expect(translationDraft("---\ntitle: Hello")).toBe("---\ntitle: Hello\ndraft: true\n---\n");
  });

  it("goes beside the original, named by its language, lower-cased", () => {
    expect(translationPath("content/posts/hello.md", "pt-BR")).toBe("content/posts/hello.pt-br.md");
    expect(translationPath("content/posts/trip/index.markdown", "ja")).toBe("content/posts/trip/index.ja.markdown");
    expect(translationPath("content/pages/about.md", "ar")).toBe("content/pages/about.ar.md");
  });
});
