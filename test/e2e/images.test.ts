// A folder post's images as a reader's browser loads them: every picture arrives (in a modern
// format the browser picks from the <picture>), sized before it loads, and only the first is
// fetched eagerly.
import { strict as assert } from "node:assert";
import { after, before, test } from "node:test";
import { guardedPage, launch, type Session } from "./lib/browser.ts";
import { get, IMAGES_PATH, url } from "./lib/site.ts";

let session: Session;
before(async () => {
  session = await launch();
});
after(() => session?.close());

test("a post's images load in Chromium, with sizes, lazily after the first, from the assets", async () => {
  const g = await guardedPage(session.browser, { viewport: { width: 1280, height: 800 } });
  await g.page.goto(url(IMAGES_PATH), { waitUntil: "load" });
  // Bring the lazy one into view, then wait for both to finish.
  await g.page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await g.page.waitForFunction(() => Array.from(document.images).every((i) => i.complete), null, { timeout: 15_000 });
  const images = await g.page.$$eval("article img", (elements) =>
    (elements as HTMLImageElement[]).map((i) => ({
      src: i.currentSrc,
      natural: i.naturalWidth,
      width: i.getAttribute("width"),
      height: i.getAttribute("height"),
      loading: i.getAttribute("loading"),
      alt: i.alt,
    })),
  );
  assert.equal(images.length, 2);
  for (const image of images) {
    assert.ok(image.natural > 0, `${image.src} did not load`);
    assert.ok(image.width && image.height, `${image.src} has no width and height`);
    assert.match(image.src, /\/media\/[0-9a-f]+\/.+\.(avif|webp|jpg)$/);
    assert.ok(image.alt.length > 0);
  }
  assert.equal(images[0]?.loading, null, "the first image is fetched eagerly");
  assert.equal(images[1]?.loading, "lazy");
  assert.deepEqual(g.problems, []);
  const media = g.requests.filter((r) => r.includes("/media/"));
  assert.ok(media.length >= 2, `expected the images to be fetched, saw ${media.join(", ")}`);
  await g.page.context().close();
});

test("files come straight from the assets, cached for ever; what is not a file is the blog's 404", async () => {
  const page = await get(IMAGES_PATH);
  const src = /<img [^>]*src="(\/media\/[0-9a-f]+\/[^"]+)"/.exec(page.text)?.[1];
  assert.ok(src, "the post has an image");
  const image = await fetch(url(src));
  assert.equal(image.status, 200);
  assert.match(image.headers.get("content-type") ?? "", /^image\//);
  assert.equal(image.headers.get("cache-control"), "public, max-age=31536000, immutable");
  await image.arrayBuffer();

  // A file that does not exist, and the corpus the Worker reads (a scheduled post's among it),
  // get the blog's own 404, never the asset layer's bare one or the file itself: a page, or at a
  // `.json` URL problem details, as every error there is (docs/http.md).
  const slug = IMAGES_PATH.split("/").pop();
  const missing = `${src.replace(/[^/]+$/, "")}missing.png`;
  const res = await get(missing);
  assert.equal(res.status, 404, missing);
  assert.equal(res.type, "text/html; charset=utf-8", missing);
  assert.match(res.text, /<h1>Page not found<\/h1>/, missing);
  for (const path of [`/_content/posts/${slug}.json`, "/_content/posts/the-launch.json", "/_content/lists/all/0.json"]) {
    const res = await get(path);
    assert.equal(res.status, 404, path);
    assert.equal(res.type, "application/problem+json; charset=utf-8", path);
    assert.deepEqual(JSON.parse(res.text), {
      type: "about:blank",
      title: "Not Found",
      status: 404,
      detail: "There is nothing at this address. It may have moved, or the link may be mistyped.",
      instance: path,
    });
    assert.doesNotMatch(res.text, /"(slug|html|posts)"/, path);
  }
});
