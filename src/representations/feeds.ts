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

export interface SitemapEntry {
  loc: string;
  lastmod?: string;
}

/** Every page's HTML URL with the date its content last changed, in site order. */
export function sitemapEntries(
  site: SiteConfig,
  posts: readonly PostMeta[],
  tags: { tag: string; posts: readonly PostMeta[] }[],
): SitemapEntry[] {
  const size = site.postsPerPage;
  const pages = Math.max(1, Math.ceil(posts.length / size));
  const entries: SitemapEntry[] = [];
  for (let n = 1; n <= pages; n++)
    entries.push({ loc: indexPath(n), lastmod: newestChange(posts.slice((n - 1) * size, n * size)) });
  for (const p of posts) entries.push({ loc: postPath(p.slug), lastmod: p.updated ?? p.date });
  entries.push({ loc: tagsPath(), lastmod: newestChange(posts) });
  for (const t of tags) {
    const tagPages = Math.max(1, Math.ceil(t.posts.length / size));
    for (let n = 1; n <= tagPages; n++) {
      entries.push({ loc: tagPath(t.tag, "html", n), lastmod: newestChange(t.posts.slice((n - 1) * size, n * size)) });
    }
  }
  return entries;
}

/** sitemaps.org 0.9 `<urlset>`. */
export function urlset(entries: readonly SitemapEntry[]): string {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'];
  for (const e of entries) {
    lines.push(`  <url><loc>${x(absolute(e.loc))}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ""}</url>`);
  }
  lines.push("</urlset>", "");
  return lines.join("\n");
}

/** sitemaps.org 0.9 `<sitemapindex>`: used once the URLs no longer fit one bounded file. */
export function sitemapIndex(parts: { loc: string; lastmod?: string }[]): string {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'];
  for (const p of parts) {
    lines.push(`  <sitemap><loc>${x(absolute(p.loc))}</loc>${p.lastmod ? `<lastmod>${p.lastmod}</lastmod>` : ""}</sitemap>`);
  }
  lines.push("</sitemapindex>", "");
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

/** llms-full.txt stops adding posts past this size, so it stays bounded as the blog grows. */
export const LLMS_FULL_MAX_BYTES = 4 * 1024 * 1024;

/** llms-full.txt: every post as Markdown, newest first, within LLMS_FULL_MAX_BYTES. */
export function llmsFullTxt(
  site: SiteConfig,
  posts: readonly PostMeta[],
  load: (slug: string) => Post,
  maxBytes = LLMS_FULL_MAX_BYTES,
): string {
  let out = `# ${site.title}\n\n> ${site.description}\n\n`;
  for (let i = 0; i < posts.length; i++) {
    const p = load((posts[i] as PostMeta).slug);
    const part = [
      `# ${p.title}`,
      "",
      `URL: ${absolute(postPath(p.slug))}`,
      `Published: ${p.date.slice(0, 10)}`,
      ...(p.tags.length > 0 ? [`Tags: ${p.tags.join(", ")}`] : []),
      "",
      p.markdown.slice(p.bodyStart).trim(),
      "",
      "",
    ].join("\n");
    // Characters, not bytes, but within a factor that keeps the bound meaningful.
    if (out.length + part.length > maxBytes) {
      out += `The ${posts.length - i} older posts are listed, with their Markdown URLs, in ${absolute("/llms.txt")}.\n`;
      break;
    }
    out += part;
  }
  return out;
}
