import { describe, expect, it } from "vitest";
import { buildCollection, formatError, parsePost, withAbsoluteUrls } from "../src/build/content/index.ts";
import { lexMarkdown } from "../src/build/content/markdown.ts";
import {
  fileReference,
  IMAGE_SIZES,
  imageMarkup,
  type MediaFile,
  type MediaImage,
  mediaUrl,
  publicName,
  shareCandidate,
  variantUrl,
} from "../src/build/content/media.ts";
import { mediaReferences } from "../src/build/content/media-refs.ts";
import { checkHtml, srcsetUrls } from "../src/build/content/sanitize.ts";
import { singleFileProblems } from "../src/build/content/single-file-refs.ts";
import { parseSite } from "../src/build/content/site.ts";
import { classifyPostEntry } from "../src/build/content/sources.ts";

/**
 * Folder posts (`content/posts/<slug>/index.md` with its files beside it), the pure half: which
 * references are files, how they render, what the author is told. The file records stand in
 * for what src/build/media/ makes from real files (that half is tested in Node, by
 * test/node/media.test.ts); nothing here reads content/.
 */

const ORIGIN = "https://media.example.test";
const PATH = "content/posts/my-trip/index.md";
/** Five lines of front matter: the body starts on line 6. */
const FRONT = "---\ntitle: A trip\ndate: 2025-12-01\n---\n\n";
const BODY_LINE = 6;
const H = "0123456789ab";

/** A JPEG 2000×1000 offered at 640 and 1280 in AVIF, WebP and JPEG: as the build describes one. */
function photo(name = "photo.jpg"): MediaFile {
  const url = mediaUrl(`${H}ffff`, name);
  const at = (w: number, ext: string) => ({ url: variantUrl(url, w, ext), width: w, height: w / 2 });
  const image: MediaImage = {
    width: 2000,
    height: 1000,
    formats: [
      { type: "image/avif", candidates: [at(640, "avif"), at(1280, "avif")] },
      { type: "image/webp", candidates: [at(640, "webp"), at(1280, "webp")] },
      { type: "image/jpeg", candidates: [at(640, "jpg"), at(1280, "jpg")] },
    ],
  };
  return { url, image };
}
const DRAWING: MediaFile = {
  url: `/media/${H}/map.svg`,
  image: {
    width: 300,
    height: 200,
    formats: [{ type: "image/svg+xml", candidates: [{ url: `/media/${H}/map.svg`, width: 300, height: 200 }] }],
  },
};
const SLIDES: MediaFile = { url: `/media/${H}/slides.pdf` };

const files: Record<string, MediaFile> = { "photo.jpg": photo(), "img/map.svg": DRAWING, "slides.pdf": SLIDES };
const build = (body: string, media: Record<string, MediaFile> = files) =>
  parsePost({ path: PATH, text: FRONT + body, media: { files: media } }, ORIGIN);
const problems = (body: string, media?: Record<string, MediaFile>) => build(body, media).errors.map(formatError);
const at = (message: string, line: number) => `${PATH} → body: ${message} (line ${line})`;

describe("which URLs in a folder post are its files", () => {
  it.each([
    ["./photo.jpg", { path: "photo.jpg", suffix: "" }],
    ["photo.jpg", { path: "photo.jpg", suffix: "" }],
    ["img/./map.svg", { path: "img/map.svg", suffix: "" }],
    ["img/../photo.jpg", { path: "photo.jpg", suffix: "" }],
    ["my%20photo.jpg", { path: "my photo.jpg", suffix: "" }],
    ["slides.pdf#page=3", { path: "slides.pdf", suffix: "#page=3" }],
    ["data.csv?v=2", { path: "data.csv", suffix: "?v=2" }],
  ])("%s is a file", (href, expected) => {
    expect(fileReference(href)).toEqual(expected);
  });

  it.each(["https://x.test/a.png", "/posts/other", "//cdn.test/a.png", "#notes", "?q=1", "mailto:a@b.test", ""])(
    "%s is not",
    (href) => {
      expect(fileReference(href)).toBeUndefined();
    },
  );

  it.each([
    ["../other/x.png", "points outside the post's folder"],
    ["./a/../../x.png", "points outside the post's folder"],
    ["..", "points outside the post's folder"],
    ["./", "is the post's folder, not a file in it"],
    ["bad%zz.png", "is not a valid path"],
  ])("%s cannot be", (href, problem) => {
    const ref = fileReference(href);
    expect(ref && "problem" in ref ? ref.problem : "").toContain(problem);
  });

  it("published names stay readable, and need no escaping in a URL", () => {
    expect(publicName("photo.jpg")).toBe("photo.jpg");
    expect(publicName("img/Café au lait (2).JPG")).toBe("Cafe-au-lait-2.jpg");
    expect(publicName("日本.png")).toBe("file.png");
    expect(publicName(".hidden")).toBe("hidden");
    expect(mediaUrl("0123456789abcdef", "a.png")).toBe("/media/0123456789ab/a.png");
    expect(variantUrl("/media/0123456789ab/a.b.png", 640, "avif")).toBe("/media/0123456789ab/a.b-640.avif");
  });
});

