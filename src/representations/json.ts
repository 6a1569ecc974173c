import { absolute } from "../blog.ts";
import type { Post, PostMeta, SiteConfig } from "../content/types.ts";
import type { Format } from "../http/negotiate.ts";
import { indexPath, postPath, tagPath, tagsPath } from "../paths.ts";

/**
 * The JSON representations. Their shape is documented in the README and described by
 * `docs/blog.schema.json`, which the tests validate every response against.
 */

export type Links = Record<Format, string>;

export function links(pathFor: (f: Format) => string): Links {
  return { html: absolute(pathFor("html")), json: absolute(pathFor("json")), markdown: absolute(pathFor("markdown")) };
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

export function postSummaryJson(p: PostMeta): PostSummaryJson {
  return {
    slug: p.slug,
    url: absolute(postPath(p.slug)),
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
    links: links((f) => postPath(p.slug, f)),
  };
}

export function postJson(p: Post, neighbours: { newer?: PostMeta; older?: PostMeta }) {
  const { links: l, ...summary } = postSummaryJson(p);
  return {
    ...summary,
    html: p.html,
    links: {
      ...l,
      newer: neighbours.newer ? absolute(postPath(neighbours.newer.slug, "json")) : null,
      older: neighbours.older ? absolute(postPath(neighbours.older.slug, "json")) : null,
    },
  };
}

export function indexJson(site: SiteConfig, posts: readonly PostMeta[], page: number, totalPages: number) {
  return {
    title: site.title,
    description: site.description,
    url: absolute(indexPath(page)),
    posts: posts.map(postSummaryJson),
    pagination: pagination(page, totalPages, (n) => indexPath(n, "json")),
    links: links((f) => indexPath(page, f)),
  };
}

export function tagsJson(tags: { tag: string; count: number }[]) {
  return {
    tags: tags.map(({ tag, count }) => ({ tag, count, url: absolute(tagPath(tag)), links: links((f) => tagPath(tag, f)) })),
    links: links(tagsPath),
  };
}

/** `pagination` of a paged list, with the JSON URLs of its neighbours. */
function pagination(page: number, totalPages: number, jsonPath: (n: number) => string) {
  return {
    page,
    totalPages,
    prev: page > 1 ? absolute(jsonPath(page - 1)) : null,
    next: page < totalPages ? absolute(jsonPath(page + 1)) : null,
  };
}

export function tagJson(tag: string, posts: readonly PostMeta[], page: number, totalPages: number) {
  return {
    tag,
    url: absolute(tagPath(tag, "html", page)),
    posts: posts.map(postSummaryJson),
    pagination: pagination(page, totalPages, (n) => tagPath(tag, "json", n)),
    links: links((f) => tagPath(tag, f, page)),
  };
}
