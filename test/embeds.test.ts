import { describe, expect, it } from "vitest";
import { buildCollection, parsePost } from "../src/build/content/collection.ts";
import { embedFor } from "../src/build/content/embeds.ts";
import { EMBED_SANDBOX, embedsAsLinks, frameOriginsOf } from "../src/shared/embeds.ts";

/** Video embeds (src/build/content/embeds.ts, src/shared/embeds.ts): what becomes a frame, and what never does. */

const post = (body: string) =>
  parsePost({ path: "content/posts/v.md", text: `---\ntitle: V\ndate: 2025-01-01\n---\n\n${body}\n` });
const FRAME = (src: string, title: string) =>
  `<iframe src="${src}" title="${title}" width="560" height="315" loading="lazy" sandbox="${EMBED_SANDBOX}" allow="fullscreen; picture-in-picture" referrerpolicy="strict-origin-when-cross-origin"></iframe>`;

describe("video links", () => {
  it("map to the providers' privacy-respecting players, and nothing else does", () => {
    const nocookie = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ";
    for (const url of [
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
      "https://youtube.com/watch?v=dQw4w9WgXcQ&t=42",
      "https://m.youtube.com/watch?v=dQw4w9WgXcQ",
      "https://youtu.be/dQw4w9WgXcQ",
      "https://www.youtube.com/shorts/dQw4w9WgXcQ",
    ])
      expect([url, embedFor(url)?.src]).toEqual([url, nocookie]);
    expect(embedFor("https://vimeo.com/76979871")?.src).toBe("https://player.vimeo.com/video/76979871?dnt=1");
    for (const url of [
      "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
      "https://evil.example/youtube.com/watch?v=dQw4w9WgXcQ",
      "https://www.youtube.com/watch?v=short",
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ%22onload",
      "https://vimeo.com/channels/staffpicks",
      "javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ",
    ])
      expect([url, embedFor(url)]).toEqual([url, undefined]);
  });

  it("alone on a line become a captioned frame; in a sentence, or on a look-alike host, they stay links", () => {
    const { post: p, errors } = post(
      [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "",
        "[The talk, in full](https://vimeo.com/76979871)",
        "",
        "See https://youtu.be/dQw4w9WgXcQ here.",
        "",
        "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
      ].join("\n"),
    );
    expect(errors).toEqual([]);
    expect(p?.html).toBe(
      [
        `<figure class="embed">${FRAME("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "YouTube video")}<figcaption><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">https://www.youtube.com/watch?v=dQw4w9WgXcQ</a></figcaption></figure>`,
        `<figure class="embed">${FRAME("https://player.vimeo.com/video/76979871?dnt=1", "Vimeo: The talk, in full")}<figcaption><a href="https://vimeo.com/76979871">The talk, in full</a></figcaption></figure>`,
        '<p>See <a href="https://youtu.be/dQw4w9WgXcQ">https://youtu.be/dQw4w9WgXcQ</a> here.</p>',
        '<p><a href="https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ">https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ</a></p>',
        "",
      ].join("\n"),
    );
    expect(frameOriginsOf(p?.html ?? "")).toEqual(["https://player.vimeo.com", "https://www.youtube-nocookie.com"]);
    // Feeds and JSON get each frame's caption link.
    expect(
      embedsAsLinks(p?.html ?? "")
        .split("\n")
        .slice(0, 2),
    ).toEqual([
      '<p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">https://www.youtube.com/watch?v=dQw4w9WgXcQ</a></p>',
      '<p><a href="https://vimeo.com/76979871">The talk, in full</a></p>',
    ]);
  });

  it("a PeerTube server's video becomes its player without P2P, only on a server site.yaml names", () => {
    const hosts = ["video.example.org"];
    const short = "9c9de5e8-0a1e-484a-b099-e80766180a6d";
    const embed = { src: `https://video.example.org/videos/embed/${short}?p2p=0`, provider: "PeerTube" };
    expect(embedFor(`https://video.example.org/videos/watch/${short}`, hosts)).toEqual(embed);
    expect(embedFor(`https://Video.Example.org/w/${short}`, hosts)).toEqual(embed);
    expect(embedFor("https://video.example.org/w/kkGMgK9ZtnKfYAgnEtQxbv", hosts)?.src).toBe(
      "https://video.example.org/videos/embed/kkGMgK9ZtnKfYAgnEtQxbv?p2p=0",
    );
    for (const url of [
      `https://other.example.org/w/${short}`, // not named: anyone can run a server
      `https://video.example.org/w/${short}`.replace("https:", "http:"),
      `https://video.example.org:8443/w/${short}`,
      "https://video.example.org/w/not-an-id",
      "https://video.example.org/w/p/kkGMgK9ZtnKfYAgnEtQxbv", // a playlist
      `https://video.example.org.evil.example/w/${short}`,
    ])
      expect([url, embedFor(url, hosts)]).toEqual([url, undefined]);
    expect(embedFor(`https://video.example.org/w/${short}`)).toBeUndefined();

    const site =
      "title: T\ndescription: D\nauthor: A\nlanguage: en\norigin: https://blog.example.com\npeertube: [Video.Example.org]\n";
    const { posts, errors } = buildCollection(
      { path: "content/site.yaml", text: site },
      [
        {
          path: "content/posts/v.md",
          text: `---\ntitle: V\ndate: 2025-01-01\n---\n\n[A talk](https://video.example.org/w/${short})\n`,
        },
      ],
      { includeDrafts: false, now: new Date("2026-01-01") },
    );
    expect(errors).toEqual([]);
    const html = posts[0]?.html ?? "";
    expect(html).toBe(
      `<figure class="embed">${FRAME(embed.src, "PeerTube: A talk")}<figcaption><a href="https://video.example.org/w/${short}">A talk</a></figcaption></figure>\n`,
    );
    expect(frameOriginsOf(html)).toEqual(["https://video.example.org"]);
  });

  it("a bare link's frame is named in the blog's language; a link's own words name it as written", () => {
    const site = (language: string) =>
      `title: T\ndescription: D\nauthor: A\nlanguage: ${language}\norigin: https://blog.example.com\n`;
    const titles = (language: string) =>
      buildCollection(
        { path: "content/site.yaml", text: site(language) },
        [
          {
            path: "content/posts/v.md",
            text: "---\ntitle: V\ndate: 2025-01-01\n---\n\nhttps://youtu.be/dQw4w9WgXcQ\n\n[Uma palestra & mais](https://vimeo.com/76979871)\n",
          },
        ],
        { includeDrafts: false, now: new Date("2026-01-01") },
      ).posts[0]?.html.match(/title="[^"]*"/g);
    expect(titles("pt-BR")).toEqual(['title="Vídeo do YouTube"', 'title="Vimeo: Uma palestra &amp; mais"']);
    expect(titles("ja")).toEqual(['title="YouTubeの動画"', 'title="Vimeo: Uma palestra &amp; mais"']);
  });

  it.each([
    [
      "https://video.example.org",
      '"https://video.example.org" is not a host name like video.example.org: write video.example.org (line 6)',
    ],
    ["[localhost]", '"localhost" is not a host name like video.example.org (line 6)'],
    ["{ a: 1 }", "must be a list of PeerTube servers' host names, like [video.example.org] (line 6)"],
  ])("site.yaml peertube: %s is an error", (value, message) => {
    const site = `title: T\ndescription: D\nauthor: A\nlanguage: en\norigin: https://blog.example.com\npeertube: ${value}\n`;
    const { errors } = buildCollection({ path: "content/site.yaml", text: site }, [], { includeDrafts: false, now: new Date() });
    expect(errors.map((e) => `${e.field}: ${e.message}`)).toEqual([`peertube: ${message}`]);
  });

  it("site.yaml peertube: a host name in a block list is reported on its item's line", () => {
    const site = `title: T\ndescription: D\nauthor: A\nlanguage: en\norigin: https://blog.example.com\npeertube:\n  - video.example.org\n  - localhost\n`;
    const { errors } = buildCollection({ path: "content/site.yaml", text: site }, [], { includeDrafts: false, now: new Date() });
    expect(errors.map((e) => `${e.field}: ${e.message}`)).toEqual([
      'peertube: "localhost" is not a host name like video.example.org (line 8)',
    ]);
  });

  it("a raw <iframe> is refused unless it is exactly what the build writes", () => {
    const messages = (html: string) => post(html).errors.map((e) => e.message.replace(/ \(line \d+\)$/, ""));
    expect(messages('<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"></iframe>')).toEqual([
      "<iframe> needs src, sandbox and title: write the video's link alone on its line instead",
    ]);
    expect(messages(`<iframe src="https://evil.example/x" title="x" sandbox="${EMBED_SANDBOX}"></iframe>`)).toEqual([
      '<iframe> src="https://evil.example/x" is not allowed: only a YouTube, Vimeo or PeerTube link alone on its line becomes a video (docs/writing.md)',
    ]);
    expect(
      messages(
        `<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="x" sandbox="allow-scripts allow-same-origin allow-top-navigation"></iframe>`,
      ),
    ).toEqual(['sandbox="allow-scripts allow-same-origin allow-top-navigation" on <iframe> is not allowed in a post']);
    expect(
      messages(
        `<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="x" sandbox="${EMBED_SANDBOX}" onload="x()"></iframe>`,
      ),
    ).toEqual(["onload attribute on <iframe> is not allowed in a post"]);
  });
});