describe("a folder post's images and links", () => {
  const { post, errors } = build(
    [
      "![A beach at *dusk*](./photo.jpg 'Dusk')",
      "",
      "The [slides](slides.pdf#page=2), the [full photo](photo.jpg) and [elsewhere](https://x.test/a.png).",
      "",
      "> ![A map of the bay](img/map.svg)",
      "",
      "```",
      "![not a reference](./nothing.png)",
      "```",
      "",
      "![The beach again][beach]",
      "",
      "[beach]: <./photo.jpg>",
      "",
    ].join("\n"),
  );
  const html = post?.html ?? "";

  it("build", () => {
    expect(errors).toEqual([]);
  });

  it("the first image: a <picture> with AVIF and WebP sources, srcset, sizes and its size, not lazy", () => {
    const first = html.slice(html.indexOf("<picture>"), html.indexOf("</picture>") + 10);
    const u = `/media/${H}/photo`;
    expect(first).toBe(
      `<picture><source type="image/avif" srcset="${u}-640.avif 640w, ${u}-1280.avif 1280w" sizes="${IMAGE_SIZES}">` +
        `<source type="image/webp" srcset="${u}-640.webp 640w, ${u}-1280.webp 1280w" sizes="${IMAGE_SIZES}">` +
        `<img src="${u}-1280.jpg" alt="A beach at dusk" srcset="${u}-640.jpg 640w, ${u}-1280.jpg 1280w" sizes="${IMAGE_SIZES}" width="2000" height="1000"></picture>`,
    );
  });

  it("an image with a title alone in its paragraph is a figure: the <picture> as it is, the title its caption", () => {
    expect(html.startsWith("<figure><picture><source ")).toBe(true);
    expect(html).toContain('width="2000" height="1000"></picture><figcaption>Dusk</figcaption></figure>\n');
  });

  it("a figure's caption is no alt text: an image without one is still an error", () => {
    expect(problems('![](./photo.jpg "A caption")\n')).toEqual([
      at(
        "image ./photo.jpg has no alt text: say what it shows, ![a short description](./photo.jpg), or mark an image that adds nothing ![](./photo.jpg){decorative}",
        BODY_LINE,
      ),
    ]);
  });

  it("an image marked {decorative} has empty alt text (its role is presentation), in its <picture>", () => {
    const { post, errors } = build("Before.\n\n![](./photo.jpg){decorative} and after.\n");
    expect(errors).toEqual([]);
    const u = `/media/${H}/photo`;
    expect(post?.html).toContain(
      `<img src="${u}-1280.jpg" alt="" srcset="${u}-640.jpg 640w, ${u}-1280.jpg 1280w" sizes="${IMAGE_SIZES}" width="2000" height="1000"></picture> and after.</p>`,
    );
    expect(post?.markdown).toBe(`${FRONT}Before.\n\n![](${ORIGIN}${u}.jpg){decorative} and after.\n`);
    expect(checkHtml(post?.html ?? "").problems).toEqual([]);
    // Nor is it the post's preview image: it adds nothing.
    expect(post?.image).toBeUndefined();
  });

  it("{decorative} with alt text is an error: an image is one or the other", () => {
    expect(problems("![A beach](./photo.jpg){decorative}\n")).toEqual([
      at("image ./photo.jpg is marked {decorative} but has alt text: drop one or the other", BODY_LINE),
    ]);
  });

  it("every later image is lazy; one with a single format and width is a plain <img>", () => {
    expect(html).toContain(
      `<img src="/media/${H}/map.svg" alt="A map of the bay" width="300" height="200" loading="lazy" decoding="async">`,
    );
    expect(html.match(/<img /g)).toHaveLength(3);
    expect(html.match(/loading="lazy" decoding="async"/g)).toHaveLength(2);
  });

  it("links go to the published file, keeping their #fragment; other URLs and code are untouched", () => {
    expect(html).toContain(`<a href="/media/${H}/slides.pdf#page=2">slides</a>`);
    expect(html).toContain(`<a href="/media/${H}/photo.jpg">full photo</a>`);
    expect(html).toContain('<a href="https://x.test/a.png">elsewhere</a>');
    expect(html).toContain("![not a reference](./nothing.png)");
  });

  it("the Markdown is the source, with every file reference an absolute URL (reference definitions too)", () => {
    expect(post?.markdown).toBe(
      FRONT +
        [
          `![A beach at *dusk*](${ORIGIN}/media/${H}/photo.jpg 'Dusk')`,
          "",
          `The [slides](${ORIGIN}/media/${H}/slides.pdf#page=2), the [full photo](${ORIGIN}/media/${H}/photo.jpg) and [elsewhere](https://x.test/a.png).`,
          "",
          `> ![A map of the bay](${ORIGIN}/media/${H}/map.svg)`,
          "",
          "```",
          "![not a reference](./nothing.png)",
          "```",
          "",
          "![The beach again][beach]",
          "",
          `[beach]: ${ORIGIN}/media/${H}/photo.jpg`,
          "",
        ].join("\n"),
    );
  });

  it("the post's image for link previews: its first image in a format every reader takes, absolute", () => {
    expect(post?.image).toEqual({ url: `${ORIGIN}/media/${H}/photo-1280.jpg`, width: 1280, height: 640, alt: "A beach at dusk" });
  });

  it("an SVG is never the preview image; a post with none has no image", () => {
    expect(build("![A map](img/map.svg)\n").post?.image).toBeUndefined();
    expect(build("No pictures.\n").post?.image).toBeUndefined();
  });

  it("the first image of the post is the eager one, even when it is not the post's own", () => {
    const { post } = build("![The blog's icon](/favicon.svg)\n\n![Own](photo.jpg)\n");
    expect(post?.html).toContain('<img src="/favicon.svg" alt="The blog\'s icon">');
    expect(post?.html).toContain('width="2000" height="1000" loading="lazy" decoding="async"></picture>');
  });

  it("a raw <img> of the post's file is processed like ![alt](…): its <picture>, size and lazy loading, the author's attributes kept", () => {
    const { post, errors } = build(
      'Intro.\n\n<p class="wide"><img src="./photo.jpg" alt="A &quot;beach&quot;" class="hero" width="10" loading="eager"></p>\n\nThen <a href="slides.pdf#page=3" title="Slides">the slides</a> and <img src=\'img/map.svg\' alt="">.\n',
    );
    expect(errors).toEqual([]);
    const u = `/media/${H}/photo`;
    expect(post?.html).toContain(
      `<p class="wide"><picture><source type="image/avif" srcset="${u}-640.avif 640w, ${u}-1280.avif 1280w" sizes="${IMAGE_SIZES}">` +
        `<source type="image/webp" srcset="${u}-640.webp 640w, ${u}-1280.webp 1280w" sizes="${IMAGE_SIZES}">` +
        `<img src="${u}-1280.jpg" alt="A &quot;beach&quot;" class="hero" srcset="${u}-640.jpg 640w, ${u}-1280.jpg 1280w" sizes="${IMAGE_SIZES}" width="2000" height="1000"></picture></p>`,
    );
    // A raw alt="" is written on purpose: decorative, lazy (not the first image), and never the preview.
    expect(post?.html).toContain(
      `Then <a href="/media/${H}/slides.pdf#page=3" title="Slides">the slides</a> and <img src="/media/${H}/map.svg" alt="" width="300" height="200" loading="lazy" decoding="async">.`,
    );
    expect(post?.image?.url).toBe(`${ORIGIN}${u}-1280.jpg`);
    expect(post?.markdown).toBe(
      `${FRONT}Intro.\n\n<p class="wide"><img src="${ORIGIN}${u}.jpg" alt="A &quot;beach&quot;" class="hero" width="10" loading="eager"></p>\n\nThen <a href="${ORIGIN}/media/${H}/slides.pdf#page=3" title="Slides">the slides</a> and <img src='${ORIGIN}/media/${H}/map.svg' alt="">.\n`,
    );
    expect(checkHtml(post?.html ?? "").problems).toEqual([]);
  });

  it("a raw <img> in a comment or a code block is not a reference", () => {
    const { post, errors } = build('<!-- <img src="gone.png"> -->\n\n`<img src="gone.png">`\n');
    expect(errors).toEqual([]);
    expect(post?.html).toBe('<!-- <img src="gone.png"> --><p><code>&lt;img src="gone.png"&gt;</code></p>\n');
  });

  it("what it emits is exactly what the HTML allow-list accepts, unchanged", () => {
    expect(checkHtml(html)).toEqual({ html, problems: [] });
  });

  it("a single-file post's relative links are left as they are", () => {
    const single = parsePost(
      { path: "content/posts/plain.md", text: `${FRONT}[s](slides.pdf) <a href="./notes.txt">n</a>\n` },
      ORIGIN,
    );
    expect(single.errors).toEqual([]);
    expect(single.post?.html).toBe('<p><a href="slides.pdf">s</a> <a href="./notes.txt">n</a></p>\n');
    expect(single.post?.markdown).toBe(`${FRONT}[s](slides.pdf) <a href="./notes.txt">n</a>\n`);
  });

  // It has no folder, so the image could never load; before, it built and only a link checker saw it.
  it("a single-file post's relative image, Markdown or raw, is an error at its line", () => {
    const single = parsePost(
      { path: "content/posts/plain.md", text: `${FRONT}![x](photo.jpg)\n\n<p><img src="./missing.png" alt="y"></p>\n` },
      ORIGIN,
    );
    const why =
      "is a file beside the post, but a single-file post has no folder: make it a folder post (posts/<slug>/index.md) and put the file in that folder";
    expect(single.errors.map(formatError)).toEqual([
      `content/posts/plain.md → body: photo.jpg ${why} (line ${BODY_LINE})`,
      `content/posts/plain.md → body: ./missing.png ${why} (line ${BODY_LINE + 2})`,
    ]);
  });
});

