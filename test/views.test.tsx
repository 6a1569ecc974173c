import { describe, expect, it } from "vitest";
import { parsePost } from "../src/build/content/index.ts";
import { messagesFor } from "../src/shared/i18n/index.ts";
import type { Post, PostMeta } from "../src/shared/types.ts";
import { pageBounds, site } from "../src/worker/blog.ts";
import { openSearchXml } from "../src/worker/representations/feeds.ts";
import { indexJson, tagJson } from "../src/worker/representations/json.ts";
import { indexMarkdown, tagMarkdown } from "../src/worker/representations/markdown.ts";
import { IndexPage, PostPage, renderDocument, TagPage } from "../src/worker/views/pages.tsx";
import fixture from "./fixtures/highlighted-code.md?raw";

/** The English interface, which the fixture blog is written in. */
const t = messagesFor("en");

const head = { title: "T", description: "D", canonical: "https://x/", alternates: [], ogType: "website" as const };
const post = parsePost({ path: "test/fixtures/highlighted-code.md", text: fixture }).post as Post;
const meta = (i: number): PostMeta => ({
  slug: `post-${i}`,
  title: `Post ${i}`,
  description: `About ${i}`,
  date: `2025-01-${String(28 - i).padStart(2, "0")}T00:00:00Z`,
  tags: [],
  draft: false,
  wordCount: 100,
  readingTimeMinutes: 1,
  related: [],
});

