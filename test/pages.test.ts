import { describe, expect, it } from "vitest";
import { buildCollection, formatError, parsePage } from "../src/build/content/index.ts";
import { renderMarkdown } from "../src/build/content/markdown.ts";
import type { MediaFile } from "../src/build/content/media.ts";
import { classifyPageEntry, navigationOrder } from "../src/build/content/pages.ts";
import type { SourceFile } from "../src/build/content/pipeline.ts";
import { RESERVED_SEGMENTS, reservedRouteFor } from "../src/build/content/reserved.ts";
import type { PageMeta } from "../src/shared/types.ts";

/**
 * Pages (content/pages/<slug>.md, or <slug>/index.md with its files): parsed like posts, with
 * their own fields and URL rules.
 */

const SITE = {
  path: "content/site.yaml",
  text: "title: T\ndescription: D\nauthor: A\nlanguage: en\norigin: https://blog.fixture.test\n",
};
const NOW = new Date("2026-01-01T00:00:00Z");
const page = (front: string, body = "Some text.\n") => `---\n${front}\n---\n\n${body}`;
const at = (slug: string, front: string, body?: string) => ({ path: `content/pages/${slug}.md`, text: page(front, body) });
const build = (pages: SourceFile[], includeDrafts = false) => buildCollection(SITE, [], { includeDrafts, now: NOW }, pages);
const messages = (pages: SourceFile[]) => build(pages).errors.map(formatError);

describe("a page", () => {
  it("parses into a complete record", () => {
    const text = page(
      'title: "About me"\ndescription: Who writes here.\nupdated: 2025-06-01\nnav: 2',
      "I build **back-end** systems.\n\n## Contact\n\nBy mail.\n",
    );
    const { page: p, errors } = parsePage({ path: "content/pages/about.md", text });
    expect(errors).toEqual([]);
    expect(p).toEqual({
      slug: "about",
      title: "About me",
      description: "Who writes here.",
      updated: "2025-06-01T00:00:00Z",
      nav: 2,
      draft: false,
      html: renderMarkdown("I build **back-end** systems.\n\n## Contact\n\nBy mail.\n").html,
      markdown: text,
      bodyStart: text.indexOf("\nI build"),
      headings: [{ depth: 2, id: "contact", text: "Contact" }],
    });
  });

  it("has only title and draft when nothing else is given, and a description derived like a post's", () => {
    const { page: p } = parsePage(at("now", "title: Now", "What I am doing *now* in 2026.\n"));
    expect(p && { slug: p.slug, title: p.title, description: p.description, draft: p.draft }).toEqual({
      slug: "now",
      title: "Now",
      description: "What I am doing now in 2026.",
      draft: false,
    });
    expect(p).not.toHaveProperty("updated");
    expect(p).not.toHaveProperty("nav");
  });

  it("renders math and footnotes like a post", () => {
    const { page: p, errors } = parsePage(at("uses", "title: Uses", "Cost is $O(n)$.[^1]\n\n[^1]: Amortised.\n"));
    expect(errors).toEqual([]);
    expect(p?.html).toContain("<math>");
    expect(p?.html).toContain('<section class="footnotes" aria-labelledby="fn:label">');
  });
});