describe("a single-file post's body is lexed again only when it may name a file", () => {
  const lexed: string[] = [];
  const lex = (markdown: string) => {
    lexed.push(markdown);
    return lexMarkdown(markdown);
  };

  it("without an image or a raw src, srcset, poster or data, nothing is lexed and nothing is wrong", () => {
    lexed.length = 0;
    expect(singleFileProblems('Text, `<b>`, [a link](x.pdf) and <a href="y.txt">raw</a>.\n\n    code(src)\n', lex)).toEqual([]);
    expect(lexed).toEqual([]);
  });

  it.each([
    ["a Markdown image", "![x](a.png)\n", "a.png"],
    ["a reference-style image", "![x][pic]\n\n[pic]: a.png\n", "a.png"],
    ["a raw tag's attribute in capitals, spaced", '<IMG SRC = "a.png" alt="x">\n', "a.png"],
    ["a raw video's poster", '<video poster="p.jpg"></video>\n', "p.jpg"],
  ])("%s is found", (_, body, href) => {
    lexed.length = 0;
    expect(singleFileProblems(body, lex).map((p) => p.message.split(" ")[0])).toEqual([href]);
    expect(lexed).toHaveLength(1);
  });
});

describe("what an author must fix in a folder post, each at its line", () => {
  it.each([
    [
      "a missing file",
      "Intro.\n\n![Gone](./missing.png)\n",
      at("./missing.png does not exist in the post's folder", BODY_LINE + 2),
    ],
    [
      "a misspelt one, with the likely name",
      "[s](./Slides.pdf)\n",
      at("./Slides.pdf does not exist in the post's folder (did you mean slides.pdf?)", BODY_LINE),
    ],
    [
      "an image without alt text",
      "a\n\n![](photo.jpg)\n",
      at(
        "image photo.jpg has no alt text: say what it shows, ![a short description](photo.jpg), or mark an image that adds nothing ![](photo.jpg){decorative}",
        BODY_LINE + 2,
      ),
    ],
    [
      "a reference outside the folder",
      "![x](../other/x.png)\n",
      at(
        "../other/x.png points outside the post's folder: a post can only use files in its own folder (link to another post as /posts/<slug>)",
        BODY_LINE,
      ),
    ],
    [
      "a file that is not an image, shown as one",
      "![Slides](slides.pdf)\n",
      at(
        "slides.pdf is not an image, video or audio file the blog can show: use JPEG, PNG, WebP, AVIF, GIF or SVG; MP4 or WebM for a video; MP3, M4A or Ogg for audio",
        BODY_LINE,
      ),
    ],
    [
      "raw HTML naming a file where the build cannot process it",
      'Text.\n\n<p><img src="/favicon.svg" srcset="photo.jpg 2x" alt="x"></p>\n',
      at(
        "srcset on a raw <img> cannot use the post's files (photo.jpg): write ![alt text](photo.jpg) for an image or [text](photo.jpg) for a link",
        BODY_LINE + 2,
      ),
    ],
    [
      // A srcset is only ever an image's: told "cannot play" before, as if it were a player's.
      "a picture's raw <source> naming a file",
      '<picture><source srcset="./photo.jpg"><img src="/favicon.svg" alt="x"></picture>\n',
      at(
        "srcset on a raw <source> cannot use the post's files (./photo.jpg): write ![alt text](./photo.jpg) for an image or [text](./photo.jpg) for a link",
        BODY_LINE,
      ),
    ],
    [
      "a picture's raw <source src>, in a block of its own",
      '<picture>\n<source src="photo.jpg">\n<img src="/favicon.svg" alt="x">\n</picture>\n',
      at(
        "src on a raw <source> cannot use the post's files (photo.jpg): write ![alt text](photo.jpg) for an image or [text](photo.jpg) for a link",
        BODY_LINE + 1,
      ),
    ],
    [
      "a raw image that does not exist",
      'Text.\n\n<p>\n<img src="./missing.png" alt="Gone">\n</p>\n',
      at("./missing.png does not exist in the post's folder", BODY_LINE + 3),
    ],
    [
      "a raw link to a file that does not exist, with the likely name",
      'See <a href="slide.pdf">the slides</a>.\n',
      at("slide.pdf does not exist in the post's folder (did you mean slides.pdf?)", BODY_LINE),
    ],
    [
      "a raw image without alt",
      '<img src="photo.jpg">\n',
      at(
        'image photo.jpg has no alt text: say what it shows, <img src="photo.jpg" alt="a short description">, or write alt="" for an image that adds nothing',
        BODY_LINE,
      ),
    ],
    [
      "a raw image of a file that is not an image",
      '<img src="slides.pdf" alt="Slides">\n',
      at("slides.pdf is not an image the blog can show: use JPEG, PNG, WebP, AVIF, GIF or SVG", BODY_LINE),
    ],
  ])("%s", (_name, body, message) => {
    expect(problems(body)).toEqual([message]);
  });

  it("a file the build could not publish, at every use", () => {
    const big: MediaFile = { url: "", problem: "is 30.0 MiB; a file may be at most 25.0 MiB" };
    expect(problems("![Big](big.png)\n\n[big](big.png)\n", { "big.png": big })).toEqual([
      at("big.png is 30.0 MiB; a file may be at most 25.0 MiB", BODY_LINE),
      at("big.png is 30.0 MiB; a file may be at most 25.0 MiB", BODY_LINE + 2),
    ]);
  });

  it("lines count from the top of the file, inside lists and quotes too", () => {
    expect(problems("1. one\n2. ![](photo.jpg)\n\n> quote\n> [x](gone.pdf)\n")).toEqual([
      at(
        "image photo.jpg has no alt text: say what it shows, ![a short description](photo.jpg), or mark an image that adds nothing ![](photo.jpg){decorative}",
        BODY_LINE + 1,
      ),
      at("gone.pdf does not exist in the post's folder", BODY_LINE + 4),
    ]);
  });
});

