import { utf8Bytes } from "../../shared/bytes.ts";
import { embedsAsLinks } from "../../shared/embeds.ts";
import { messagesOf } from "../../shared/i18n/index.ts";
import {
  absolute,
  archivePath,
  FAVICON,
  feedPath,
  indexPath,
  llmsPath,
  pagePath,
  postPath,
  SITEMAP,
  searchPath,
  tagFeedPath,
  tagPath,
  tagsPath,
} from "../../shared/paths.ts";
import type { PageMeta, Post, PostMeta, SiteConfig } from "../../shared/types.ts";
import { newestChange } from "../blog.ts";
import { escapeMarkdown as md } from "./markdown-text.ts";
import { escapeXml as x } from "./xml.ts";

/**
 * Feeds and crawler documents. Written here rather than with the `feed` package: it emits
 * JSON Feed 1.0 (not 1.1) and pulls Node's `sax` into the Worker bundle; these formats are
 * small and their tests parse every output back.
 */

/**
 * Each feed stops adding items before it passes this many bytes, like llms-full.txt: without a
 * bound, a few long posts made /feed.xml 28 MB (Atom escapes the HTML again), more than the
 * isolate cache's budget. 2 MB holds 20 long posts (~100 KB of HTML each) comfortably, and is
 * well under the largest representation the cache keeps (4 MB).
 */
export const FEED_MAX_BYTES = 2 * 1024 * 1024;

/** A post's body, loaded only when its turn comes. The default serves callers that pass whole posts. */
type Load = (post: PostMeta) => Post;
const given: Load = (post) => post as Post;

/**
 * The newest posts that fit the budget, rendered as items. `render(post, full)` writes one item;
 * `fixed` is the rest of the feed. The newest post is always in the feed, so readers learn of it:
 * when it is too big on its own, it goes in with a short note and a link instead of its body.
 * After the first post that does not fit, no older one is tried: a feed shows the newest posts.
 */
function fitItems(
  posts: readonly PostMeta[],
  load: Load,
  render: (p: Post, full: boolean) => string,
  fixed: number,
  maxBytes: number,
  separator: number,
): string[] {
  const items: string[] = [];
  let used = fixed;
  for (const meta of posts) {
    const post = load(meta);
    const room = maxBytes - used - (items.length > 0 ? separator : 0);
    // An item is at least as long as its HTML: do not build one that cannot fit.
    const full = post.html.length <= room ? render(post, true) : undefined;
    const bytes = full === undefined ? Number.POSITIVE_INFINITY : utf8Bytes(full);
    if (full !== undefined && bytes <= room) {
      items.push(full);
      used += bytes + (items.length > 1 ? separator : 0);
      continue;
    }
    if (items.length === 0) items.push(render(post, false));
    break;
  }
  return items;
}

/** The body of an item whose post is too long for the feed: its description and a link, in the site's language. */
function tooLong(site: SiteConfig, p: Post, url: string): string {
  const t = messagesOf(site);
  const link = `<a href="${x(url)}">${x(t.text("readWholePost"))}</a>`;
  const note = t.parts("feedTooLong", { link: { html: link } });
  return `<p>${x(p.description)}</p><p>${note.map((part) => (typeof part === "string" ? x(part) : part.html)).join("")}</p>`;
}

/** Which posts a feed follows: the whole blog, or one tag. */
export interface FeedScope {
  title: string;
  description: string;
  /** The page the feed follows (its Atom id and home page). */
  home: string;
  atom: string;
  json: string;
}

/** The blog's own feeds. */
export const blogFeeds = (site: SiteConfig): FeedScope => ({
  title: site.title,
  description: site.description,
  home: indexPath(),
  atom: feedPath("atom"),
  json: feedPath("json"),
});

/** A tag's feeds: the posts with that tag, as the main feeds carry them. */
export const tagFeeds = (site: SiteConfig, tag: string): FeedScope => ({
  title: `${site.title}: #${tag}`,
  description: messagesOf(site).text("tagDescription", { tag, site: site.title }),
  home: tagPath(tag),
  atom: tagFeedPath(tag, "atom"),
  json: tagFeedPath(tag, "json"),
});