describe("page problems are reported as `file → field: message`", () => {
  const cases: [string, string, string[]][] = [
    ["a date", "title: A\ndate: 2025-01-01", ["content/pages/a.md → date: pages have no date; use updated (line 3)"]],
    ["tags", "title: A\ntags: [x]", ["content/pages/a.md → tags: pages have no tags (line 3)"]],
    [
      "a misspelt field",
      "title: A\nNav: 1",
      ["content/pages/a.md → Nav: unknown field (did you mean nav?); known: title, description, updated, nav, draft (line 3)"],
    ],
    [
      "a post's field",
      "title: A\nseries: S",
      ["content/pages/a.md → series: unknown field; known: title, description, updated, nav, draft (line 3)"],
    ],
    ["no title", "nav: 1", ["content/pages/a.md → title: is required"]],
    [
      "a title of two lines",
      'title: "A\\nB"',
      ["content/pages/a.md → title: must be one line: it contains a line break (line 2)"],
    ],
    [
      "a fractional nav",
      "title: A\nnav: 1.5",
      ["content/pages/a.md → nav: must be a whole number from 0 to 1000 (its place in the navigation), got 1.5 (line 3)"],
    ],
    [
      "a negative nav",
      "title: A\nnav: -1",
      ["content/pages/a.md → nav: must be a whole number from 0 to 1000 (its place in the navigation), got -1 (line 3)"],
    ],
    [
      "a nav that is text",
      "title: A\nnav: first",
      ["content/pages/a.md → nav: must be a whole number from 0 to 1000 (its place in the navigation), got a string (line 3)"],
    ],
    [
      "a draft that is not a flag",
      "title: A\ndraft: 1",
      ["content/pages/a.md → draft: must be true or false, got a number (line 3)"],
    ],
    [
      "an impossible updated",
      "title: A\nupdated: 2025-02-30",
      ['content/pages/a.md → updated: "2025-02-30" is not a real date (line 3)'],
    ],
    ["updated in the future", "title: A\nupdated: 2099-01-01", ["content/pages/a.md → updated: is in the future (line 3)"]],
  ];
  it.each(cases)("%s", (_name, front, expected) => {
    expect(messages([at("a", front)])).toEqual(expected);
  });

  it("reports YAML errors, an empty body and math that does not parse", () => {
    expect(
      messages([
        { path: "content/pages/a.md", text: "---\ntitle: [unclosed\n---\nbody\n" },
        at("b", "title: B", "\n"),
        at("c", "title: C", "$\\frac{1}{$\n"),
      ]),
    ).toEqual([
      "content/pages/a.md → front matter: invalid YAML at line 2: Flow sequence in block collection must be sufficiently indented and end with a ]",
      "content/pages/b.md → body: is empty: a page needs some markdown after the front matter",
      "content/pages/c.md → body: cannot render math \"\\frac{1}{\": Unexpected end of input in a macro argument, expected '}' at end of input",
    ]);
  });

  it("checks the body's HTML against the allow-list, with the source line", () => {
    expect(messages([at("a", "title: A", "Fine.\n\n<script>alert(1)</script>\n")])).toEqual([
      "content/pages/a.md → body: <script> is not allowed in a post (line 7)",
    ]);
  });

  it("rejects file names that are not slugs, and duplicates in any case", () => {
    expect(
      messages([
        { path: "content/pages/About Me.md", text: page("title: A") },
        { path: "content/pages/Now.md", text: page("title: N") },
        { path: "content/pages/now.md", text: page("title: N") },
      ]),
    ).toEqual([
      'content/pages/About Me.md → slug: "About Me" (the file name) must be lower-case letters, digits and hyphens',
      'content/pages/Now.md → slug: "Now" (the file name) must be lower-case letters, digits and hyphens',
      'content/pages/now.md → slug: "now" is already used by content/pages/Now.md',
    ]);
  });
});

describe("a page slug that is a route of the blog", () => {
  it.each([
    ["tags", "/tags"],
    ["posts", "/posts"],
    ["index", "/index"],
    ["sitemap", "/sitemap"],
    ["series", "/series"],
    ["feed", "/feed.json"],
    ["archive", "/archive"],
  ])("%s is an error naming %s", (slug, route) => {
    expect(messages([at(slug, "title: X")])).toEqual([
      `content/pages/${slug}.md → slug: "${slug}" (the file name) would take ${route}, which is the blog's own: choose another name`,
    ]);
  });

  it("is exactly a reserved segment, or one whose .json or .md form is", () => {
    const slugs = ["feed", "llms", "robots", "favicon", "opensearch", "about", "now", "tag", "pages", "media", "cards"];
    const taken = slugs.filter((s) => reservedRouteFor(s) !== undefined);
    expect(taken).toEqual(["feed", "media", "cards"]);
    // Every reserved segment that could be a file name is refused.
    for (const segment of RESERVED_SEGMENTS) {
      const base = segment.replace(/\.(json|md)$/, "");
      if (/^[a-z0-9-]+$/.test(base)) expect(reservedRouteFor(base), segment).toBeDefined();
    }
  });
});

describe("the collection's pages", () => {
  it("are sorted by slug; drafts are left out of production builds and kept in previews", () => {
    const files = [at("uses", "title: Uses"), at("about", "title: About"), at("now", "title: Now\ndraft: true")];
    const prod = build(files);
    expect(prod.errors).toEqual([]);
    expect(prod.pages.map((p) => p.slug)).toEqual(["about", "uses"]);
    expect(prod.skipped.draftPages).toEqual(["now"]);
    const preview = build(files, true);
    expect(preview.pages.map((p) => [p.slug, p.draft])).toEqual([
      ["about", false],
      ["now", true],
      ["uses", false],
    ]);
    expect(preview.skipped.draftPages).toEqual([]);
  });

  it("give the navigation: pages with nav, by nav, then title ignoring case, then slug", () => {
    const result = build([
      at("contact", "title: Contact\nnav: 3"),
      at("uses", "title: uses\nnav: 1"),
      at("about", "title: About\nnav: 1"),
      at("now", "title: Now\nnav: 0"),
      at("colophon", "title: Colophon"),
      at("about-too", "title: About\nnav: 1"),
    ]);
    expect(result.errors).toEqual([]);
    expect(result.navigation).toEqual(["now", "about", "about-too", "uses", "contact"]);
  });

  it("navigation order does not depend on the order pages come in", () => {
    const meta = (slug: string, title: string, nav?: number): PageMeta => ({
      slug,
      title,
      description: "",
      draft: false,
      ...(nav === undefined ? {} : { nav }),
    });
    const list = [meta("b", "B", 1), meta("a", "b", 1), meta("c", "A", 2), meta("d", "D")];
    expect(navigationOrder(list)).toEqual(["b", "a", "c"]);
    expect(navigationOrder([...list].reverse())).toEqual(["b", "a", "c"]);
  });
});

