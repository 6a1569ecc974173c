import { EXTENSIONS, type Format } from "./formats.ts";
import type { SiteConfig } from "./types.ts";

/** Every URL the site makes, in one place, so routes, views and feeds agree. */

const EXT = EXTENSIONS;

/**
 * The language a page is being made in, as its URL prefix (`/pt-br`; `""` for the default
 * language, and in a blog in one): every path below starts with it, so views link within their
 * own language without each being told how. It is set only around synchronous work
 * (`inLanguage`): JavaScript runs that to completion, so no other request's work ever sees it.
 */
let prefix = "";

/** Runs `make` (synchronous) with every path made under `languagePrefix`. */
export function inLanguage<T>(languagePrefix: string, make: () => T): T {
  if (languagePrefix === prefix) return make();
  const before = prefix;
  prefix = languagePrefix;
  try {
    const out = make();
    // A promise would run the rest of its work after the prefix is restored: a wrong link.
    if (out instanceof Promise) throw new Error("inLanguage takes synchronous work only");
    return out;
  } finally {
    prefix = before;
  }
}

/** The prefix paths are being made under now: for what must know it as an input (src/shared/corpus.ts). */
export const currentPrefix = () => prefix;

export const postPath = (slug: string, format: Format = "html") => `${prefix}/posts/${slug}${EXT[format]}`;
/**
 * A tag's URLs: the tag (canonical, src/shared/tags.ts) percent-encoded as UTF-8, so `天気` is
 * `/tags/%E5%A4%A9%E6%B0%97` and an ASCII tag is itself.
 */
export const tagPath = (tag: string, format: Format = "html", page = 1) =>
  page === 1
    ? `${prefix}/tags/${encodeURIComponent(tag)}${EXT[format]}`
    : `${prefix}/tags/${encodeURIComponent(tag)}/page/${page}${EXT[format]}`;
export const tagsPath = (format: Format = "html") => `${prefix}/tags${format === "html" ? "" : EXT[format]}`;
export const indexPath = (page = 1, format: Format = "html") => {
  // Another language's home is `/pt-br` (the guard drops trailing slashes: `/pt-br/` moves here).
  if (page === 1) return format === "html" ? prefix || "/" : `${prefix}/index${EXT[format]}`;
  return `${prefix}/page/${page}${EXT[format]}`;
};

/** A stand-alone page (content/pages/<slug>.md). */
export const pagePath = (slug: string, format: Format = "html") => `${prefix}/${slug}${EXT[format]}`;
export const seriesPath = (slug: string, format: Format = "html") => `${prefix}/series/${slug}${EXT[format]}`;
export const archivePath = (format: Format = "html") => `${prefix}/archive${EXT[format]}`;
/** The search page; `q` and `page` travel in the query string. */
export const searchPath = (format: Format = "html", q?: string, page = 1) => {
  const params = new URLSearchParams();
  if (q !== undefined) params.set("q", q);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return `${prefix}/search${EXT[format]}${query ? `?${query}` : ""}`;
};
export const tagFeedPath = (tag: string, kind: "atom" | "json") =>
  `${prefix}/tags/${encodeURIComponent(tag)}/feed.${kind === "atom" ? "xml" : "json"}`;

/** The routes of the site's feeds (the default language's); `feedPath` links to the page's language's. */
export const FEED_ATOM = "/feed.xml";
export const FEED_JSON = "/feed.json";
export const feedPath = (kind: "atom" | "json") => `${prefix}${kind === "atom" ? FEED_ATOM : FEED_JSON}`;
/** llms.txt and llms-full.txt in the page's language. */
export const llmsPath = (full = false) => `${prefix}/llms${full ? "-full" : ""}.txt`;
export const SITEMAP = "/sitemap.xml";
export const FAVICON = "/favicon.svg";
/** The OpenSearch description of the page's language's search. */
export const opensearchPath = () => `${prefix}/opensearch.xml`;

/** A path as an absolute URL on the blog's canonical origin: feeds, JSON, canonical links. */
export const absolute = (site: Pick<SiteConfig, "origin">, path: string): string => `${site.origin}${path}`;