/** Atom 1.0 (RFC 4287) with full content, within `maxBytes`. */
export function atomFeed(
  site: SiteConfig,
  posts: readonly PostMeta[],
  load: Load = given,
  maxBytes = FEED_MAX_BYTES,
  scope = blogFeeds(site),
): string {
  const updated = newestChange(posts) ?? "1970-01-01T00:00:00Z";
  const head = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${x(site.language)}">`,
    `  <title>${x(scope.title)}</title>`,
    `  <subtitle>${x(scope.description)}</subtitle>`,
    `  <link rel="self" type="application/atom+xml" href="${x(absolute(site, scope.atom))}"/>`,
    `  <link rel="alternate" type="text/html" href="${x(absolute(site, scope.home))}"/>`,
    `  <id>${x(absolute(site, scope.home))}</id>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${x(site.author)}</name></author>`,
  ].join("\n");
  const tail = "</feed>\n";
  const entry = (p: Post, full: boolean) => {
    const url = absolute(site, postPath(p.slug));
    return [
      "  <entry>",
      `    <title>${x(p.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${x(url)}"/>`,
      `    <id>${x(url)}</id>`,
      `    <published>${p.date}</published>`,
      `    <updated>${p.updated ?? p.date}</updated>`,
      `    <summary>${x(p.description)}</summary>`,
      `    <content type="html" xml:base="${x(url)}">${x(full ? embedsAsLinks(p.html) : tooLong(site, p, url))}</content>`,
      ...p.tags.map((t) => `    <category term="${x(t)}"/>`),
      "  </entry>",
    ].join("\n");
  };
  const fixed = utf8Bytes(head) + tail.length + 1;
  const items = fitItems(posts, load, entry, fixed, maxBytes, 1);
  return [head, ...items, tail].join("\n");
}

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1), within `maxBytes`; formatted as `JSON.stringify(feed, null, 2)`. */
export function jsonFeed(
  site: SiteConfig,
  posts: readonly PostMeta[],
  load: Load = given,
  maxBytes = FEED_MAX_BYTES,
  scope = blogFeeds(site),
): string {
  const head = {
    version: "https://jsonfeed.org/version/1.1",
    title: scope.title,
    description: scope.description,
    home_page_url: absolute(site, scope.home),
    feed_url: absolute(site, scope.json),
    language: site.language,
    authors: [{ name: site.author }],
  };
  const item = (p: Post, full: boolean) => {
    const url = absolute(site, postPath(p.slug));
    const json = JSON.stringify(
      {
        id: url,
        url,
        title: p.title,
        summary: p.description,
        content_html: full ? embedsAsLinks(p.html) : tooLong(site, p, url),
        date_published: p.date,
        date_modified: p.updated ?? p.date,
        tags: p.tags,
      },
      null,
      2,
    );
    // As nested two levels deep by JSON.stringify(feed, null, 2); strings hold no raw newline.
    return `    ${json.replace(/\n/g, "\n    ")}`;
  };
  const open = JSON.stringify({ ...head, items: [] }, null, 2).replace(/\[\]\n\}$/, "[");
  const close = "  ]\n}\n";
  const items = fitItems(posts, load, item, utf8Bytes(open) + close.length + 2, maxBytes, 2);
  if (items.length === 0) return `${JSON.stringify({ ...head, items: [] }, null, 2)}\n`;
  return `${open}\n${items.join(",\n")}\n${close}`;
}

export interface SitemapEntry {
  loc: string;
  lastmod?: string;
  /** The same page in each language that has it, this one included (a blog in several). */
  alternates?: readonly { language: string; path: string }[];
}

/** Every page's HTML URL with the date its content last changed, in site order. */
export function sitemapEntries(
  site: SiteConfig,
  posts: readonly PostMeta[],
  tags: { tag: string; posts: readonly PostMeta[] }[],
  standalone: readonly PageMeta[] = [],
  archive = false,
): SitemapEntry[] {
  const size = site.postsPerPage;
  const pages = Math.max(1, Math.ceil(posts.length / size));
  const entries: SitemapEntry[] = [];
  for (let n = 1; n <= pages; n++)
    entries.push({ loc: indexPath(n), lastmod: newestChange(posts.slice((n - 1) * size, n * size)) });
  for (const p of posts) entries.push({ loc: postPath(p.slug), lastmod: p.updated ?? p.date });
  entries.push({ loc: tagsPath(), lastmod: newestChange(posts) });
  if (archive) entries.push({ loc: archivePath(), lastmod: newestChange(posts) });
  // Stand-alone pages (About, Now…) are pages of the site too, though not in lists or feeds.
  for (const p of standalone) entries.push({ loc: pagePath(p.slug), ...(p.updated ? { lastmod: p.updated } : {}) });
  for (const t of tags) {
    const tagPages = Math.max(1, Math.ceil(t.posts.length / size));
    for (let n = 1; n <= tagPages; n++) {
      entries.push({ loc: tagPath(t.tag, "html", n), lastmod: newestChange(t.posts.slice((n - 1) * size, n * size)) });
    }
  }
  return entries;
}

/** sitemaps.org 0.9 `<urlset>`. */
export function urlset(site: SiteConfig, entries: readonly SitemapEntry[]): string {
  // A blog in several languages names each page's translations, as Google's sitemap extension has it.
  const several = entries.some((e) => e.alternates && e.alternates.length > 1);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    several
      ? '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'
      : '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
  ];
  const link = (hreflang: string, path: string) =>
    `<xhtml:link rel="alternate" hreflang="${x(hreflang)}" href="${x(absolute(site, path))}"/>`;
  for (const e of entries) {
    let alternates = "";
    if (e.alternates && e.alternates.length > 1) {
      alternates = e.alternates.map((a) => link(a.language, a.path)).join("");
      const byDefault = e.alternates.find((a) => a.language === site.language);
      if (byDefault) alternates += link("x-default", byDefault.path);
    }
    lines.push(
      `  <url><loc>${x(absolute(site, e.loc))}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ""}${alternates}</url>`,
    );
  }
  lines.push("</urlset>", "");
  return lines.join("\n");
}

