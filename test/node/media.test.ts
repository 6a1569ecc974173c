/**
 * Folder posts, the file-system half, as authors run it: `node src/build/index.ts` on a
 * blog made here (site settings, a folder post, images drawn with sharp), checked by what it
 * writes: the assets directory (content-hashed files, image copies, `_headers`, cards), the
 * generated module (HTML, Markdown, the post's image and card) and the messages. Runs in Node
 * (sharp and the build script are Node's), not in workerd:
 *
 *   node --test test/node/media.test.ts
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, test } from "node:test";
import sharp from "sharp";
import { IMAGE_SIZES } from "../../src/build/content/media.ts";
import { HEADERS, INLINE_EXTENSIONS, MEDIA_CSP } from "../../src/build/media/publish.ts";
import type { Post, PostBody, PostMeta, SiteConfig } from "../../src/shared/types.ts";

/** Where the build stored the corpus: a folder named by the key in its build module (src/shared/corpus.ts). */
function storedCorpus(out: string, assets = join(out, "assets")): string {
  const key = /export const corpusKey = "([0-9a-f]{32})";/.exec(readFileSync(join(out, "build.ts"), "utf8"))?.[1];
  assert.ok(key, `no corpus key in ${out}/build.ts`);
  return join(assets, "_content", key);
}

const root = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "edge-blog-media-"));
after(() => rmSync(work, { recursive: true, force: true }));

const ORIGIN = "https://trips.example.test";
const SITE = `title: Trips\ndescription: Where we went.\nauthor: Ana\nlanguage: en\norigin: ${ORIGIN}\n`;
const FRONT = "---\ntitle: My trip\ndate: 2025-03-01\n---\n";

/** A photo-like JPEG (noise, so the encoders have work to do), with EXIF that must not be published. */
async function photo(width: number, height: number, seed = 128): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#000", noise: { type: "gaussian", mean: seed, sigma: 40 } } })
    .blur(2)
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Artist: "Ana", Copyright: "secret place" } })
    .toBuffer();
}
const png = (width: number, height: number, colour = "#2a7") =>
  sharp({ create: { width, height, channels: 4, background: colour } })
    .png()
    .toBuffer();

interface Blog {
  content: string;
  out: string;
  cache: string;
  assets: string;
}

/** A blog in a fresh folder: site.yaml and the given files under content/posts. */
function blog(name: string, files: Record<string, string | Buffer>): Blog {
  const dir = join(work, name);
  const content = join(dir, "content");
  mkdirSync(join(content, "posts"), { recursive: true });
  writeFileSync(join(content, "site.yaml"), SITE);
  for (const [path, data] of Object.entries(files)) {
    mkdirSync(join(content, "posts", path, ".."), { recursive: true });
    writeFileSync(join(content, "posts", path), data);
  }
  return { content, out: join(dir, "out"), cache: join(dir, "cache"), assets: join(dir, "out", "assets") };
}

function build(b: Blog, ...extra: string[]) {
  const run = spawnSync(
    process.execPath,
    [join(root, "src", "build", "index.ts"), "--content", b.content, "--out", b.out, "--cache", b.cache, ...extra],
    { cwd: b.content, encoding: "utf8" },
  );
  return { ...run, lines: run.stderr.split("\n").filter((l) => l.trim() !== "") };
}

/**
 * The site as the Worker sees it: the generated module, loaded as the Worker would (a fresh copy
 * each time), and the posts from the corpus files in the assets.
 */