describe("the post page", () => {
  const html = renderDocument(
    <PostPage
      t={t}
      site={site}
      post={post}
      around={{ newer: meta(1), older: meta(2), related: [] }}
      head={{ ...head, ogType: "article" }}
    />,
  );

  it("shows a table of contents when the post has 3 or more sections", () => {
    expect(html).toContain(
      '<nav class="toc" aria-labelledby="site:contents"><h2 id="site:contents">Contents</h2><ol><li><a href="#setting-up">Setting up</a></li><li><a href="#writing-code">Writing code</a></li><li><a href="#shipping-it">Shipping it</a></li></ol></nav>',
    );
  });

  it("keeps page ids apart from heading ids", () => {
    const main = parsePost({
      path: "a/m.md",
      text: "---\ntitle: M\ndate: 2025-01-01\n---\n\n## Main\n\n## Contents\n\n## Recent\n",
    }).post as Post;
    const page = renderDocument(<PostPage t={t} site={site} post={main} around={{ related: [] }} head={head} />);
    const ids = [...page.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(["site:main", "site:contents", "main", "contents", "recent"]);
    expect(page).toContain('<a class="skip" href="#site:main">Skip to content</a>');
  });

  it("has no table of contents with fewer sections", () => {
    const short = parsePost({ path: "a/short.md", text: "---\ntitle: S\ndate: 2025-01-01\n---\n\n## One\n\n## Two\n" })
      .post as Post;
    expect(renderDocument(<PostPage t={t} site={site} post={short} around={{ related: [] }} head={head} />)).not.toContain(
      'class="toc"',
    );
  });

  it("highlights code at build time with classes, and links headings", () => {
    expect(html).toContain(
      '<code class="hljs language-rust"><span class="hljs-keyword">fn</span> <span class="hljs-title function_">main</span>',
    );
    expect(html).toContain('<code class="hljs language-ts"><span class="hljs-keyword">const</span>');
    expect(html).toContain('<span class="hljs-comment">// the answer</span>');
    expect(html).toContain('<a class="anchor" href="#writing-code" aria-label="Link to section: Writing code">#</a>');
  });

  it("shows the updated date, reading time and linked tags", () => {
    expect(html).toContain(
      '<p class="meta"><time datetime="2025-06-01">June 1, 2025</time><span>Updated <time datetime="2025-07-15">July 15, 2025</time></span><span>1 min read</span></p>',
    );
    expect(html).toContain('<li><a href="/tags/testing">#testing</a></li><li><a href="/tags/rust">#rust</a></li>');
  });

  it("links the newer and older posts and back to the index", () => {
    expect(html).toContain(
      '<nav aria-label="More posts"><ul class="pager"><li><a href="/posts/post-1">← Post 1</a></li><li><a href="/posts/post-2">Post 2 →</a></li></ul></nav>',
    );
    expect(html).toContain('<p class="back"><a href="/">← Back to posts</a></p>');
  });

  it("escapes text from front matter", () => {
    expect(html).toContain("<h1>Fixture: highlighted code &amp; sections</h1>");
  });
});

describe("pagination", () => {
  const all = Array.from({ length: 25 }, (_, i) => meta(i));

  it("splits a list into pages and rejects pages out of range", () => {
    expect(all).toHaveLength(25);
    expect(pageBounds(all.length, 1, 10)).toEqual({ from: 0, to: 10, totalPages: 3 });
    expect(pageBounds(all.length, 3, 10)).toEqual({ from: 20, to: 25, totalPages: 3 });
    expect(pageBounds(all.length, 4, 10)).toBeUndefined();
    expect(pageBounds(all.length, 0, 10)).toBeUndefined();
    expect(pageBounds(all.length, 1.5, 10)).toBeUndefined();
    expect(pageBounds(0, 1, 10)).toEqual({ from: 0, to: 0, totalPages: 1 });
  });

  it("renders rel=prev/next links between index pages", () => {
    const html = renderDocument(
      <IndexPage
        t={t}
        site={site}
        posts={all.slice(10, 20)}
        page={2}
        totalPages={3}
        head={{ ...head, prev: "/", next: "/page/3" }}
      />,
    );
    expect(html).toContain('<link rel="prev" href="/"/><link rel="next" href="/page/3"/>');
    expect(html).toContain(
      '<nav aria-label="Pages"><ul class="pager"><li><a href="/" rel="prev">← Newer posts</a></li><li><a href="/page/3" rel="next">Older posts →</a></li></ul></nav>',
    );
    expect(html).toContain("<h1>Fixture Notes: page 2 of 3</h1>");
  });

  it("puts pagination in the JSON and Markdown", () => {
    const json = indexJson(site, all.slice(10, 20), 2, 3);
    expect(json.pagination).toEqual({
      page: 2,
      totalPages: 3,
      prev: "https://blog.fixture.test/index.json",
      next: "https://blog.fixture.test/page/3.json",
    });
    expect(json.url).toBe("https://blog.fixture.test/page/2");
    const md = indexMarkdown(site, all.slice(10, 20), 2, 3);
    expect(md).toContain("Page 2 of 3.");
    expect(
      md.endsWith("Newer posts: https://blog.fixture.test/index.md\nOlder posts: https://blog.fixture.test/page/3.md\n"),
    ).toBe(true);
  });

  it("pages tag lists the same way, counting all the tag's posts", () => {
    const html = renderDocument(
      <TagPage t={t} site={site} tag="rust" posts={all.slice(10, 20)} count={25} page={2} totalPages={3} head={head} />,
    );
    expect(html).toContain("<h1>Posts tagged #rust: page 2 of 3</h1>");
    expect(html).toContain('<p class="meta">25 posts · <a href="/tags">All tags</a></p>');
    expect(html).toContain(
      '<li><a href="/tags/rust" rel="prev">← Newer posts</a></li><li><a href="/tags/rust/page/3" rel="next">Older posts →</a></li>',
    );
    const json = tagJson(site, "rust", all.slice(20), 3, 3);
    expect(json.url).toBe("https://blog.fixture.test/tags/rust/page/3");
    expect(json.pagination).toEqual({
      page: 3,
      totalPages: 3,
      prev: "https://blog.fixture.test/tags/rust/page/2.json",
      next: null,
    });
    expect(json.links.markdown).toBe("https://blog.fixture.test/tags/rust/page/3.md");
    expect(tagMarkdown(site, "rust", all.slice(20), 3, 3)).toContain(
      "Page 3 of 3.\n\n- [Post 20](https://blog.fixture.test/posts/post-20.md)",
    );
  });
});

describe("the site's icons", () => {
  const icons = {
    icon: { url: "/media/aaaaaaaaaaaa/favicon.svg", type: "image/svg+xml" },
    png: "/media/bbbbbbbbbbbb/favicon-32.png",
    appleTouch: "/media/cccccccccccc/apple-touch-icon.png",
    manifest: "/media/dddddddddddd/site.webmanifest",
  };
  const page = (s: typeof site) => renderDocument(<PostPage t={t} site={s} post={post} around={{ related: [] }} head={head} />);

  it("a blog with its own icon links it, the 32 px PNG, the apple-touch-icon and the manifest", () => {
    const html = page({ ...site, icons });
    expect(html).toContain(
      '<link rel="icon" href="/media/aaaaaaaaaaaa/favicon.svg" type="image/svg+xml"/>' +
        '<link rel="icon" href="/media/bbbbbbbbbbbb/favicon-32.png" type="image/png" sizes="32x32"/>' +
        '<link rel="apple-touch-icon" href="/media/cccccccccccc/apple-touch-icon.png"/>' +
        '<link rel="manifest" href="/media/dddddddddddd/site.webmanifest"/>',
    );
    expect(html).not.toContain('href="/favicon.svg"');
  });

  it("a PNG icon is linked once", () => {
    const html = page({ ...site, icons: { ...icons, icon: { url: icons.png, type: "image/png" } } });
    expect(html.match(/rel="icon"/g)).toHaveLength(1);
  });

  it("OpenSearch names the blog's own icon, else the built-in one", () => {
    expect(openSearchXml({ ...site, icons })).toContain(
      `<Image type="image/svg+xml">${site.origin}/media/aaaaaaaaaaaa/favicon.svg</Image>`,
    );
    expect(openSearchXml({ ...site, icons: { ...icons, icon: { url: icons.png, type: "image/png" } } })).toContain(
      `<Image type="image/png">${site.origin}/media/bbbbbbbbbbbb/favicon-32.png</Image>`,
    );
    expect(openSearchXml(site)).toContain(`<Image type="image/svg+xml">${site.origin}/favicon.svg</Image>`);
  });

  it("without one, the built-in icon", () => {
    const html = page(site);
    expect(html).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>');
    expect(html).not.toContain("apple-touch-icon");
    expect(html).not.toContain('rel="manifest"');
  });
});
