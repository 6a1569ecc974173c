import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { buildCollection, formatError } from "../src/build/content/index.ts";
import { messagesFor } from "../src/shared/i18n/index.ts";
import type { Post, SiteConfig } from "../src/shared/types.ts";
import { atomFeed, jsonFeed } from "../src/worker/representations/feeds.ts";
import { postJson } from "../src/worker/representations/json.ts";
import { blogLd, blogPostingLd } from "../src/worker/representations/jsonld.ts";
import { IndexPage, PostPage, renderDocument } from "../src/worker/views/pages.tsx";
import siteYaml from "./fixtures/blog/site.yaml?raw";
import bom from "./fixtures/broken/valid-bom.md?raw";
import crlf from "./fixtures/broken/valid-crlf.md?raw";
import scriptTitle from "./fixtures/broken/valid-script-title.md?raw";

/** The English interface, which the fixture blog is written in. */
const t = messagesFor("en");

/**
 * Odd but valid posts (test/fixtures/broken/valid-*.md): Windows line endings, a byte order
 * mark, and a title and description that try to break out of HTML, JSON-LD, XML and JSON.
 * Each is published, and printed safely escaped in every context.
 */

const DIR = "test/fixtures/broken";
const result = buildCollection(
  { path: "content/site.yaml", text: siteYaml },
  [
    { path: `${DIR}/valid-crlf.md`, text: crlf },
    { path: `${DIR}/valid-bom.md`, text: bom },
    { path: `${DIR}/valid-script-title.md`, text: scriptTitle },
  ],
  { includeDrafts: false, now: new Date("2026-01-01T00:00:00Z") },
);
const site = result.site as SiteConfig;
const post = (slug: string) => result.posts.find((p) => p.slug === slug) as Post;

const TITLE = `</script><script>alert('x')</script> & "quotes"`;
const DESCRIPTION = `A <b>bold</b> claim & 'single' "double" </script>`;
/** HTML-escaped as hono/jsx escapes text and attribute values. */
const TITLE_HTML = "&lt;/script&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;";
const DESCRIPTION_HTML = "A &lt;b&gt;bold&lt;/b&gt; claim &amp; &#39;single&#39; &quot;double&quot; &lt;/script&gt;";
/** XML-escaped as src/worker/representations/xml.ts escapes. */
const TITLE_XML = "&lt;/script&gt;&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;quotes&quot;";

function postPage(p: Post): string {
  return renderDocument(
    <PostPage
      t={t}
      site={site}
      post={p}
      around={{ related: [] }}
      head={{
        title: p.title,
        description: p.description,
        canonical: `${site.origin}/posts/${p.slug}`,
        alternates: [],
        ogType: "article",
        article: { published: p.date, tags: p.tags },
        jsonLd: blogPostingLd(site, p),
      }}
    />,
  );
}

/** The contents of each `<script type="application/ld+json">` block, as an HTML parser ends them. */
function ldBlocks(html: string): string[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script/gi)].map((m) => m[1] ?? "");
}

describe("the odd posts build", () => {
  it("publishes all three without errors", () => {
    expect(result.errors.map(formatError)).toEqual([]);
    expect(result.posts.map((p) => p.slug)).toEqual(["valid-script-title", "valid-bom", "valid-crlf"]);
  });

  it("reads CRLF line endings as LF: same fields, no CR in the HTML or the kept source", () => {
    expect(crlf).toContain("\r\n");
    const p = post("valid-crlf");
    expect(p.title).toBe("Written on Windows");
    expect(p.date).toBe("2025-12-02T00:00:00Z");
    expect(p.tags).toEqual(["windows", "crlf"]);
    expect(p.headings).toEqual([{ depth: 2, id: "line-endings", text: "Line endings" }]);
    expect(p.markdown).toBe(crlf.replace(/\r\n/g, "\n"));
    expect(p.html).toContain("<p>Every line ends in CR LF.</p>");
    expect(postPage(p)).not.toContain("\r");
  });

  it("drops a byte order mark: it is not part of the title or the kept source", () => {
    expect(bom.startsWith("\uFEFF---\n")).toBe(true);
    const p = post("valid-bom");
    expect(p.title).toBe("Starts with a byte order mark");
    expect(p.markdown).toBe(bom.slice(1));
    expect(postPage(p)).toContain("<h1>Starts with a byte order mark</h1>");
  });
});