async function generated(b: Blog): Promise<{ site: SiteConfig; posts: (PostMeta & PostBody)[] }> {
  const copy = join(b.out, `content-${Date.now()}-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(copy, readFileSync(join(b.out, "content.ts")));
  const m = (await import(copy)) as { site: SiteConfig; corpus: { posts: number } };
  const corpus = storedCorpus(b.out, b.assets);
  const list: PostMeta[] = m.corpus.posts > 0 ? JSON.parse(readFileSync(join(corpus, "lists", "all", "0.json"), "utf8")) : [];
  const posts = list.map((p) => JSON.parse(readFileSync(join(corpus, "posts", `${p.slug}.json`), "utf8")).post as Post);
  return { site: m.site, posts };
}

/** Every file under `dir`, relative, sorted. */
function tree(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? tree(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

const summary = /^✓ content: (\d+) post\(s\) in \d+ ms(.*)\n$/;

describe("a folder post with images and files", async () => {
  const slides = Buffer.from("%PDF-1.4\n% a tiny stand-in for slides\n");
  const b = blog("trip", {
    "my-trip/index.md": [
      FRONT,
      "We went to the sea.",
      "",
      "![The sea at dusk](./photo.jpg)",
      "",
      "The [slides](slides.pdf#page=2), a [bigger photo](photo.jpg) and a plan:",
      "",
      "![A plan of the harbour](img/plan.png)",
      "",
    ].join("\n"),
    "my-trip/photo.jpg": await photo(1600, 1000),
    "my-trip/img/plan.png": await png(300, 200),
    "my-trip/slides.pdf": slides,
    "my-trip/notes.txt": "to do\n",
    // An old copy of the post: in a blog in one language, a file beside it like any other, and a
    // translation too, whose warning says how to publish it.
    "my-trip/index.old.md": `${FRONT}An earlier draft.\n`,
    "my-trip/index.pt-br.md": `${FRONT}Fomos ao mar.\n`,
    "my-trip/.DS_Store": "junk",
  });
  const run = build(b);

  test("builds, warning about the files nothing uses (they are not published)", () => {
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.lines, [
      "⚠ posts/my-trip/index.old.md → file: is not used by index.md (no link or image refers to it), so it is not published",
      "⚠ posts/my-trip/index.pt-br.md → file: is not used by index.md (no link or image refers to it), so it is not published; if it is a translation into Brazilian Portuguese, add pt-BR to languages: in site.yaml",
      "⚠ posts/my-trip/notes.txt → file: is not used by index.md (no link or image refers to it), so it is not published",
    ]);
    assert.equal(
      run.stdout.match(summary)?.[2],
      // No card: the post has an image of its own.
      "; 3 file(s) in folders, 2 image(s) processed",
      run.stdout,
    );
  });

  const media = tree(join(b.assets, "media"));
  const dirOf = (name: string) => media.find((f) => f.endsWith(`/${name}`))?.split("/")[0] ?? "";
  const photoDir = dirOf("photo.jpg");
  const planDir = dirOf("plan.png");

  test("publishes each file under a hash of its content, with its name", () => {
    assert.match(photoDir, /^[0-9a-f]{12}$/);
    assert.match(planDir, /^[0-9a-f]{12}$/);
    const pdfHash = createHash("sha256").update(slides).digest("hex").slice(0, 12);
    assert.deepEqual(media, [
      ...[
        `${photoDir}/photo-1280.avif`,
        `${photoDir}/photo-1280.jpg`,
        `${photoDir}/photo-1280.webp`,
        `${photoDir}/photo-640.avif`,
        `${photoDir}/photo-640.jpg`,
        `${photoDir}/photo-640.webp`,
        `${photoDir}/photo.jpg`,
        `${planDir}/plan-300.avif`,
        `${planDir}/plan-300.webp`,
        `${planDir}/plan.png`,
        `${pdfHash}/slides.pdf`,
      ].sort(),
    ]);
    assert.deepEqual(readFileSync(join(b.assets, "media", pdfHash, "slides.pdf")), slides);
  });

  test("image copies are the sizes and formats they say, and carry no EXIF", async () => {
    for (const [file, format, width, height] of [
      ["photo-640.avif", "heif", 640, 400],
      ["photo-1280.webp", "webp", 1280, 800],
      ["photo-640.jpg", "jpeg", 640, 400],
      ["photo.jpg", "jpeg", 1600, 1000],
    ] as const) {
      const meta = await sharp(join(b.assets, "media", photoDir, file)).metadata();
      assert.deepEqual([meta.format, meta.width, meta.height, meta.exif], [format, width, height, undefined], file);
    }
  });

  test("_headers makes every published file immutable, inert, and a download unless it is a type shown inline", () => {
    assert.equal(readFileSync(join(b.assets, "_headers"), "utf8"), HEADERS);
    assert.ok(
      HEADERS.includes(
        `\n/media/*\n  Cache-Control: public, max-age=31536000, immutable\n  X-Content-Type-Options: nosniff\n  Content-Security-Policy: ${MEDIA_CSP}\n  Content-Disposition: attachment\n`,
      ),
      HEADERS,
    );
    assert.match(HEADERS, /^\/cards\/\*\n {2}Cache-Control: public, max-age=31536000, immutable\n/m);
    // The only rules after /media/* take the download away, one safe type each; none sets anything.
    const mediaRules = HEADERS.split(/^(?=\/)/m).filter((rule) => rule.startsWith("/media/*."));
    assert.deepEqual(
      mediaRules,
      INLINE_EXTENSIONS.map((ext) => `/media/*.${ext}\n  ! Content-Disposition\n`),
    );
  });

  test("the page: a <picture> per image, sized, lazy after the first; links to the files", async () => {
    const [post] = (await generated(b)).posts as Post[];
    const html = post?.html ?? "";
    const p = `/media/${photoDir}/photo`;
    assert.ok(
      html.includes(
        `<picture><source type="image/avif" srcset="${p}-640.avif 640w, ${p}-1280.avif 1280w" sizes="${IMAGE_SIZES}">` +
          `<source type="image/webp" srcset="${p}-640.webp 640w, ${p}-1280.webp 1280w" sizes="${IMAGE_SIZES}">` +
          `<img src="${p}-1280.jpg" alt="The sea at dusk" srcset="${p}-640.jpg 640w, ${p}-1280.jpg 1280w" sizes="${IMAGE_SIZES}" width="1600" height="1000"></picture>`,
      ),
      html,
    );
    const q = `/media/${planDir}/plan`;
    assert.ok(
      html.includes(
        `<img src="${q}.png" alt="A plan of the harbour" srcset="${q}.png 300w" sizes="${IMAGE_SIZES}" width="300" height="200" loading="lazy" decoding="async">`,
      ),
      html,
    );
    assert.ok(html.includes(`<a href="/media/${dirOf("slides.pdf")}/slides.pdf#page=2">slides</a>`));
    assert.ok(html.includes(`<a href="${p}.jpg">bigger photo</a>`));
  });

  test("the record: Markdown with absolute URLs, and an image for previews instead of a card", async () => {
    const [post] = (await generated(b)).posts;
    assert.ok(post?.markdown.includes(`![The sea at dusk](${ORIGIN}/media/${photoDir}/photo.jpg)`));
    assert.ok(post?.markdown.includes(`![A plan of the harbour](${ORIGIN}/media/${planDir}/plan.png)`));
    assert.deepEqual(post?.image, {
      url: `${ORIGIN}/media/${photoDir}/photo-1280.jpg`,
      width: 1280,
      height: 800,
      alt: "The sea at dusk",
    });
    // Link previews show the post's own image (src/worker/routes/head.ts), so no card is drawn.
    assert.equal(post?.card, undefined);
    assert.deepEqual(tree(join(b.assets, "cards")), []);
  });

  test("a rebuild processes only what changed, and removes what is no longer used", async () => {
    const again = build(b);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.stdout.match(summary)?.[2], "; 3 file(s) in folders, 0 image(s) processed");

    // One new image, and the photo replaced: two images processed, the old photo's copies gone.
    writeFileSync(join(b.content, "posts", "my-trip", "map.png"), await png(800, 600, "#37c"));
    writeFileSync(join(b.content, "posts", "my-trip", "photo.jpg"), await photo(1600, 1000, 90));
    const index = join(b.content, "posts", "my-trip", "index.md");
    writeFileSync(index, `${readFileSync(index, "utf8")}\n![A map of the coast](map.png)\n`);
    const changed = build(b);
    assert.equal(changed.status, 0, changed.stderr);
    // The post's text changed too (a new image in it): rendered again.
    assert.equal(changed.stdout.match(summary)?.[2], "; 4 file(s) in folders, 2 image(s) processed");
    const after = tree(join(b.assets, "media"));
    assert.equal(
      after.some((f) => f.startsWith(`${photoDir}/`)),
      false,
    );
    assert.equal(after.filter((f) => f.endsWith("/photo.jpg")).length, 1);
    // 800 wide: 640 and 800 in AVIF, WebP and PNG, the 800 PNG being the original.
    assert.deepEqual(
      after.filter((f) => f.includes("/map")).map((f) => f.split("/")[1]),
      ["map-640.avif", "map-640.png", "map-640.webp", "map-800.avif", "map-800.webp", "map.png"],
    );

    // A clean assets directory costs copies from the cache, no processing.
    rmSync(b.assets, { recursive: true });
    const clean = build(b);
    assert.equal(
      clean.stdout.match(summary)?.[2],
      "; 4 file(s) in folders, 0 image(s) processed; 0 post(s) rendered, 1 unchanged",
    );
    assert.deepEqual(tree(join(b.assets, "media")), after);
  });
});

describe("what an author must fix in a folder post", async () => {
  const b = blog("broken", {
    "bad/index.md": [
      FRONT,
      "Intro.",
      "",
      "![](./pic.png)",
      "",
      "![Gone](./missing.png)",
      "",
      "![Huge](huge.png)",
      "",
      "![Elsewhere](../other/x.png)",
      "",
      "![Fake](fake.png) and ![Slides](slides.pdf)",
      "",
    ].join("\n"),
    "bad/pic.png": await png(10, 10),
    "bad/fake.png": await photo(20, 20),
    "bad/slides.pdf": "%PDF",
    "bad/unused.txt": "x",
    "lost/notes.md": "---\ntitle: Lost\ndate: 2025-01-01\n---\nText.\n",
    "logo.png": await png(10, 10),
  });
  // 26 MiB without writing them: a sparse file has the size the build checks.
  writeFileSync(join(b.content, "posts", "bad", "huge.png"), "");
  truncateSync(join(b.content, "posts", "bad", "huge.png"), 26 * 1024 * 1024);
  const run = build(b);

  test("fails with every problem at its line, and still warns about the unused file, after them", () => {
    assert.equal(run.status, 1);
    const at = (message: string, line: number) => `  posts/bad/index.md → body: ${message} (line ${line})`;
    assert.deepEqual(run.lines, [
      "✗ content build failed: 8 problems",
      "  posts/logo.png → file: is not a post: posts are .md or .markdown files, or folders with an index.md",
      "  posts/lost → file: is a folder without index.md: a folder post is content/posts/lost/index.md, with its files beside it",
      at(
        "image ./pic.png has no alt text: say what it shows, ![a short description](./pic.png), or mark an image that adds nothing ![](./pic.png){decorative}",
        8,
      ),
      at("./missing.png does not exist in the post's folder", 10),
      at("huge.png is 26.0 MiB; a file may be at most 25.0 MiB (the largest file Workers Static Assets serves)", 12),
      at(
        "../other/x.png points outside the post's folder: a post can only use files in its own folder (link to another post as /posts/<slug>)",
        14,
      ),
      at("fake.png is not what its name says: it holds JPEG data, not PNG", 16),
      at(
        "slides.pdf is not an image, video or audio file the blog can show: use JPEG, PNG, WebP, AVIF, GIF or SVG; MP4 or WebM for a video; MP3, M4A or Ogg for audio",
        16,
      ),
      "⚠ posts/bad/unused.txt → file: is not used by index.md (no link or image refers to it), so it is not published",
    ]);
    assert.equal(existsSync(join(b.out, "content.ts")), false, "nothing is generated");
  });
});

describe("a folder page: an About page with a photo of the author", async () => {
  const b = blog("about", { "hello.md": `${FRONT}Hello.\n` });
  /** Writes files under content/pages. */
  const pages = (files: Record<string, string | Buffer>) => {
    for (const [path, data] of Object.entries(files)) {
      mkdirSync(join(b.content, "pages", path, ".."), { recursive: true });
      writeFileSync(join(b.content, "pages", path), data);
    }
  };
  pages({
    "about/index.md": "---\ntitle: About\nnav: 1\n---\n\nI write here.\n\n![The author on a hill](./me.jpg)\n",
    "about/me.jpg": await photo(900, 600),
    "about/old.jpg": await photo(90, 60),
    // A draft page's files are published only in the preview, as a draft post's are.
    "now/index.md": "---\ntitle: Now\ndraft: true\n---\n\n![My desk today](./desk.png)\n",
    "now/desk.png": await png(40, 30),
  });
  const run = build(b);
  const corpusPage = (slug: string) =>
    JSON.parse(readFileSync(join(storedCorpus(b.out, b.assets), "pages", `${slug}.json`), "utf8"));

  test("builds, warning about the file nothing uses", () => {
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.lines, [
      "⚠ pages/about/old.jpg → file: is not used by index.md (no link or image refers to it), so it is not published",
    ]);
    assert.match(
      run.stdout,
      // The draft's file is read too: only publishing it waits for the preview.
      /^✓ content: 1 post\(s\), 1 page\(s\) in \d+ ms; 1 draft\(s\) left out; 2 file\(s\) in folders, 2 image\(s\) processed;/,
    );
  });

  test("the photo is processed and published like a post's, the draft's file is not", () => {
    const media = tree(join(b.assets, "media"));
    const dir = media.find((f) => f.endsWith("/me.jpg"))?.split("/")[0] ?? "";
    assert.match(dir, /^[0-9a-f]{12}$/);
    assert.deepEqual(media, [
      `${dir}/me-640.avif`,
      `${dir}/me-640.jpg`,
      `${dir}/me-640.webp`,
      `${dir}/me-900.avif`,
      `${dir}/me-900.webp`,
      `${dir}/me.jpg`,
    ]);
    const page = corpusPage("about");
    const p = `/media/${dir}/me`;
    assert.equal(
      page.html,
      `<p>I write here.</p>\n<p><picture><source type="image/avif" srcset="${p}-640.avif 640w, ${p}-900.avif 900w" sizes="${IMAGE_SIZES}">` +
        `<source type="image/webp" srcset="${p}-640.webp 640w, ${p}-900.webp 900w" sizes="${IMAGE_SIZES}">` +
        `<img src="${p}.jpg" alt="The author on a hill" srcset="${p}-640.jpg 640w, ${p}.jpg 900w" sizes="${IMAGE_SIZES}" width="900" height="600"></picture></p>\n`,
    );
    // The page's image for link previews, and its Markdown read away from the site.
    assert.deepEqual(page.image, { url: `${ORIGIN}${p}.jpg`, width: 900, height: 600, alt: "The author on a hill" });
    assert.ok(page.markdown.includes(`![The author on a hill](${ORIGIN}${p}.jpg)`), page.markdown);
  });

  test("the preview publishes the draft page's file too", () => {
    const preview = build(b, "--preview");
    assert.equal(preview.status, 0, preview.stderr);
    assert.ok(tree(join(b.assets, "media")).some((f) => f.endsWith("/desk.png")));
    assert.ok(corpusPage("now").html.includes("/desk.png"));
  });

  test("a page and a folder page of one slug, and a page's image that can never show, fail the build", () => {
    pages({
      "about.md": "---\ntitle: About too\n---\n\nMe.\n",
      "contact.md": "---\ntitle: Contact\n---\n\n![Me](me.jpg)\n",
      "team/notes.md": "Not an index.\n",
    });
    const broken = build(b);
    assert.equal(broken.status, 1);
    assert.deepEqual(broken.lines.slice(1), [
      "  pages/team → file: is a folder without index.md: a folder page is content/pages/team/index.md, with its files beside it",
      '  pages/about/index.md → slug: "about" is already used by pages/about.md',
      "  pages/contact.md → body: me.jpg is a file beside the page, but a single-file page has no folder: make it a folder page (pages/<slug>/index.md) and put the file in that folder (line 5)",
      "⚠ pages/about/old.jpg → file: is not used by index.md (no link or image refers to it), so it is not published",
    ]);
  });
});

