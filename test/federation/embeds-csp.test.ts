import { describe, expect, it } from "vitest";
import { freshWorker } from "./helpers.ts";

/**
 * A post that frames a video and plays its own (test/fixtures/blog-fedi/posts/second/ has a
 * YouTube link alone on its line, then a video and an audio file of its folder), and a folder
 * page that plays its own audio (pages/listen/): its page's CSP
 * gains that origin in frame-src and its own origin in media-src, and no other page or
 * representation gains anything. (This fixture blog is the one the tests may add a video to
 * without moving the engine fixture's counts.)
 */
describe("a page with a video", () => {
  it("allows exactly that frame's origin and its own media; every other page keeps frame-src and media-src absent", async () => {
    const worker = await freshWorker();
    const csp = async (path: string) => {
      const res = await worker.fetch(path);
      await res.arrayBuffer();
      return res.headers.get("content-security-policy") ?? "";
    };
    const plain = await csp("/posts/hello");
    expect(plain).toMatch(/^default-src 'none'; /);
    expect(plain).not.toContain("frame-src");
    expect(plain).not.toContain("media-src");
    const video = `${plain}; media-src 'self'; frame-src https://www.youtube-nocookie.com`;
    expect(await csp("/posts/second")).toBe(video);
    expect(await csp("/")).toBe(plain);
    expect(await csp("/tags/rust")).toBe(plain);
    // And again from the isolate's prepared copy: the same header.
    expect(await csp("/posts/second")).toBe(video);
    // The other representations are data: they play nothing.
    expect(await csp("/posts/second.json")).not.toContain("media-src");
  });

  it("a folder page that plays its own audio and frames a video allows both, as a post does", async () => {
    const worker = await freshWorker();
    const csp = async (path: string) => {
      const res = await worker.fetch(path);
      await res.arrayBuffer();
      return res.headers.get("content-security-policy") ?? "";
    };
    // test/fixtures/blog-fedi/pages/listen/index.md, with song.mp3 beside it and a YouTube link alone on its line.
    expect(await csp("/listen")).toBe(
      `${await csp("/posts/hello")}; media-src 'self'; frame-src https://www.youtube-nocookie.com`,
    );
    expect(await csp("/listen.json")).not.toContain("media-src");
    expect(await csp("/listen.json")).not.toContain("frame-src");
    const page = await (await worker.fetch("/listen")).text();
    expect(page).toContain('<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="YouTube video"');
    // Its JSON is data, read on other origins: the video's link, not the frame, as a post's JSON.
    const json = (await (await worker.fetch("/listen.json")).json()) as { html: string };
    expect(json.html).not.toContain("<iframe");
    expect(json.html).toContain(
      '<p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">https://www.youtube.com/watch?v=dQw4w9WgXcQ</a></p>',
    );
  });

  it("feeds and JSON carry the video's link, not the frame", async () => {
    const worker = await freshWorker();
    const json = (await (await worker.fetch("/posts/second.json")).json()) as { html: string };
    expect(json.html).not.toContain("<iframe");
    expect(json.html).toContain(
      '<p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">https://www.youtube.com/watch?v=dQw4w9WgXcQ</a></p>',
    );
    // The post's own video and audio stay players, with absolute URLs, their link inside for a reader that shows none.
    const m = "https://blog\\.example/media/[0-9a-f]{12}";
    expect(json.html).toMatch(
      new RegExp(
        `<p><video controls="" preload="metadata" src="(${m}/clip\\.mp4)" width="160" height="90" aria-label="Coloured bars over a test pattern, with a tone">` +
          `<track kind="captions" src="${m}/clip\\.vtt" srclang="en" label="English"><a href="\\1">Coloured bars over a test pattern, with a tone</a></video></p>\n` +
          `<p><audio controls="" preload="metadata" src="(${m}/song\\.mp3)" aria-label="A tone at 440 Hz"><a href="\\2">A tone at 440 Hz</a></audio></p>`,
      ),
    );
    const feed = await (await worker.fetch("/feed.xml")).text();
    expect(feed).not.toContain("iframe");
    expect(feed).toContain("youtube.com/watch?v=dQw4w9WgXcQ");
    const page = await (await worker.fetch("/posts/second")).text();
    expect(page).toContain('<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="YouTube video"');
  });
});
