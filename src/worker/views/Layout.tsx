import { raw } from "hono/utils/html";
import type { Messages } from "../../shared/i18n/index.ts";
import { isRightToLeft } from "../../shared/i18n/index.ts";
import { absolute, archivePath, FAVICON, feedPath, indexPath, opensearchPath, searchPath, tagsPath } from "../../shared/paths.ts";
import { STYLES } from "../../shared/styles.ts";
import type { SiteConfig } from "../../shared/types.ts";
import { escapeHtml as e } from "../../shared/views/html.ts";

export interface Alternate {
  type: string;
  href: string;
  title?: string;
}

export interface HeadProps {
  title: string;
  description: string;
  /** Absolute canonical URL of this page. */
  canonical: string;
  alternates: Alternate[];
  /** `website` for lists, `article` for posts (Open Graph). */
  ogType: "website" | "article";
  /** Extra Open Graph `article:*` properties. */
  article?: { published: string; modified?: string; tags: string[] };
  jsonLd?: object;
  prev?: string;
  next?: string;
  noindex?: boolean;
  /** The query a search page shows, kept in the header's search box. */
  query?: string;
  /** Extra feeds this page offers (a tag's own), for autodiscovery. */
  feeds?: Alternate[];
  /** The picture a link to this page shows (og:image): the post's own, its card, or the site's. */
  image?: { url: string; width?: number; height?: number; alt: string };
  /** Stand-alone pages listed in the header (front matter `nav`). */
  nav?: readonly { href: string; title: string }[];
  /**
   * A blog in several languages: this page in each language that has it, this one included
   * (src/worker/routes/translations.ts). Linked as `hreflang` alternates and listed in the
   * header's switcher.
   */
  languages?: readonly { language: string; path: string; label: string }[];
}

/** What the shell needs besides the page's head: the site, and the interface's words in the page's language. */
export interface ShellProps extends HeadProps {
  site: SiteConfig;
  /** The interface's words, in the page's language. */
  t: Messages;
}

