import { EXTENSIONS, type Format } from "./formats.ts";
import type { SiteConfig } from "./types.ts";

/** Every URL the site makes, in one place, so routes, views and feeds agree. */

const EXT = EXTENSIONS;

export const postPath = (slug: string, format: Format = "html") => `/posts/${slug}${EXT[format]}`;
/**
 * A tag's URLs: the tag (canonical, src/shared/tags.ts) percent-encoded as UTF-8, so `天気` is
 * `/tags/%E5%A4%A9%E6%B0%97` and an ASCII tag is itself.
 */
export const tagPath = (tag: string, format: Format = "html", page = 1) =>
  page === 1 ? `/tags/${encodeURIComponent(tag)}${EXT[format]}` : `/tags/${encodeURIComponent(tag)}/page/${page}${EXT[format]}`;
export const tagsPath = (format: Format = "html") => (format === "html" ? "/tags" : `/tags${EXT[format]}`);
export const indexPath = (page = 1, format: Format = "html") => {
  if (page === 1) return format === "html" ? "/" : `/index${EXT[format]}`;
  return `/page/${page}${EXT[format]}`;
};

/** A stand-alone page (content/pages/<slug>.md). */
export const pagePath = (slug: string, format: Format = "html") => `/${slug}${EXT[format]}`;
export const seriesPath = (slug: string, format: Format = "html") => `/series/${slug}${EXT[format]}`;
export const archivePath = (format: Format = "html") => `/archive${EXT[format]}`;
/** The search page; `q` and `page` travel in the query string. */
export const searchPath = (format: Format = "html", q?: string, page = 1) => {
  const params = new URLSearchParams();
  if (q !== undefined) params.set("q", q);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return `/search${EXT[format]}${query ? `?${query}` : ""}`;
};
export const tagFeedPath = (tag: string, kind: "atom" | "json") =>
  `/tags/${encodeURIComponent(tag)}/feed.${kind === "atom" ? "xml" : "json"}`;

export const FEED_ATOM = "/feed.xml";
export const FEED_JSON = "/feed.json";
export const SITEMAP = "/sitemap.xml";
export const FAVICON = "/favicon.svg";
export const OPENSEARCH = "/opensearch.xml";

/** A path as an absolute URL on the blog's canonical origin: feeds, JSON, canonical links. */
export const absolute = (site: Pick<SiteConfig, "origin">, path: string): string => `${site.origin}${path}`;