describe("an image that can never show, or says nothing, is an error in any post", () => {
  // Found by a new user's trial: this built with ✓ content, its images broken and one without alt.
  const TRIAL = '![](/x.png)\n![](https://example.com/y.png)\n<img src="/z.png">\n';
  const SINGLE = "content/posts/plain.md";
  const single = (body: string) => parsePost({ path: SINGLE, text: FRONT + body }, ORIGIN).errors.map(formatError);
  const inSingle = (message: string, line: number) => `${SINGLE} → body: ${message} (line ${line})`;
  const folder = "put the file in the post's folder and write";
  const noFolder = "make it a folder post (posts/<slug>/index.md), put the file in that folder and write";
  const inMarkdown = (name: string) =>
    `![alt text](./${name}) instead of the raw HTML (the build makes the <picture> and srcset itself)`;
  const noAlt = (href: string) =>
    `image ${href} has no alt text: say what it shows, ![a short description](${href}), or mark an image that adds nothing ![](${href}){decorative}`;
  const noRawAlt = (href: string) =>
    `image ${href} has no alt text: say what it shows, <img src="${href}" alt="a short description">, or write alt="" for an image that adds nothing`;

  it("in a folder post: each says why and how to fix it, at its line", () => {
    expect(problems(TRIAL)).toEqual([
      at(`/x.png is not a file the blog has: a post's images are the files in its own folder, so ${folder} ./x.png`, BODY_LINE),
      at(noAlt("/x.png"), BODY_LINE),
      at(
        `https://example.com/y.png is not on the blog, and the blog's pages load images only from the blog itself: ${folder} ./y.png`,
        BODY_LINE + 1,
      ),
      at(noAlt("https://example.com/y.png"), BODY_LINE + 1),
      at(
        `/z.png is not a file the blog has: a post's images are the files in its own folder, so ${folder} ./z.png`,
        BODY_LINE + 2,
      ),
      at(noRawAlt("/z.png"), BODY_LINE + 2),
    ]);
  });

  it("in a single-file post: the same, with the way to a folder", () => {
    expect(single(TRIAL)).toEqual([
      inSingle(
        `/x.png is not a file the blog has: a post's images are the files in its own folder, so ${noFolder} ./x.png`,
        BODY_LINE,
      ),
      inSingle(noAlt("/x.png"), BODY_LINE),
      inSingle(
        `https://example.com/y.png is not on the blog, and the blog's pages load images only from the blog itself: ${noFolder} ./y.png`,
        BODY_LINE + 1,
      ),
      inSingle(noAlt("https://example.com/y.png"), BODY_LINE + 1),
      inSingle(
        `/z.png is not a file the blog has: a post's images are the files in its own folder, so ${noFolder} ./z.png`,
        BODY_LINE + 2,
      ),
      inSingle(noRawAlt("/z.png"), BODY_LINE + 2),
    ]);
  });

  it("a single-file post's relative image without alt text is told both", () => {
    expect(single("![](photo.jpg)\n")).toEqual([
      inSingle(
        "photo.jpg is a file beside the post, but a single-file post has no folder: make it a folder post (posts/<slug>/index.md) and put the file in that folder",
        BODY_LINE,
      ),
      inSingle(noAlt("photo.jpg"), BODY_LINE),
    ]);
  });

  // Told "a file beside the post" before: making the post a folder would not have helped.
  it("a single-file post's reference that names no file is told what is wrong with it", () => {
    expect(single("![x](a%zz.png)\n\n![y](./)\n")).toEqual([
      inSingle("a%zz.png is not a valid path (a % must be followed by two hex digits)", BODY_LINE),
      inSingle("./ is the post's folder, not a file in it", BODY_LINE + 2),
    ]);
  });

  it("a single-file post's image outside it is said to be outside, not beside", () => {
    expect(single("![broken](../nothing/here.png)\n")).toEqual([
      inSingle(
        `../nothing/here.png is outside the post, and a single-file post has no folder: ${noFolder} ./here.png`,
        BODY_LINE,
      ),
    ]);
  });

  it.each([
    [
      "protocol-relative",
      "//cdn.test/a.png",
      `//cdn.test/a.png is not on the blog, and the blog's pages load images only from the blog itself: ${folder} ./a.png`,
    ],
    [
      "plain http",
      "http://x.test/a%20b.gif?v=1",
      `http://x.test/a%20b.gif?v=1 is not on the blog, and the blog's pages load images only from the blog itself: ${folder} ./a%20b.gif`,
    ],
    [
      "a backslash a browser reads as //",
      "/\\x.test/a.png",
      `/\\x.test/a.png is not on the blog, and the blog's pages load images only from the blog itself: ${folder} ./a.png`,
    ],
    [
      "a mail address",
      "mailto:a@b.test",
      `mailto:a@b.test is not on the blog, and the blog's pages load images only from the blog itself: ${folder} ./<its name>`,
    ],
    [
      "another post's published file",
      `/media/${H}/photo.jpg`,
      `/media/${H}/photo.jpg is an address the build gave a file, and it changes whenever the file does: copy the file into the post's folder and write ./photo.jpg`,
    ],
    [
      "a post's card",
      "/cards/other-0123abcd.png",
      "/cards/other-0123abcd.png is an address the build gave a file, and it changes whenever the file does: copy the file into the post's folder and write ./other-0123abcd.png",
    ],
    [
      "the blog's own origin, written in full",
      `${ORIGIN}/logo.png`,
      `${ORIGIN}/logo.png is not a file the blog has: a post's images are the files in its own folder, so ${folder} ./logo.png`,
    ],
    ["no address at all", "", `an image needs the address of its file: ${folder} ./<its name>`],
  ])("%s", (_name, href, message) => {
    expect(problems(`![An image](<${href}>)\n`)).toEqual([at(message, BODY_LINE)]);
  });

  it("a raw srcset's candidates are images too, unless the build writes the srcset itself", () => {
    expect(
      problems(
        '<picture><source srcset="/favicon.svg 1x, https://x.test/b.png 2x"><img src="/favicon.svg" alt="Icon"></picture>\n',
      ),
    ).toEqual([
      at(
        `https://x.test/b.png is not on the blog, and the blog's pages load images only from the blog itself: ${folder} ${inMarkdown("b.png")}`,
        BODY_LINE,
      ),
    ]);
    expect(problems('<img src="photo.jpg" srcset="https://x.test/b.png 2x" alt="A beach">\n')).toEqual([]);
  });

  // Writing ./a.png in the srcset, as it said before, is itself an error: a raw srcset cannot name the post's files.
  it("a raw srcset's image from elsewhere is told to become a Markdown image, whose srcset the build writes", () => {
    const elsewhere = (href: string, fix: string) =>
      `${href} is not on the blog, and the blog's pages load images only from the blog itself: ${fix}`;
    expect(problems('<img src="/favicon.svg" alt="x" srcset="https://x.test/a.png 2x">\n')).toEqual([
      at(elsewhere("https://x.test/a.png", `${folder} ${inMarkdown("a.png")}`), BODY_LINE),
    ]);
    expect(problems('<picture><source srcset="https://x.test/x.webp"><img src="/favicon.svg" alt="x"></picture>\n')).toEqual([
      at(elsewhere("https://x.test/x.webp", `${folder} ${inMarkdown("x.webp")}`), BODY_LINE),
    ]);
    expect(problems(`<img src="/favicon.svg" alt="x" srcset="/media/${H}/photo.jpg 2x">\n`)).toEqual([
      at(
        `/media/${H}/photo.jpg is an address the build gave a file, and it changes whenever the file does: copy the file into the post's folder and write ${inMarkdown("photo.jpg")}`,
        BODY_LINE,
      ),
    ]);
    expect(single('<img src="/favicon.svg" alt="x" srcset="https://x.test/a.png 2x, ../b.png 3x">\n')).toEqual([
      inSingle(elsewhere("https://x.test/a.png", `${noFolder} ${inMarkdown("a.png")}`), BODY_LINE),
      inSingle(
        `../b.png is outside the post, and a single-file post has no folder: ${noFolder} ${inMarkdown("b.png")}`,
        BODY_LINE,
      ),
    ]);
    // What it says to write builds.
    expect(problems("![x](./photo.jpg)\n")).toEqual([]);
  });

  it("the blog's icon always shows, at its own address or in full; a reference-style image is checked at its use", () => {
    expect(problems(`![The icon](/favicon.svg) ![Again](/favicon.ico?v=2) ![In full](${ORIGIN}/favicon.svg)\n`)).toEqual([]);
    expect(single("![The icon](/favicon.svg)\n")).toEqual([]);
    expect(problems("Text.\n\n![A logo][logo]\n\n[logo]: https://x.test/logo.png\n")).toEqual([
      at(
        `https://x.test/logo.png is not on the blog, and the blog's pages load images only from the blog itself: ${folder} ./logo.png`,
        BODY_LINE + 2,
      ),
    ]);
  });

  it("a scheme the allow-list refuses is said once, by it; links are not images", () => {
    expect(single("![A dot](data:image/png;base64,iVBORw0KGgo=)\n\n[a site](https://x.test/) [an icon](/x.png)\n")).toEqual([
      inSingle("data: URL in src on <img> is not allowed in a post", BODY_LINE),
    ]);
  });
});