describe("a title with </script> and quotes", () => {
  const p = post("valid-script-title");

  it("keeps the title and description verbatim in the record", () => {
    expect(p.title).toBe(TITLE);
    expect(p.description).toBe(DESCRIPTION);
  });

  it("is escaped in the page's heading, <title> and meta attributes", () => {
    const html = postPage(p);
    expect(html).toContain(`<h1>${TITLE_HTML}</h1>`);
    expect(html).toContain(`<title>${TITLE_HTML} · Fixture Notes</title>`);
    expect(html).toContain(`<meta property="og:title" content="${TITLE_HTML}"/>`);
    expect(html).toContain(`<meta name="twitter:title" content="${TITLE_HTML}"/>`);
    expect(html).toContain(`<meta name="description" content="${DESCRIPTION_HTML}"/>`);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
  });

  it("cannot close the JSON-LD block: < is \\u003c inside it, and it parses back to the title", () => {
    const html = postPage(p);
    // The only script element is the data block, and its only end tag is its own.
    expect(html.match(/<script/gi)).toHaveLength(1);
    expect(html.match(/<\/script/gi)).toHaveLength(1);
    const [block = ""] = ldBlocks(html);
    expect(block).toContain('"headline":"\\u003c/script>\\u003cscript>alert(\'x\')\\u003c/script> & \\"quotes\\""');
    const ld = JSON.parse(block) as { headline: string; description: string };
    expect(ld.headline).toBe(TITLE);
    expect(ld.description).toBe(DESCRIPTION);
  });

  it("is escaped in the index's JSON-LD and its list entry", () => {
    const html = renderDocument(
      <IndexPage
        t={t}
        site={site}
        posts={[p]}
        page={1}
        totalPages={1}
        head={{
          title: site.title,
          description: site.description,
          canonical: `${site.origin}/`,
          alternates: [],
          ogType: "website",
          jsonLd: blogLd(site, [p]),
        }}
      />,
    );
    expect(html).toContain(`<a href="/posts/valid-script-title">${TITLE_HTML}</a>`);
    expect(html).toContain(`aria-label="Tags of ${TITLE_HTML}"`);
    expect(html.match(/<\/script/gi)).toHaveLength(1);
    const ld = JSON.parse(ldBlocks(html)[0] ?? "") as { blogPost: { headline: string }[] };
    expect(ld.blogPost[0]?.headline).toBe(TITLE);
  });

  it("is XML-escaped in the Atom feed, which parses back to the title", () => {
    const xml = atomFeed(site, [p]);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain(`    <title>${TITLE_XML}</title>`);
    const feed = new XMLParser({ ignoreAttributes: false }).parse(xml) as {
      feed: { entry: { title: string; summary: string } };
    };
    expect(feed.feed.entry.title).toBe(TITLE);
    expect(feed.feed.entry.summary).toBe(DESCRIPTION);
  });

  it("round-trips through the JSON representation and the JSON Feed", () => {
    const json = JSON.parse(JSON.stringify(postJson(site, p, { related: [] }))) as { title: string; description: string };
    expect(json.title).toBe(TITLE);
    expect(json.description).toBe(DESCRIPTION);
    const feed = JSON.parse(jsonFeed(site, [p])) as { items: { title: string; summary: string }[] };
    expect(feed.items[0]?.title).toBe(TITLE);
    expect(feed.items[0]?.summary).toBe(DESCRIPTION);
  });
});
