import { embedsAsLinks } from "../../shared/embeds.ts";
import type { Format } from "../../shared/formats.ts";
import { withAbsoluteUrls } from "../../shared/media-urls.ts";
import { absolute, archivePath, indexPath, pagePath, postPath, seriesPath, tagPath, tagsPath } from "../../shared/paths.ts";
import type { Page, Post, PostMeta, SiteConfig } from "../../shared/types.ts";
import type { ArchiveYear } from "../archive.ts";
import type { PostContext } from "../post-context.ts";

/**
 * The JSON representations. Their shape is documented in the README and described by
 * `docs/blog.schema.json`, which the tests validate every response against.
 */

export type Links = Record<Format, string>;

export function links(site: SiteConfig, pathFor: (f: Format) => string): Links {
  return {
    html: absolute(site, pathFor("html")),
    json: absolute(site, pathFor("json")),
    markdown: absolute(site, pathFor("markdown")),
  };
}

export interface PostSummaryJson {
  slug: string;
  url: string;
  title: string;
  description: string;
  date: string;
  updated: string;
  tags: string[];
  readingTimeMinutes: number;
  wordCount: number;
  /** Preview only (`npm start`): never present in a deployed blog. */
  draft?: true;
  scheduled?: true;
  links: Links;
}

export function postSummaryJson(site: SiteConfig, p: PostMeta): PostSummaryJson {
  return {
    slug: p.slug,
    url: absolute(site, postPath(p.slug)),
    title: p.title,
    description: p.description,
    date: p.date,
    // A post that was never updated last changed when it was published.
    updated: p.updated ?? p.date,
    tags: p.tags,
    readingTimeMinutes: p.readingTimeMinutes,
    wordCount: p.wordCount,
    ...(p.draft ? { draft: true as const } : {}),
    ...(p.scheduled ? { scheduled: true as const } : {}),
    links: links(site, (f) => postPath(p.slug, f)),
  };
}

export function postJson(site: SiteConfig, p: Post, neighbours: PostContext) {
  const { links: l, ...summary } = postSummaryJson(site, p);
  const brief = (x: PostMeta) => ({ slug: x.slug, title: x.title, url: absolute(site, postPath(x.slug)) });
  return {
    ...summary,
    related: neighbours.related.map(brief),
    series: neighbours.series
      ? {
          slug: neighbours.series.series.slug,
          name: neighbours.series.series.name,
          url: absolute(site, seriesPath(neighbours.series.series.slug)),
          part: neighbours.series.posts.findIndex((x) => x.slug === p.slug) + 1,
          of: neighbours.series.posts.length,
          posts: neighbours.series.posts.map(brief),
        }
      : null,
    // Read away from the site (ACAO *): links and images absolute, a video as its link.
    html: withAbsoluteUrls(embedsAsLinks(p.html), site.origin),
    links: {
      ...l,
      newer: neighbours.newer ? absolute(site, postPath(neighbours.newer.slug, "json")) : null,
      older: neighbours.older ? absolute(site, postPath(neighbours.older.slug, "json")) : null,
    },
  };
}

export function indexJson(site: SiteConfig, posts: readonly PostMeta[], page: number, totalPages: number) {
  return {
    title: site.title,
    description: site.description,
    url: absolute(site, indexPath(page)),
    posts: posts.map((p) => postSummaryJson(site, p)),
    pagination: pagination(site, page, totalPages, (n) => indexPath(n, "json")),
    links: links(site, (f) => indexPath(page, f)),
  };
}

export function tagsJson(site: SiteConfig, tags: { tag: string; count: number }[]) {
  return {
    tags: tags.map(({ tag, count }) => ({
      tag,
      count,
      url: absolute(site, tagPath(tag)),
      links: links(site, (f) => tagPath(tag, f)),
    })),
    links: links(site, tagsPath),
  };
}

/** `pagination` of a paged list, with the JSON URLs of its neighbours. */
function pagination(site: SiteConfig, page: number, totalPages: number, jsonPath: (n: number) => string) {
  return {
    page,
    totalPages,
    prev: page > 1 ? absolute(site, jsonPath(page - 1)) : null,
    next: page < totalPages ? absolute(site, jsonPath(page + 1)) : null,
  };
}

export function tagJson(site: SiteConfig, tag: string, posts: readonly PostMeta[], page: number, totalPages: number) {
  return {
    tag,
    url: absolute(site, tagPath(tag, "html", page)),
    posts: posts.map((p) => postSummaryJson(site, p)),
    pagination: pagination(site, page, totalPages, (n) => tagPath(tag, "json", n)),
    links: links(site, (f) => tagPath(tag, f, page)),
  };
}

export function archiveJson(site: SiteConfig, years: readonly ArchiveYear[]) {
  return {
    years: years.map(({ year, months }) => ({
      year,
      months: months.map(({ month, posts }) => ({ month, posts: posts.map((p) => postSummaryJson(site, p)) })),
    })),
    links: links(site, archivePath),
  };
}

export function seriesJson(site: SiteConfig, name: string, slug: string, posts: readonly PostMeta[]) {
  return {
    slug,
    name,
    url: absolute(site, seriesPath(slug)),
    posts: posts.map((p) => postSummaryJson(site, p)),
    links: links(site, (f) => seriesPath(slug, f)),
  };
}

export function pageJson(site: SiteConfig, page: Page) {
  return {
    slug: page.slug,
    url: absolute(site, pagePath(page.slug)),
    title: page.title,
    description: page.description,
    updated: page.updated ?? null,
    // Data read on other origins: a video's link rather than its frame, as a post's JSON.
    html: withAbsoluteUrls(embedsAsLinks(page.html), site.origin),
    links: links(site, (f) => pagePath(page.slug, f)),
  };
}