describe("social cards on a cold build", () => {
  // Enough posts to parse on threads (src/build/parse-pool.ts), so the card thread started
  // early draws each card as its post is parsed; with a theme, style.css and a logo, whose
  // colours are the cards' too.
  const post = (i: number) => `---\ntitle: Post ${i}\ndate: 2025-01-01\n---\nText ${i}.\n`;
  const b = blog("cards-ahead", {
    ...Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`p-${i}.md`, post(i)])),
    // Scheduled: their cards are drawn when planned, for the corpus, not ahead.
    "later-1.md": "---\ntitle: Later 1\ndate: 2099-01-01\n---\nSoon.\n",
    "later-2.md": "---\ntitle: Later 2\ndate: 2099-02-01\n---\nSoon.\n",
  });
  writeFileSync(
    join(b.content, "site.yaml"),
    `${SITE}theme:\n  light: { accent: "#6a1b9a", background: "#fffdf8", text: "#1d1b16" }\n`,
  );
  mkdirSync(join(b.content, "site"));
  writeFileSync(join(b.content, "site", "style.css"), ":root {\n  --rule: #c0b0d0;\n}\n");
  writeFileSync(
    join(b.content, "site", "logo.svg"),
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32"><rect width="32" height="32" fill="#6a1b9a"/></svg>',
  );

  test("draws every card as the posts are parsed, in the site's colours, each once", () => {
    const run = build(b);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stdout.match(summary)?.[2],
      "; 2 scheduled: later-1 (2099-01-01 00:00 UTC), later-2 (2099-02-01 00:00 UTC); 202 social card(s) drawn, 200 as the posts were parsed",
    );
    // The scheduled posts' cards are kept in the corpus until they go live, not in cards/.
    assert.equal(tree(join(b.assets, "cards")).length, 200);
    assert.equal(readdirSync(join(b.cache, "cards")).filter((n) => n.endsWith(".png")).length, 202);
  });
});

