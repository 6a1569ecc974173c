import { describe, expect, it } from "vitest";
import { freshWorker } from "./helpers.ts";

/**
 * A post that frames a video (test/fixtures/blog-fedi/posts/second.md ends with a YouTube link
 * alone on its line): its page's CSP gains that origin in frame-src, and no other page or
 * representation gains anything. (This fixture blog is the one the tests may add a video to
 * without moving the engine fixture's counts.)
 */
describe("a page with a video", () => {
  it("allows exactly that frame's origin; every other page keeps frame-src absent", async () => {
    const worker = await freshWorker();
    const csp = async (path: string) => {
      const res = await worker.fetch(path);
      await res.arrayBuffer();
      return res.headers.get("content-security-policy") ?? "";
    };
    const plain = await csp("/posts/hello");
    expect(plain).toMatch(/^default-src 'none'; /);
    expect(plain).not.toContain("frame-src");
    expect(await csp("/posts/second")).toBe(`${plain}; frame-src https://www.youtube-nocookie.com`);
    expect(await csp("/")).toBe(plain);
    // And again from the isolate's prepared copy: the same header.
    expect(await csp("/posts/second")).toBe(`${plain}; frame-src https://www.youtube-nocookie.com`);
  });

  it("feeds and JSON carry the video's link, not the frame", async () => {
    const worker = await freshWorker();
    const json = (await (await worker.fetch("/posts/second.json")).json()) as { html: string };
    expect(json.html).not.toContain("<iframe");
    expect(json.html).toContain(
      '<p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">https://www.youtube.com/watch?v=dQw4w9WgXcQ</a></p>',
    );
    const feed = await (await worker.fetch("/feed.xml")).text();
    expect(feed).not.toContain("iframe");
    expect(feed).toContain("youtube.com/watch?v=dQw4w9WgXcQ");
    const page = await (await worker.fetch("/posts/second")).text();
    expect(page).toContain('<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="YouTube"');
  });
});