describe("entries of content/pages", () => {
  it.each([
    ["content/pages/about.md", false, { kind: "page" }],
    ["content/pages/about.markdown", false, { kind: "page" }],
    ["content/pages/.DS_Store", false, { kind: "ignored" }],
    [
      "content/pages/team",
      true,
      {
        kind: "error",
        error: {
          file: "content/pages/team",
          field: "file",
          message: "is a folder without index.md: a folder page is content/pages/team/index.md, with its files beside it",
        },
      },
    ],
    [
      "content/pages/notes.txt",
      false,
      {
        kind: "error",
        error: {
          file: "content/pages/notes.txt",
          field: "file",
          message: "is not a page: pages are .md or .markdown files, or folders with an index.md",
        },
      },
    ],
  ])("%s", (path, isDirectory, expected) => {
    expect(classifyPageEntry(path, isDirectory)).toEqual(expected);
  });

  it("a folder with index.md is a page, with its translations in a blog in several languages, as for posts", () => {
    expect(classifyPageEntry("content/pages/about", true, ["me.jpg", "index.md"])).toEqual({
      kind: "folder",
      index: "index.md",
      indexes: ["index.md"],
    });
    expect(classifyPageEntry("content/pages/about", true, ["index.pt-br.md", "me.jpg", "index.md"], true)).toEqual({
      kind: "folder",
      index: "index.md",
      indexes: ["index.md", "index.pt-br.md"],
    });
    expect(classifyPageEntry("content/pages/about", true, ["index.md", "index.markdown"])).toMatchObject({
      kind: "error",
      error: { message: "has index.markdown and index.md: a folder page has one index.md" },
    });
  });
});