describe("Mastodon and Bluesky post links", () => {
  it("alone on a line become a quoted card, the link's text quoted, the author linked; nothing is fetched", () => {
    const { post: p, errors } = post(
      [
        "[Rust's borrow checker, explained in one thread](https://mastodon.social/@ana/113456789012345678)",
        "",
        "https://bsky.app/profile/bob.bsky.social/post/3kxyzabc2d",
        "",
        "In a sentence, https://mastodon.social/@ana/1 stays a link.",
        "",
        "https://mastodon.social/@ana",
      ].join("\n"),
    );
    expect(errors).toEqual([]);
    expect(p?.html).toBe(
      [
        `<blockquote class="social-post"><p>Rust's borrow checker, explained in one thread</p><p>— <a href="https://mastodon.social/@ana/113456789012345678">@ana@mastodon.social</a></p></blockquote>`,
        '<blockquote class="social-post"><p>— <a href="https://bsky.app/profile/bob.bsky.social/post/3kxyzabc2d">@bob.bsky.social</a></p></blockquote>',
        '<p>In a sentence, <a href="https://mastodon.social/@ana/1">https://mastodon.social/@ana/1</a> stays a link.</p>',
        '<p><a href="https://mastodon.social/@ana">https://mastodon.social/@ana</a></p>',
        "",
      ].join("\n"),
    );
  });
});