describe("social cards", () => {
  const post = (title: string) => `---\ntitle: ${title}\ndate: 2025-01-01\n---\nText.\n`;
  const b = blog("cards", { "one.md": post("One"), "two.md": post("Two") });
  const cards = () => tree(join(b.assets, "cards"));

  test("are drawn for new posts and titles only; a gone post's card goes too", () => {
    assert.equal(build(b).stdout.match(summary)?.[2], "; 2 social card(s) drawn");
    const [one, two] = cards();
    assert.match(one ?? "", /^one-[0-9a-f]{8}\.png$/);
    assert.match(two ?? "", /^two-[0-9a-f]{8}\.png$/);
    assert.equal(build(b).stdout.match(summary)?.[2], "; 0 post(s) rendered, 2 unchanged");
    assert.deepEqual(cards(), [one, two]);

    writeFileSync(join(b.content, "posts", "two.md"), post("Two, renamed"));
    assert.equal(build(b).stdout.match(summary)?.[2], "; 1 post(s) rendered, 1 unchanged; 1 social card(s) drawn");
    const [, renamed] = cards();
    assert.notEqual(renamed, two);
    assert.deepEqual(cards(), [one, renamed]);

    rmSync(join(b.content, "posts", "two.md"));
    assert.equal(build(b).stdout.match(summary)?.[2], "; 0 post(s) rendered, 1 unchanged");
    assert.deepEqual(cards(), [one]);

    // Back to a title drawn before: a copy from the cache, nothing drawn (the post renders again:
    // the parse cache forgot it when it was gone).
    writeFileSync(join(b.content, "posts", "two.md"), post("Two"));
    assert.equal(build(b).stdout.match(summary)?.[2], "; 1 post(s) rendered, 1 unchanged");
    assert.deepEqual(cards(), [one, two]);
  });

  test("a translation's card is named by its language, and goes like any other when the translation does", () => {
    const t = blog("cards-languages", { "one.md": post("One"), "one.pt-br.md": post("Um") });
    writeFileSync(join(t.content, "site.yaml"), `${SITE}languages: [en, pt-BR]\n`);
    const drawn = () => tree(join(t.assets, "cards"));
    assert.equal(build(t).status, 0);
    const [one, um] = drawn();
    assert.match(one ?? "", /^one-[0-9a-f]{8}\.png$/);
    assert.match(um ?? "", /^one\.pt-br-[0-9a-f]{8}\.png$/);

    writeFileSync(join(t.content, "posts", "one.pt-br.md"), post("Um, de novo"));
    assert.equal(build(t).status, 0);
    const [, again] = drawn();
    assert.notEqual(again, um);
    assert.deepEqual(drawn(), [one, again]);

    rmSync(join(t.content, "posts", "one.pt-br.md"));
    assert.equal(build(t).status, 0);
    assert.deepEqual(drawn(), [one]);
  });
});