describe("references anywhere a link can be", () => {
  it("in a table, a footnote and a quote inside a list: all resolved, all rewritten", () => {
    const { post, errors } = build(
      "Text[^1].\n\n| a | b |\n|---|---|\n| ![Cell](img/map.svg) | [x](slides.pdf) |\n\n[^1]: A note [the slides](./slides.pdf).\n\n- item\n\n  > ![Nested](img/map.svg)\n",
    );
    expect(errors).toEqual([]);
    expect(post?.html).toContain(`<td><img src="/media/${H}/map.svg" alt="Cell" width="300" height="200"></td>`);
    expect(post?.html).toContain(`<p>A note <a href="/media/${H}/slides.pdf">the slides</a>.`);
    expect(post?.html).toContain(
      `<img src="/media/${H}/map.svg" alt="Nested" width="300" height="200" loading="lazy" decoding="async">`,
    );
    expect(
      post?.markdown.match(/\]\(https:\/\/media\.example\.test\/media\/0123456789ab\/(?:map\.svg|slides\.pdf)\)/g),
    ).toHaveLength(4);
    expect(post?.markdown).not.toMatch(/\]\((?!https)/);
  });

  it("reading a post's tokens leaves the next post's footnotes intact (marked-footnote keeps state between documents)", () => {
    const site = { path: "content/site.yaml", text: `title: T\ndescription: D\nauthor: A\nlanguage: en\norigin: ${ORIGIN}\n` };
    const note = "Text[^1].\n\n[^1]: The note.\n";
    const result = buildCollection(
      site,
      [
        // The first post's problem makes the build read its tokens to say where it is.
        { path: "content/posts/a.md", text: `${FRONT}${note}\n<script>x</script>\n` },
        { path: "content/posts/b.md", text: `${FRONT}${note}` },
        { path: "content/posts/c/index.md", text: `${FRONT}${note}`, media: { files: {} } },
        { path: "content/posts/d.md", text: `${FRONT}${note}` },
      ],
      { includeDrafts: false, now: new Date("2026-01-01T00:00:00Z") },
    );
    expect(result.errors.map(formatError)).toEqual(["content/posts/a.md → body: <script> is not allowed in a post (line 10)"]);
    expect(result.posts.map((p) => p.slug)).toEqual(["b", "c", "d"]);
  });
});

