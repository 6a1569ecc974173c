import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { entryPath, existingEntry, newPage } from "../src/authoring/new-post-template.ts";
import { parsePage } from "../src/build/content/index.ts";

/** `npm run new -- --page` and `--folder`: the page draft, where entries go, and what is taken. */

describe("the new page", () => {
  it("is exactly the template: a draft with its title and a nav comment", () => {
    expect(newPage('Uses: "tools"')).toEqual({
      ok: true,
      slug: "uses-tools",
      text: [
        "---",
        'title: "Uses: \\"tools\\""',
        "# nav: 1  (uncomment to list the page in the header navigation; lower numbers come first)",
        "# description: one sentence for search results (left out, the first paragraph is used)",
        "draft: true",
        "---",
        "",
        "Write the page here, in Markdown. Delete `draft: true` to publish it.",
        "",
      ].join("\n"),
    });
  });

  it("passes the content pipeline as a draft page, with the title exactly as typed", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1, maxLength: 200 }), (title) => {
        const made = newPage(title);
        fc.pre(made.ok);
        const { page, errors } = parsePage({ path: `content/pages/${made.slug}.md`, text: made.text });
        expect(errors).toEqual([]);
        expect(page?.title).toBe(title.trim());
        expect(page?.draft).toBe(true);
        expect(page).not.toHaveProperty("nav");
      }),
      { numRuns: 300 },
    );
  });

  it("lists the page in the navigation once the comment is removed", () => {
    const made = newPage("About");
    if (!made.ok) throw new Error(made.message);
    const text = made.text.replace(
      "# nav: 1  (uncomment to list the page in the header navigation; lower numbers come first)",
      "nav: 1",
    );
    expect(parsePage({ path: "content/pages/about.md", text }).page?.nav).toBe(1);
  });

  it.each([
    ["", "a title is required"],
    ["two\nlines", "the title must be one line of text"],
    [
      "日本語",
      "the title has no letters with a Latin spelling to name the file after: name it with --slug, like --slug my-first-post",
    ],
    ["Tags", "a page named tags would take /tags, which is the blog's own: choose another title or --slug"],
    ["Feed", "a page named feed would take /feed.json, which is the blog's own: choose another title or --slug"],
    ["Search!", "a page named search would take /search, which is the blog's own: choose another title or --slug"],
  ])("refuses %j: %s", (title, message) => {
    expect(newPage(title)).toEqual({ ok: false, message });
  });
});

describe("where a new entry goes", () => {
  it.each([
    ["post", "posts/my-title.md"],
    ["folder", "posts/my-title/index.md"],
    ["page", "pages/my-title.md"],
    ["page folder", "pages/my-title/index.md"],
  ] as const)("a %s goes to %s", (kind, path) => {
    expect(entryPath(kind, "my-title")).toBe(path);
  });
});

describe("a slug already taken", () => {
  const names = {
    posts: ["my-title.md", "Old-Notes.markdown", "photos", "my-title-2.md", ".DS_Store"],
    pages: ["about.md", "Now.md"],
  };
  it.each([
    ["my-title", "posts/my-title.md"],
    ["old-notes", "posts/Old-Notes.markdown"],
    ["photos", "posts/photos"],
    ["about", "pages/about.md"],
    ["now", "pages/Now.md"],
    ["my", undefined],
    ["title", undefined],
    ["my-title-3", undefined],
    ["ds-store", undefined],
  ])("%s → %s", (slug, taken) => {
    expect(existingEntry(slug, names)).toBe(taken);
  });
});