describe("the same image in several posts", async () => {
  const picture = await photo(700, 500);
  const post = (title: string, name: string) => `---\ntitle: ${title}\ndate: 2025-01-01\n---\n![The same view](${name})\n`;
  const files: Record<string, string | Buffer> = {};
  for (let i = 0; i < 6; i++) {
    files[`post-${i}/index.md`] = post(`Post ${i}`, i === 5 ? "renamed.jpg" : "view.jpg");
    files[`post-${i}/${i === 5 ? "renamed.jpg" : "view.jpg"}`] = picture;
  }
  const b = blog("shared", files);

  test("is processed once, and published under each name it has", () => {
    const run = build(b);
    assert.equal(run.status, 0, run.stderr);
    // No cards: each post has an image of its own.
    assert.equal(run.stdout.match(summary)?.[2], "; 6 file(s) in folders, 1 image(s) processed");
    const names = tree(join(b.assets, "media")).map((f) => f.split("/")[1]);
    assert.deepEqual(names, [
      "renamed-640.avif",
      "renamed-640.jpg",
      "renamed-640.webp",
      "renamed-700.avif",
      "renamed-700.webp",
      "renamed.jpg",
      "view-640.avif",
      "view-640.jpg",
      "view-640.webp",
      "view-700.avif",
      "view-700.webp",
      "view.jpg",
    ]);
  });
});