describe("finding references in the Markdown", () => {
  /** Each reference, with the text at the place it says its URL is written. */
  const refs = (body: string) =>
    mediaReferences(body, lexMarkdown).map(({ kind, href, line, at }) => ({
      kind,
      href,
      line,
      written: at ? body.slice(at.start, at.end) : undefined,
    }));

  it("images, links and definitions, with where their URL is written; code and other URLs are not references", () => {
    const body = '![a](x.png) `![b](y.png)` [c](<z z.pdf> "t")\n\n[d]: w.txt\n\n[e](/posts/q) [f](https://x.test/) [d]\n';
    expect(refs(body)).toEqual([
      { kind: "image", href: "x.png", line: 1, written: "x.png" },
      { kind: "link", href: "z z.pdf", line: 1, written: "<z z.pdf>" },
      { kind: "definition", href: "w.txt", line: 3, written: "w.txt" },
      // A reference-style use: its definition carries the URL.
      { kind: "link", href: "w.txt", line: 5, written: undefined },
    ]);
  });

  it("a label with brackets, code and escapes does not hide the destination", () => {
    expect(refs("![a [b] `]` \\]](./x.png)\n")).toEqual([{ kind: "image", href: "./x.png", line: 1, written: "./x.png" }]);
  });

  it("the same reference twice, one in a quote, is found at each place", () => {
    expect(refs("![a](x.png)\n\n> para\n> ![a](x.png)\n").map((r) => r.line)).toEqual([1, 4]);
  });
});

describe("the allow-list takes what images need, and nothing more", () => {
  it("picture, source with type/srcset/sizes, and img srcset/sizes pass", () => {
    const html =
      '<picture><source type="image/avif" srcset="/a-640.avif 640w, /a.avif 1280w" sizes="100vw"><img src="/a.jpg" srcset="/a.jpg 1x, /a@2.jpg 2x" sizes="50vw" alt="a" width="1" height="1" loading="lazy" decoding="async"></picture>';
    expect(checkHtml(html)).toEqual({ html, problems: [] });
  });

  it.each([
    ['<img srcset="javascript:alert(1) 1x" alt="x">', "javascript: URL in srcset on <img> is not allowed in a post"],
    [
      '<picture><source srcset="a.png 1x, data:image/png,x 2x"></picture>',
      "data: URL in srcset on <source> is not allowed in a post",
    ],
    ['<picture><source src="a.mp4"></picture>', "src attribute on <source> is not allowed in a post"],
    [
      '<picture><source media="(min-width: 1px)" srcset="a.png"></picture>',
      "media attribute on <source> is not allowed in a post",
    ],
    [
      '<video src="a.mp4" controls></video>',
      `<video> is only what the build writes for a video or audio file in a post's or page's folder: write ![a description](./clip.mp4) instead (docs/writing.md)`,
    ],
    [
      '<video src="https://x.test/a.mp4" controls></video>',
      `<video> is only what the build writes for a video or audio file in a post's or page's folder: write ![a description](./clip.mp4) instead (docs/writing.md)`,
    ],
    [
      '<video src="/media/0123456789ab/a.mp4"></video>',
      `<video> is only what the build writes for a video or audio file in a post's or page's folder: write ![a description](./clip.mp4) instead (docs/writing.md)`,
    ],
    [
      '<video src="/media/0123456789ab/a.mp4" controls autoplay></video>',
      "autoplay attribute on <video> is not allowed in a post",
    ],
    [
      '<video src="/media/0123456789ab/a.mp4" controls preload="auto"></video>',
      'preload="auto" on <video> is not allowed in a post',
    ],
    [
      '<video src="/media/0123456789ab/a.mp4" controls poster="javascript:x"></video>',
      "javascript: URL in poster on <video> is not allowed in a post",
    ],
    [
      '<audio src="/media/0123456789ab/a.mp3" controls><track kind="metadata" src="/media/0123456789ab/a.vtt" srclang="en"></audio>',
      'kind="metadata" on <track> is not allowed in a post',
    ],
    ['<img src="a.png" fetchpriority="high">', "fetchpriority attribute on <img> is not allowed in a post"],
  ])("%s is not", (html, message) => {
    expect(checkHtml(html).problems.map((p) => p.message)).toEqual([message]);
  });

  it("reads srcset as the HTML standard does", () => {
    expect(srcsetUrls("a.png 1x, b.png 2x")).toEqual(["a.png", "b.png"]);
    expect(srcsetUrls("a.png,b.png 2x")).toEqual(["a.png,b.png"]);
    expect(srcsetUrls("a.png, b.png")).toEqual(["a.png", "b.png"]);
    expect(srcsetUrls(" a.png 100w (x, y), ,b.png")).toEqual(["a.png", "b.png"]);
    expect(srcsetUrls("a.png,, b.png")).toEqual(["a.png", "b.png"]);
  });
});