describe("images in a page, checked as in a post", () => {
  // A page could show no image, and the build said nothing: each of these deployed broken.
  const TRIAL = "![me](https://example.com/me.jpg)\n\n![](./me.jpg)\n\n![x](/x.png)\n";
  const H = "0123456789ab";
  /** The author's photo, 800×600, as the build describes one (src/build/media/ makes it from the file). */
  const ME: MediaFile = {
    url: `/media/${H}/me.jpg`,
    image: {
      width: 800,
      height: 600,
      formats: [
        {
          type: "image/webp",
          candidates: [
            { url: `/media/${H}/me-640.webp`, width: 640, height: 480 },
            { url: `/media/${H}/me-800.webp`, width: 800, height: 600 },
          ],
        },
        {
          type: "image/jpeg",
          candidates: [
            { url: `/media/${H}/me-640.jpg`, width: 640, height: 480 },
            { url: `/media/${H}/me.jpg`, width: 800, height: 600 },
          ],
        },
      ],
    },
  };
  const ORIGIN = "https://blog.fixture.test";
  const FOLDER = "content/pages/about/index.md";
  const inFolder = (front: string, body: string) => ({
    path: FOLDER,
    text: page(front, body),
    media: { files: { "me.jpg": ME } },
  });
  const noAlt = (href: string) =>
    `image ${href} has no alt text: say what it shows, ![a short description](${href}), or mark an image that adds nothing ![](${href}){decorative}`;
  const toFolder = "make it a folder page (pages/<slug>/index.md)";

  it("in a single-file page: each is an error at its line, saying to make it a folder page", () => {
    expect(messages([at("about", "title: About", TRIAL)])).toEqual([
      `content/pages/about.md → body: https://example.com/me.jpg is not on the blog, and the blog's pages load images only from the blog itself: ${toFolder}, put the file in that folder and write ./me.jpg (line 5)`,
      `content/pages/about.md → body: ./me.jpg is a file beside the page, but a single-file page has no folder: ${toFolder} and put the file in that folder (line 7)`,
      `content/pages/about.md → body: ${noAlt("./me.jpg")} (line 7)`,
      `content/pages/about.md → body: /x.png is not a file the blog has: a page's images are the files in its own folder, so ${toFolder}, put the file in that folder and write ./x.png (line 9)`,
    ]);
    expect(messages([at("about", "title: About", "![A hill](../hill.png)\n")])).toEqual([
      `content/pages/about.md → body: ../hill.png is outside the page, and a single-file page has no folder: ${toFolder}, put the file in that folder and write ./hill.png (line 5)`,
    ]);
  });

  it("in a folder page: its own files show as a post's do, and are its image for link previews", () => {
    const { page: p, errors } = parsePage(
      inFolder("title: About", "Me.\n\n![The author on a hill](./me.jpg)\n"),
      undefined,
      ORIGIN,
    );
    expect(errors).toEqual([]);
    expect(p?.slug).toBe("about");
    expect(p?.html).toBe(
      `<p>Me.</p>\n<p><picture><source type="image/webp" srcset="/media/${H}/me-640.webp 640w, /media/${H}/me-800.webp 800w" sizes="(min-width: 42.5rem) 40rem, calc(100vw - 2.5rem)"><img src="/media/${H}/me.jpg" alt="The author on a hill" srcset="/media/${H}/me-640.jpg 640w, /media/${H}/me.jpg 800w" sizes="(min-width: 42.5rem) 40rem, calc(100vw - 2.5rem)" width="800" height="600"></picture></p>\n`,
    );
    expect(p?.image).toEqual({ url: `${ORIGIN}/media/${H}/me.jpg`, width: 800, height: 600, alt: "The author on a hill" });
    expect(p?.markdown).toBe(page("title: About", `Me.\n\n![The author on a hill](${ORIGIN}/media/${H}/me.jpg)\n`));
  });

  it("in a folder page: what cannot show is an error at its line, naming the page's folder", () => {
    const { errors } = parsePage(
      inFolder("title: About", `${TRIAL}\n![A hill](../hill.png) ![A cat](./cat.jpg)\n`),
      undefined,
      ORIGIN,
    );
    expect(errors.map(formatError)).toEqual([
      `${FOLDER} → body: https://example.com/me.jpg is not on the blog, and the blog's pages load images only from the blog itself: put the file in the page's folder and write ./me.jpg (line 5)`,
      `${FOLDER} → body: ${noAlt("./me.jpg")} (line 7)`,
      `${FOLDER} → body: /x.png is not a file the blog has: a page's images are the files in its own folder, so put the file in the page's folder and write ./x.png (line 9)`,
      `${FOLDER} → body: ../hill.png points outside the page's folder: a page can only use files in its own folder (link to another post as /posts/<slug>) (line 11)`,
      `${FOLDER} → body: ./cat.jpg does not exist in the page's folder (line 11)`,
    ]);
  });

  // Each said "post" before, to an author writing a page.
  it("what names no file of a page, or names one where the build cannot use it, says page", () => {
    const folder = (body: string) => parsePage(inFolder("title: About", body), undefined, ORIGIN).errors.map(formatError);
    expect(folder("![x](./)\n")).toEqual([`${FOLDER} → body: ./ is the page's folder, not a file in it (line 5)`]);
    expect(folder('<img src="/favicon.svg" srcset="./me.jpg 2x" alt="x">\n')).toEqual([
      `${FOLDER} → body: srcset on a raw <img> cannot use the page's files (./me.jpg): write ![alt text](./me.jpg) for an image or [text](./me.jpg) for a link (line 5)`,
    ]);
    expect(folder('<video src="./clip.mp4" controls></video>\n')).toEqual([
      `${FOLDER} → body: a raw <video> cannot play the page's files (./clip.mp4): write ![a description](./clip.mp4) on its own line instead (docs/writing.md) (line 5)`,
    ]);
    expect(folder('<picture><source srcset="./me.jpg"><img src="/favicon.svg" alt="x"></picture>\n')).toEqual([
      `${FOLDER} → body: srcset on a raw <source> cannot use the page's files (./me.jpg): write ![alt text](./me.jpg) for an image or [text](./me.jpg) for a link (line 5)`,
    ]);
    expect(messages([at("about", "title: About", '![x](./)\n\n<video src="https://x.test/a.mp4" controls></video>\n')])).toEqual([
      "content/pages/about.md → body: <video> is only what the build writes for a video or audio file in a post's or page's folder: write ![a description](./clip.mp4) instead (docs/writing.md) (line 7)",
      "content/pages/about.md → body: ./ is the page's folder, not a file in it (line 5)",
    ]);
  });

  it("a folder page is named by its folder, and shares the slug space with page files", () => {
    const text = page("title: About");
    expect(
      messages([
        { path: "content/pages/about.md", text },
        { path: FOLDER, text, media: { files: {} } },
        { path: "content/pages/Team/index.md", text, media: { files: {} } },
      ]),
    ).toEqual([
      'content/pages/Team/index.md → slug: "Team" (the folder name) must be lower-case letters, digits and hyphens',
      'content/pages/about/index.md → slug: "about" is already used by content/pages/about.md',
    ]);
    expect(messages([{ path: "content/pages/tags/index.md", text, media: { files: {} } }])).toEqual([
      'content/pages/tags/index.md → slug: "tags" (the folder name) would take /tags, which is the blog\'s own: choose another name',
    ]);
  });
});