describe("drafts, site image and a fresh checkout", async () => {
  const b = blog("drafts", {
    "draft/index.md": "---\ntitle: Not yet\ndate: 2025-01-01\ndraft: true\n---\n![A secret](./secret.png)\n",
    "draft/secret.png": await png(50, 50),
    "public.md": "---\ntitle: Out\ndate: 2025-01-02\n---\nText.\n",
  });
  writeFileSync(join(b.content, "site.yaml"), `${SITE}image: ./og.png\n`);
  writeFileSync(join(b.content, "og.png"), await png(1200, 630, "#c33"));

  test("a draft's files are not published; site.yaml's image is, with an absolute URL", async () => {
    const run = build(b);
    assert.equal(run.status, 0, run.stderr);
    const media = tree(join(b.assets, "media"));
    assert.equal(
      media.some((f) => f.includes("secret")),
      false,
    );
    const { site, posts } = await generated(b);
    assert.deepEqual(
      posts.map((p) => p.slug),
      ["public"],
    );
    const og = media.find((f) => /^[0-9a-f]{12}\/og\.png$/.test(f));
    assert.ok(og, media.join(", "));
    assert.equal(site.image, `${ORIGIN}/media/${og}`);
  });

  test("the preview publishes the draft's files too", () => {
    const run = build(b, "--preview");
    assert.equal(run.status, 0, run.stderr);
    assert.ok(tree(join(b.assets, "media")).some((f) => f.endsWith("/secret.png")));
  });

  test("site.yaml's image must exist", () => {
    writeFileSync(join(b.content, "site.yaml"), `${SITE}image: ./nope.png\n`);
    const run = build(b);
    assert.equal(run.status, 1);
    assert.deepEqual(run.lines.slice(1), ["  site.yaml → image: ./nope.png does not exist in content/"]);
  });

  test("a broken preview still leaves an assets directory for wrangler to read", () => {
    const fresh = blog("fresh", { "broken.md": "no front matter\n" });
    const run = build(fresh, "--preview");
    assert.equal(run.status, 0);
    assert.deepEqual(tree(fresh.assets), ["_headers"]);
  });
});