/** JSON inside `<script>`: `<` escaped so no string in it can close the element. */
export function jsonForScript(value: object): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * A `<link>` or `<meta>` of the head, as markup: attributes escaped as hono/jsx escapes them,
 * in the order given; undefined ones left out. (hono/jsx treats both as document metadata that
 * hoists itself into the head, machinery that cost a fresh isolate's first page milliseconds.)
 */
function headTag(name: "link" | "meta", attributes: Record<string, string | undefined>): string {
  let html = `<${name}`;
  for (const attribute in attributes) {
    const value = attributes[attribute];
    if (value !== undefined) html += ` ${attribute}="${e(value)}"`;
  }
  return `${html}/>`;
}
const link = (attributes: Record<string, string | undefined>) => headTag("link", attributes);
const meta = (attributes: Record<string, string | undefined>) => headTag("meta", attributes);
/** The same, as components (the search and build-problems pages are still JSX). */
export const HeadLink = (attributes: Record<string, string | undefined>) => raw(link(attributes));
export const HeadMeta = (attributes: Record<string, string | undefined>) => raw(meta(attributes));

/**
 * What the shell holds that no page of a site changes, in one language: the feeds' and the
 * search's links, the stylesheet that ends the head, the header's brand and first links, its
 * last link and search form up to the query, and the footer. Made on a page's first use, once per
 * isolate for the site's messages (a page in another language gets its own).
 */
interface Shell {
  open: string;
  feeds: string;
  search: string;
  style: string;
  header: string;
  form: string;
  footer: string;
}
/** By site and messages: one per language of the blog, however many it has; a test's sites go with them. */
const shells = new WeakMap<SiteConfig, WeakMap<Messages, Shell>>();

function shellOf(site: SiteConfig, t: Messages): Shell {
  const known = shells.get(site)?.get(t);
  if (known) return known;
  const home = e(indexPath());
  // Page ids contain ":", which heading slugs never do, so a post's "## Main" cannot collide.
  const brand = site.logo
    ? `<img src="${e(site.logo.url)}" width="${site.logo.width}" height="${site.logo.height}" alt="${e(site.title)}"/>`
    : e(site.title);
  const shell: Shell = {
    open: `<html lang="${e(site.language)}"${isRightToLeft(site.language) ? ' dir="rtl"' : ""}><head>${meta({ charset: "utf-8" })}${meta({ name: "viewport", content: "width=device-width, initial-scale=1" })}<title>`,
    feeds:
      link({ rel: "alternate", type: "application/atom+xml", title: `${site.title} (Atom)`, href: feedPath("atom") }) +
      link({ rel: "alternate", type: "application/feed+json", title: `${site.title} (JSON Feed)`, href: feedPath("json") }),
    search: link({ rel: "search", type: "application/opensearchdescription+xml", title: site.title, href: opensearchPath() }),
    style: `<style>${site.stylesheet ?? STYLES}</style></head>`,
    header: `<body><a class="skip" href="#site:main">${e(t.text("skipToContent"))}</a><header class="site"><div class="wrap"><a class="brand" href="${home}">${brand}</a><nav class="site" aria-label="${e(t.text("siteNav"))}"><ul><li><a href="${home}">${e(t.text("posts"))}</a></li><li><a href="${e(tagsPath())}">${e(t.text("tags"))}</a></li>`,
    form: `<li><a href="${e(feedPath("atom"))}">${e(t.text("feed"))}</a></li></ul></nav><form class="search" role="search" action="${e(searchPath())}" method="get" aria-label="${e(t.text("siteSearch"))}"><input type="search" name="q" value="`,
    footer: `</main><footer class="site"><div class="wrap"><p>© ${e(site.author)} · <a href="${e(archivePath())}">${e(t.text("archive"))}</a> · <a href="${e(feedPath("atom"))}">${e(t.text("atomFeed"))}</a> · <a href="${e(feedPath("json"))}">${e(t.text("jsonFeed"))}</a></p></div></footer></body></html>`,
  };
  const bySite = shells.get(site) ?? new WeakMap<Messages, Shell>();
  bySite.set(t, shell);
  shells.set(site, bySite);
  return shell;
}

/**
 * The document up to the page's own content (after `<!DOCTYPE html>`, which renderDocument
 * adds): head metadata for browsers,
 * crawlers and link previews, the skip link, the site's header with its navigation and search
 * box, and `<main>`.
 */
export function documentStart(props: ShellProps): string {
  const { site } = props;
  const fixed = shellOf(site, props.t);
  const fullTitle = props.title === site.title ? site.title : `${props.title} · ${site.title}`;
  let html = `${fixed.open}${e(fullTitle)}</title>${meta({ name: "description", content: props.description })}`;
  if (props.noindex) html += meta({ name: "robots", content: "noindex" });
  html += meta({ name: "color-scheme", content: "light dark" }) + link({ rel: "canonical", href: props.canonical });
  for (const a of props.alternates) html += link({ rel: "alternate", type: a.type, href: a.href });
  const languages = props.languages && props.languages.length > 1 ? props.languages : undefined;
  if (languages) {
    // Every translation, this page included, and x-default: the default language's (RFC 8288, Google's hreflang).
    for (const l of languages) html += link({ rel: "alternate", hreflang: l.language, href: absolute(site, l.path) });
    const byDefault = languages.find((l) => l.language === site.languages?.[0]);
    if (byDefault) html += link({ rel: "alternate", hreflang: "x-default", href: absolute(site, byDefault.path) });
  }
  html += fixed.feeds;
  for (const f of props.feeds ?? []) html += link({ rel: "alternate", type: f.type, title: f.title, href: f.href });
  html += fixed.search;
  if (props.prev) html += link({ rel: "prev", href: props.prev });
  if (props.next) html += link({ rel: "next", href: props.next });
  const icons = site.icons;
  if (icons) {
    html += link({ rel: "icon", href: icons.icon.url, type: icons.icon.type });
    if (icons.icon.url !== icons.png) html += link({ rel: "icon", href: icons.png, type: "image/png", sizes: "32x32" });
    html += link({ rel: "apple-touch-icon", href: icons.appleTouch }) + link({ rel: "manifest", href: icons.manifest });
  } else html += link({ rel: "icon", href: FAVICON, type: "image/svg+xml" });
  html += meta({ property: "og:type", content: props.ogType });
  html += meta({ property: "og:site_name", content: site.title });
  html += meta({ property: "og:title", content: props.title });
  html += meta({ property: "og:description", content: props.description });
  html += meta({ property: "og:url", content: props.canonical });
  html += meta({ property: "og:locale", content: site.language.replace("-", "_") });
  if (props.article) {
    html += meta({ property: "article:published_time", content: props.article.published });
    if (props.article.modified) html += meta({ property: "article:modified_time", content: props.article.modified });
    for (const t of props.article.tags) html += meta({ property: "article:tag", content: t });
  }
  const image = props.image;
  if (image) {
    html += meta({ property: "og:image", content: image.url });
    if (image.width) html += meta({ property: "og:image:width", content: String(image.width) });
    if (image.height) html += meta({ property: "og:image:height", content: String(image.height) });
    html += meta({ property: "og:image:alt", content: image.alt });
  }
  html += meta({ name: "twitter:card", content: image ? "summary_large_image" : "summary" });
  if (image) html += meta({ name: "twitter:image", content: image.url });
  html += meta({ name: "twitter:title", content: props.title });
  html += meta({ name: "twitter:description", content: props.description });
  if (props.jsonLd) html += `<script type="application/ld+json">${jsonForScript(props.jsonLd)}</script>`;
  html += fixed.style + fixed.header;
  for (const l of props.nav ?? []) html += `<li><a href="${e(l.href)}">${e(l.title)}</a></li>`;
  const t = props.t;
  html += `${fixed.form}${e(props.query ?? "")}" aria-label="${e(t.text("searchPosts"))}" maxlength="200"/><button type="submit">${e(t.text("searchButton"))}</button></form>`;
  if (languages) html += switcher(languages, site.language, t);
  return `${html}</div></header><main id="site:main" class="wrap">`;
}

/**
 * The header's list of this page's languages, each named in itself and marked up in it, with no
 * script: a link per translation, the current one marked as the page.
 */
function switcher(languages: NonNullable<HeadProps["languages"]>, current: string, t: Messages): string {
  let html = `<nav class="site languages" aria-label="${e(t.text("languageNav"))}"><ul>`;
  for (const l of languages) {
    const here = l.language === current ? ' aria-current="page"' : "";
    const dir = isRightToLeft(l.language) ? ' dir="rtl"' : "";
    html += `<li><a href="${e(l.path)}" hreflang="${e(l.language)}" lang="${e(l.language)}"${dir}${here}>${e(l.label)}</a></li>`;
  }
  return `${html}</ul></nav>`;
}

/** The document after the page's own content: the footer. */
export const documentEnd = (props: ShellProps): string => shellOf(props.site, props.t).footer;

/** A whole page: the shell around the page's own content. */
export const documentOf = (props: ShellProps, content: string): string => documentStart(props) + content + documentEnd(props);