/** sitemaps.org 0.9 `<sitemapindex>`: used once the URLs no longer fit one bounded file. */
export function sitemapIndex(site: SiteConfig, parts: { loc: string; lastmod?: string }[]): string {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'];
  for (const p of parts) {
    lines.push(
      `  <sitemap><loc>${x(absolute(site, p.loc))}</loc>${p.lastmod ? `<lastmod>${p.lastmod}</lastmod>` : ""}</sitemap>`,
    );
  }
  lines.push("</sitemapindex>", "");
  return lines.join("\n");
}

/** OpenSearch 1.1 description: the search page's URL template, and the JSON one. */
export function openSearchXml(site: SiteConfig): string {
  const template = (path: string) => x(`${absolute(site, path)}?q={searchTerms}`);
  // The blog's own icon (content/site/favicon.*), else the built-in one.
  const icon = site.icons?.icon ?? { url: FAVICON, type: "image/svg+xml" };
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">',
    `  <ShortName>${x([...site.title].slice(0, 16).join(""))}</ShortName>`,
    `  <Description>${x(messagesOf(site).text("searchSite", { site: site.title }))}</Description>`,
    `  <InputEncoding>UTF-8</InputEncoding>`,
    `  <Language>${x(site.language)}</Language>`,
    `  <Url type="text/html" method="get" template="${template(searchPath())}"/>`,
    `  <Url type="application/json" method="get" template="${template(searchPath("json"))}"/>`,
    `  <Image type="${x(icon.type)}">${x(absolute(site, icon.url))}</Image>`,
    "</OpenSearchDescription>",
    "",
  ].join("\n");
}

export function robotsTxt(site: SiteConfig): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absolute(site, SITEMAP)}\n`;
}

/**
 * llms.txt (https://llmstxt.org): a summary and the Markdown URL of every post, in the site's
 * language. "## Optional" stays English: the format gives that heading a meaning (what a reader
 * with little room may skip).
 */
export function llmsTxt(site: SiteConfig, posts: readonly PostMeta[], pages: readonly PageMeta[] = []): string {
  const t = messagesOf(site);
  const lines = [
    `# ${md(site.title)}`,
    "",
    `> ${md(site.description)}`,
    "",
    `${t.text("llmsAbout")} ${t.text("writtenBy", { author: md(site.author) })}`,
    "",
    `## ${t.text("posts")}`,
    "",
    ...posts.map((p) => `- [${md(p.title)}](${absolute(site, postPath(p.slug, "markdown"))}): ${md(p.description)}`),
    "",
    ...(pages.length > 0
      ? [
          `## ${t.text("pages")}`,
          "",
          ...pages.map((p) => `- [${md(p.title)}](${absolute(site, pagePath(p.slug, "markdown"))}): ${md(p.description)}`),
          "",
        ]
      : []),
    "## Optional",
    "",
    `- [${t.text("llmsFullLink")}](${absolute(site, llmsPath(true))})`,
    `- [${t.text("atomFeed")}](${absolute(site, feedPath("atom"))})`,
    "",
  ];
  return lines.join("\n");
}

/**
 * llms-full.txt stops adding posts before this many bytes, so it stays bounded as the blog grows
 * (and within the largest representation the isolate cache keeps).
 */
export const LLMS_FULL_MAX_BYTES = 4 * 1024 * 1024;

/** llms-full.txt: every post as Markdown, newest first, within LLMS_FULL_MAX_BYTES. */
export function llmsFullTxt(
  site: SiteConfig,
  posts: readonly PostMeta[],
  load: (slug: string) => Post,
  maxBytes = LLMS_FULL_MAX_BYTES,
): string {
  const t = messagesOf(site);
  const note = (n: number) => `${t.text("llmsOlder", { n, url: absolute(site, "/llms.txt") })}\n`;
  let out = `# ${md(site.title)}\n\n> ${md(site.description)}\n\n`;
  let used = utf8Bytes(out);
  for (let i = 0; i < posts.length; i++) {
    const p = load((posts[i] as PostMeta).slug);
    const part = [
      `# ${md(p.title)}`,
      "",
      `URL: ${absolute(site, postPath(p.slug))}`,
      t.text("publishedOn", { date: p.date.slice(0, 10) }),
      ...(p.tags.length > 0 ? [t.text("tagsList", { tags: p.tags.join(", ") })] : []),
      "",
      p.markdown.slice(p.bodyStart).trim(),
      "",
      "",
    ].join("\n");
    const bytes = utf8Bytes(part);
    // Room is kept for the note that may follow, so the file never passes maxBytes (in bytes).
    const after = i + 1 < posts.length ? utf8Bytes(note(posts.length - i - 1)) : 0;
    if (used + bytes + after > maxBytes) {
      out += note(posts.length - i);
      break;
    }
    out += part;
    used += bytes;
  }
  return out;
}