describe("a folder post's video and audio", async () => {
  const fixture = (name: string) => readFileSync(join(root, "test", "fixtures", "media", name));
  const vtt = (text: string) => `WEBVTT\n\n00:00.000 --> 00:01.000\n${text}\n`;
  const b = blog("film", {
    "film/index.md": [
      FRONT,
      "![Coloured bars over a test pattern, with a tone](./clip.mp4)",
      "",
      "![The same bars, silent](bars.webm) and ![A tone at 440 Hz](song.ogg)",
      "",
    ].join("\n"),
    "film/clip.mp4": fixture("clip.mp4"),
    "film/clip.png": await png(160, 90),
    "film/clip.vtt": vtt("A tone"),
    "film/clip.PT-br.vtt": vtt("Um tom"),
    "film/clip.notes.vtt": vtt("not a language: not a track"),
    "film/bars.webm": fixture("clip.webm"),
    "film/song.ogg": fixture("song.ogg"),
  });
  writeFileSync(join(b.content, "site.yaml"), SITE.replace("language: en", "language: fr"));
  const run = build(b);

  test("builds; a video without captions is a warning, and a file nothing names is still unused", () => {
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.lines, [
      "⚠ posts/film/clip.notes.vtt → file: is not used by index.md (no link or image refers to it), so it is not published",
      "⚠ posts/film/bars.webm → file: has no captions: readers who cannot hear it miss what it says (write them in bars.vtt, WebVTT)",
    ]);
    // Every file published counts, the poster and captions too.
    assert.match(run.stdout.match(summary)?.[2] ?? "", /^; 6 file\(s\) in folders, /, run.stdout);
  });

  test("the players: size read from the file, the poster beside it, captions in the blog's language first", async () => {
    const { posts } = await generated(b);
    const html = posts[0]?.html ?? "";
    const media = tree(join(b.assets, "media"));
    const url = (name: string) => `/media/${media.find((f) => f.endsWith(`/${name}`))}`;
    assert.equal(
      html,
      `<p><video controls="" preload="metadata" src="${url("clip.mp4")}" width="160" height="90" poster="${url("clip.png")}" aria-label="Coloured bars over a test pattern, with a tone">` +
        `<track kind="captions" src="${url("clip.vtt")}" srclang="fr" label="Français">` +
        `<track kind="captions" src="${url("clip.PT-br.vtt")}" srclang="pt-BR" label="Português (Brasil)">` +
        `<a href="${url("clip.mp4")}">Coloured bars over a test pattern, with a tone</a></video></p>\n` +
        `<p><video controls="" preload="metadata" src="${url("bars.webm")}" width="160" height="90" aria-label="The same bars, silent"><a href="${url("bars.webm")}">The same bars, silent</a></video>` +
        ` and <audio controls="" preload="metadata" src="${url("song.ogg")}" aria-label="A tone at 440 Hz"><a href="${url("song.ogg")}">A tone at 440 Hz</a></audio></p>\n`,
    );
    // Published byte for byte, the poster at its own size only (the player takes one URL).
    assert.deepEqual(readFileSync(join(b.assets, url("clip.mp4"))), fixture("clip.mp4"));
    assert.deepEqual(
      media.map((f) => f.split("/")[1]).sort(),
      ["bars.webm", "clip.PT-br.vtt", "clip.mp4", "clip.png", "clip.vtt", "song.ogg"].sort(),
    );
  });

  test("what an author must fix: a renamed file, a codec-less file, captions that are not WebVTT", () => {
    const bad = blog("film-bad", {
      "bad/index.md": [FRONT, "![A tone](./song.mp3)", "", "![Bars](clip.mp4)", "", "![Not a video](fake.webm)", ""].join("\n"),
      "bad/song.mp3": fixture("song.m4a"),
      "bad/clip.mp4": fixture("clip.mp4"),
      "bad/clip.vtt": "1\n00:00:00,000 --> 00:00:01,000\nA tone\n",
      "bad/fake.webm": "not a video at all",
    });
    const run = build(bad);
    assert.equal(run.status, 1);
    const at = (message: string, line: number) => `  posts/bad/index.md → body: ${message} (line ${line})`;
    assert.deepEqual(run.lines, [
      "✗ content build failed: 3 problems",
      at("./song.mp3 is not what its name says: it holds MPEG-4 data, not MP3 (rename it to .m4a)", 6),
      at(
        "clip.mp4 comes with a file that cannot be used: clip.vtt (its captions) is not WebVTT: its first line must be WEBVTT (this looks like SubRip: rename the times' commas to dots and start it with WEBVTT)",
        8,
      ),
      at("fake.webm could not be read as video: MediaInfo found no WebM data in it", 10),
    ]);
  });
});