describe("a folder post's video and audio", () => {
  const CLIP: MediaFile = {
    url: `/media/${H}/clip.mp4`,
    playable: {
      kind: "video",
      type: "video/mp4",
      width: 1920,
      height: 1080,
      poster: `/media/${H}/clip-1280.jpg`,
      tracks: [
        { url: `/media/${H}/clip.vtt`, language: "en" },
        { url: `/media/${H}/clip.pt-BR.vtt`, language: "pt-BR" },
      ],
    },
  };
  const SONG: MediaFile = { url: `/media/${H}/song.mp3`, playable: { kind: "audio", type: "audio/mpeg", tracks: [] } };
  const media = { ...files, "clip.mp4": CLIP, "song.mp3": SONG };

  it("a video is the browser's player, sized, with its poster and captions labelled in their own language, and its link inside", () => {
    const { post, errors } = build(
      '![Waves on a *rocky* shore & gulls](./clip.mp4 "The shore at noon")\n\nA song: ![A guitar tune](song.mp3)\n\n![The beach](photo.jpg)\n',
      media,
    );
    expect(errors).toEqual([]);
    const v = `/media/${H}/clip`;
    expect(post?.html).toContain(
      `<figure><video controls="" preload="metadata" src="${v}.mp4" width="1920" height="1080" poster="${v}-1280.jpg" aria-label="Waves on a rocky shore &amp; gulls">` +
        `<track kind="captions" src="${v}.vtt" srclang="en" label="English"><track kind="captions" src="${v}.pt-BR.vtt" srclang="pt-BR" label="Português (Brasil)">` +
        `<a href="${v}.mp4">Waves on a rocky shore &amp; gulls</a></video><figcaption>The shore at noon</figcaption></figure>`,
    );
    expect(post?.html).toContain(
      `<p>A song: <audio controls="" preload="metadata" src="/media/${H}/song.mp3" aria-label="A guitar tune"><a href="/media/${H}/song.mp3">A guitar tune</a></audio></p>`,
    );
    // A video is not the post's first image: the photo after it is still eager.
    expect(post?.html).toContain('width="2000" height="1000"></picture>');
    expect(post?.markdown).toContain(`![Waves on a *rocky* shore & gulls](${ORIGIN}${v}.mp4 "The shore at noon")`);
    expect(checkHtml(post?.html ?? "").problems).toEqual([]);
  });

  it.each([
    ["a missing video", "![The harbour](./harbour.mp4)\n", "./harbour.mp4 does not exist in the post's folder"],
    [
      "a hand-written player of the post's file",
      '<video src="./clip.mp4" controls></video>\n',
      "a raw <video> cannot play the post's files (./clip.mp4): write ![a description](./clip.mp4) on its own line instead (docs/writing.md)",
    ],
    [
      "no description",
      "![](./clip.mp4)\n",
      "video ./clip.mp4 needs a description: say what it is, ![a short description](./clip.mp4)",
    ],
    [
      "marked decorative",
      "![](song.mp3){decorative}\n",
      "audio song.mp3 needs a description: say what it is, ![a short description](song.mp3)",
    ],
    [
      "a file that is neither image nor player",
      "![Slides](slides.pdf)\n",
      "slides.pdf is not an image, video or audio file the blog can show: use JPEG, PNG, WebP, AVIF, GIF or SVG; MP4 or WebM for a video; MP3, M4A or Ogg for audio",
    ],
    [
      "a raw <img> of a video",
      '<img src="clip.mp4" alt="x">\n',
      "clip.mp4 is not an image the blog can show: use JPEG, PNG, WebP, AVIF, GIF or SVG",
    ],
    [
      "a hand-written player's <source>, after a picture",
      '<picture><source srcset="/favicon.svg"><img src="/favicon.svg" alt="x"></picture> <video controls><source src="./clip.mp4"></video>\n',
      "a raw <source> cannot play the post's files (./clip.mp4): write ![a description](./clip.mp4) on its own line instead (docs/writing.md)",
    ],
  ])("%s is an error at its line", (_name, body, message) => {
    expect(problems(body, media)).toEqual([at(message, BODY_LINE)]);
  });

  it("a link to a video the post also plays is a link: it needs no description of its own", () => {
    expect(problems("![Waves on a shore](./clip.mp4)\n\n[Download it](clip.mp4)\n", media)).toEqual([]);
  });

  it("its poster, captions and link get the origin in feeds and JSON", () => {
    const html = `<video controls="" preload="metadata" src="/media/${H}/c.mp4" poster="/media/${H}/c.jpg"><track kind="captions" src="/media/${H}/c.vtt" srclang="en"></video>`;
    expect(withAbsoluteUrls(html, ORIGIN)).toBe(html.replace(/"\/media/g, `"${ORIGIN}/media`));
  });
});

describe("absolute URLs for feeds and JSON", () => {
  it("root-relative URLs in href, src, cite and srcset get the origin; nothing else changes", () => {
    const html =
      '<p title="a > b"><a href="/posts/x">x</a> <img src="/media/h/a.jpg" srcset="/media/h/a-640.jpg 640w, /media/h/a.jpg 1280w" alt="/media/h/a.jpg"></p>' +
      '<pre><code>&lt;img src="/media/h/b.jpg"&gt; and src="/media/h/c.jpg"</code></pre>' +
      '<a href="//cdn.test/x">c</a> <a href="https://o.test/y">o</a> <a href="#f">f</a> <a href="rel.pdf">r</a><blockquote cite="/q"></blockquote>';
    expect(withAbsoluteUrls(html, ORIGIN)).toBe(
      `<p title="a > b"><a href="${ORIGIN}/posts/x">x</a> <img src="${ORIGIN}/media/h/a.jpg" srcset="${ORIGIN}/media/h/a-640.jpg 640w, ${ORIGIN}/media/h/a.jpg 1280w" alt="/media/h/a.jpg"></p>` +
        '<pre><code>&lt;img src="/media/h/b.jpg"&gt; and src="/media/h/c.jpg"</code></pre>' +
        `<a href="//cdn.test/x">c</a> <a href="https://o.test/y">o</a> <a href="#f">f</a> <a href="rel.pdf">r</a><blockquote cite="${ORIGIN}/q"></blockquote>`,
    );
  });

  it("a built post's HTML comes out with every file absolute", () => {
    const html = withAbsoluteUrls(build("![A beach](photo.jpg)\n\n[s](slides.pdf)\n").post?.html ?? "", ORIGIN);
    expect(html.match(/(?:src|href)="\/|, \/|srcset="\//g)).toBeNull();
    expect(html).toContain(`<a href="${ORIGIN}/media/${H}/slides.pdf">s</a>`);
  });
});

describe("folder posts in content/posts", () => {
  it("a folder with index.md is a post; without one, or with two, it is an error", () => {
    expect(classifyPostEntry("content/posts/trip", true, ["photo.jpg", "index.md"])).toEqual({
      kind: "folder",
      index: "index.md",
      indexes: ["index.md"],
    });
    expect(classifyPostEntry("content/posts/trip", true, ["index.markdown"])).toEqual({
      kind: "folder",
      index: "index.markdown",
      indexes: ["index.markdown"],
    });
    // A blog in several languages: translations beside index.md share its files.
    expect(classifyPostEntry("content/posts/trip", true, ["index.pt-br.md", "photo.jpg", "index.md"], true)).toEqual({
      kind: "folder",
      index: "index.md",
      indexes: ["index.md", "index.pt-br.md"],
    });
    // In a blog in one language, index.old.md is a file beside the post (reported if unused), as
    // it always was; in one in several it is read as a translation, and a wrong language is reported.
    expect(classifyPostEntry("content/posts/trip", true, ["index.md", "index.old.md", "index.pt-br.md"])).toEqual({
      kind: "folder",
      index: "index.md",
      indexes: ["index.md"],
    });
    expect(classifyPostEntry("content/posts/trip", true, ["index.old.md"])).toMatchObject({
      kind: "error",
      error: { message: "is a folder without index.md: a folder post is content/posts/trip/index.md, with its files beside it" },
    });
    expect(classifyPostEntry("content/posts/trip", true, ["index.md", "index.old.md"], true)).toMatchObject({
      indexes: ["index.md", "index.old.md"],
    });
    expect(classifyPostEntry("content/posts/trip", true, ["index.pt-br.md", "index.PT-BR.markdown"], true)).toMatchObject({
      kind: "error",
      error: { message: "has index.PT-BR.markdown and index.pt-br.md: a folder post has one index.md per language" },
    });
    expect(classifyPostEntry("content/posts/trip", true, ["trip.md"])).toEqual({
      kind: "error",
      error: {
        file: "content/posts/trip",
        field: "file",
        message: "is a folder without index.md: a folder post is content/posts/trip/index.md, with its files beside it",
      },
    });
    expect(classifyPostEntry("content/posts/trip", true, ["index.md", "index.markdown"])).toMatchObject({
      kind: "error",
      error: { message: "has index.markdown and index.md: a folder post has one index.md" },
    });
    expect(classifyPostEntry("content/posts/photo.jpg", false)).toMatchObject({ kind: "error" });
    expect(classifyPostEntry("content/posts/.git", true)).toEqual({ kind: "ignored" });
  });

  it("is named by its folder, and shares the slug space with single-file posts", () => {
    const site = { path: "content/site.yaml", text: `title: T\ndescription: D\nauthor: A\nlanguage: en\norigin: ${ORIGIN}\n` };
    const text = `${FRONT}Text.\n`;
    const result = buildCollection(
      site,
      [
        { path: "content/posts/my-trip.md", text },
        { path: "content/posts/my-trip/index.md", text, media: { files: {} } },
        { path: "content/posts/Bad_Name/index.md", text, media: { files: {} } },
      ],
      { includeDrafts: false, now: new Date("2026-01-01T00:00:00Z") },
    );
    expect(result.errors.map(formatError)).toEqual([
      'content/posts/Bad_Name/index.md → slug: "Bad_Name" (the folder name) must be lower-case letters, digits and hyphens',
      'content/posts/my-trip/index.md → slug: "my-trip" is already used by content/posts/my-trip.md',
    ]);
    expect(result.posts.map((p) => p.slug)).toEqual(["my-trip"]);
  });
});

describe("site.yaml may name a default image", () => {
  const site = (image: string) =>
    parseSite("content/site.yaml", `title: T\ndescription: D\nauthor: A\nlanguage: en\norigin: ${ORIGIN}\nimage: ${image}\n`);

  it.each(["https://cdn.test/og.png", "./og.png", "img/og.png"])("%s is kept as written, for the build", (image) => {
    expect(site(image)).toMatchObject({ site: { image }, errors: [] });
  });

  it("a path on the blog where it has no file is refused, with where the image goes", () => {
    expect(site("/og.png").errors.map(formatError)).toEqual([
      "content/site.yaml → image: /og.png is not a file the blog has: put the image in content/ and write ./og.png (line 6)",
    ]);
    expect(site("/img/cover.jpg?v=2").errors.map(formatError)).toEqual([
      "content/site.yaml → image: /img/cover.jpg?v=2 is not a file the blog has: put the image in content/ and write ./cover.jpg (line 6)",
    ]);
    // The blog's own address written in full is the same path; its icon is there, but no link preview shows one.
    expect(site(`${ORIGIN}/og.png`).errors.map(formatError)).toEqual([
      `content/site.yaml → image: ${ORIGIN}/og.png is not a file the blog has: put the image in content/ and write ./og.png (line 6)`,
    ]);
    expect(site("/favicon.svg").errors.map(formatError)).toEqual([
      "content/site.yaml → image: /favicon.svg is not a file the blog has: put the image in content/ and write ./favicon.svg (line 6)",
    ]);
  });

  it.each(["http://cdn.test/og.png", "javascript:x", "//cdn.test/og.png", "'a b.png'", "[a]"])("%s is refused", (image) => {
    expect(site(image).errors.map(formatError)).toEqual([
      "content/site.yaml → image: must be an https URL or a file in content/ (./image.png) (line 6)",
    ]);
  });

  it("the preview image is the largest copy in a format every reader takes", () => {
    const { image } = photo();
    expect(shareCandidate(image as MediaImage)).toEqual({ url: `/media/${H}/photo-1280.jpg`, width: 1280, height: 640 });
    expect(shareCandidate(DRAWING.image as MediaImage)).toBeUndefined();
    expect(imageMarkup(DRAWING.image as MediaImage, '<img src="/m.svg" alt="m">', true)).toBe(
      '<img src="/m.svg" alt="m" width="300" height="200">',
    );
  });
});
