import { absolute, newestChange } from "../blog.ts";
import type { Post, PostMeta, SiteConfig } from "../content/types.ts";
import { FEED_ATOM, FEED_JSON, indexPath, postPath, SITEMAP, tagPath, tagsPath } from "../paths.ts";
import { escapeXml as x } from "./xml.ts";

/**
 * Feeds and crawler documents. Written here rather than with the `feed` package: it emits
 * JSON Feed 1.0 (not 1.1) and pulls Node's `sax` into the Worker bundle; these formats are
 * small and their tests parse every output back.
 */

/** Atom 1.0 (RFC 4287) with full content. */
export function atomFeed(site: SiteConfig, posts: readonly Post[]): string {
  const updated = newestChange(posts) ?? "1970-01-01T00:00:00Z";
  const entries = posts.map((p) => {
    const url = absolute(postPath(p.slug));
    return [
      "  <entry>",
      `    <title>${x(p.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${x(url)}"/>`,
      `    <id>${x(url)}</id>`,
      `    <published>${p.date}</published>`,
      `    <updated>${p.updated ?? p.date}</updated>`,
      `    <summary>${x(p.description)}</summary>`,
      `    <content type="html" xml:base="${x(url)}">${x(p.html)}</content>`,
      ...p.tags.map((t) => `    <category term="${x(t)}"/>`),
      "  </entry>",
    ].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${x(site.language)}">`,
    `  <title>${x(site.title)}</title>`,
    `  <subtitle>${x(site.description)}</subtitle>`,
    `  <link rel="self" type="application/atom+xml" href="${x(absolute(FEED_ATOM))}"/>`,
    `  <link rel="alternate" type="text/html" href="${x(absolute(indexPath()))}"/>`,
    `  <id>${x(absolute(indexPath()))}</id>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${x(site.author)}</name></author>`,
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1). */
export function jsonFeed(site: SiteConfig, posts: readonly Post[]): string {
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: site.title,
    description: site.description,
    home_page_url: absolute(indexPath()),
    feed_url: absolute(FEED_JSON),
    language: site.language,
    authors: [{ name: site.author }],
    items: posts.map((p) => ({
      id: absolute(postPath(p.slug)),
      url: absolute(postPath(p.slug)),
      title: p.title,
      summary: p.description,
      content_html: p.html,
      date_published: p.date,
      date_modified: p.updated ?? p.date,
      tags: p.tags,
    })),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}

/** sitemaps.org 0.9: every page's HTML URL with the date its content last changed. */
export function sitemap(
  site: SiteConfig,
  posts: readonly PostMeta[],
  tags: { tag: string; posts: readonly PostMeta[] }[],
): string {
  const url = (path: string, lastmod: string | undefined) =>
    `  <url><loc>${x(absolute(path))}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ""}</url>`;
  const size = site.postsPerPage;
  const pages = Math.max(1, Math.ceil(posts.length / size));
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'];
  for (let n = 1; n <= pages; n++) lines.push(url(indexPath(n), newestChange(posts.slice((n - 1) * size, n * size))));
  for (const p of posts) lines.push(url(postPath(p.slug), p.updated ?? p.date));
  lines.push(url(tagsPath(), newestChange(posts)));
  for (const t of tags) lines.push(url(tagPath(t.tag), newestChange(t.posts)));
  lines.push("</urlset>", "");
  return lines.join("\n");
}

export function robotsTxt(): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absolute(SITEMAP)}\n`;
}

/** llms.txt (https://llmstxt.org): a summary and the Markdown URL of every post. */
export function llmsTxt(site: SiteConfig, posts: readonly PostMeta[]): string {
  const lines = [
    `# ${site.title}`,
    "",
    `> ${site.description}`,
    "",
    `Every page of this site is also served as Markdown: add \`.md\` to a post's URL, or send \`Accept: text/markdown\`. Written by ${site.author}.`,
    "",
    "## Posts",
    "",
    ...posts.map(
      (p) => `- [${p.title.replace(/([\\[\]])/g, "\\$1")}](${absolute(postPath(p.slug, "markdown"))}): ${p.description}`,
    ),
    "",
    "## Optional",
    "",
    `- [All posts in one file](${absolute("/llms-full.txt")})`,
    `- [Atom feed](${absolute(FEED_ATOM)})`,
    "",
  ];
  return lines.join("\n");
}

/** The markdown body of a post's source, without its front matter. */
const bodyOf = (source: string) => source.replace(/^---\n[\s\S]*?\n---[ \t]*\n/, "").trim();

/** llms-full.txt: every post as Markdown, newest first. */
export function llmsFullTxt(site: SiteConfig, posts: readonly Post[]): string {
  const parts = posts.map((p) =>
    [
      `# ${p.title}`,
      "",
      `URL: ${absolute(postPath(p.slug))}`,
      `Published: ${p.date.slice(0, 10)}`,
      `Tags: ${p.tags.join(", ")}`,
      "",
      bodyOf(p.markdown),
      "",
    ].join("\n"),
  );
  return `# ${site.title}\n\n> ${site.description}\n\n${parts.join("\n")}`;
}
