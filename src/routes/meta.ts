import { type Context, Hono } from "hono";
import { allPages, allPosts, allTags, getPost, newestChange, postsTagged, published, site } from "../blog.ts";
import { withAbsoluteUrls } from "../content/media-urls.ts";
import type { Post, PostMeta } from "../content/types.ts";
import { CACHE_ASSET, CACHE_FEED } from "../http/policy.ts";
import { type RepresentationSpec, serve } from "../http/representation.ts";
import {
  atomFeed,
  jsonFeed,
  llmsFullTxt,
  llmsTxt,
  openSearchXml,
  robotsTxt,
  type SitemapEntry,
  sitemapEntries,
  sitemapIndex,
  tagFeeds,
  urlset,
} from "../representations/feeds.ts";
import { FAVICON_SVG } from "../views/favicon.ts";
import { errorResponse } from "./errors.tsx";

/**
 * Feeds, crawler files and the icon: one representation each, so not negotiated, but cached,
 * validated and served exactly like pages.
 */

/** The newest posts, at most `site.feedLimit`; the feeds load the bodies that fit their byte budget. */
const feedPosts = () => allPosts().slice(0, site.feedLimit);
/** A post as feeds carry it: read away from the site, so its links and images are absolute. */
const load = (p: PostMeta): Post => {
  const post = getPost(p.slug) as Post;
  return { ...post, html: withAbsoluteUrls(post.html, site.origin) };
};
/** The newest change to any post: an older post's `updated` can be later than the newest `date`. */
const newest = () => newestChange(allPosts());

type Doc = RepresentationSpec;

const XML = "application/xml; charset=utf-8";

/**
 * URLs per sitemap file. The protocol allows 50,000; a smaller bound keeps each response small
 * (~0.5 MB). Past it, /sitemap.xml becomes an index of /sitemap/<n>.xml parts.
 */
export const SITEMAP_MAX_URLS = 5000;

/** Every sitemap entry, derived once per set of published posts. */
let entries: { epoch: number; list: SitemapEntry[] } | undefined;
const allSitemapEntries = (): SitemapEntry[] => {
  const { epoch, posts } = published();
  if (entries?.epoch !== epoch) {
    const tags = allTags().map(({ tag }) => ({ tag, posts: postsTagged(tag) ?? [] }));
    entries = { epoch, list: sitemapEntries(site, posts, tags, allPages(), true) };
  }
  return entries.list;
};
const sitemapPart = (n: number) => allSitemapEntries().slice((n - 1) * SITEMAP_MAX_URLS, n * SITEMAP_MAX_URLS);
const newestOf = (list: SitemapEntry[]) =>
  list.reduce<string | undefined>((a, e) => (e.lastmod && (!a || e.lastmod > a) ? e.lastmod : a), undefined);

const documents: Record<string, () => Doc> = {
  "/feed.xml": () => ({
    contentType: "application/atom+xml; charset=utf-8",
    body: atomFeed(site, feedPosts(), load),
    cacheControl: CACHE_FEED,
    lastModified: newest(),
    cacheTags: ["feeds"],
    kind: "data",
  }),
  "/feed.json": () => ({
    contentType: "application/feed+json; charset=utf-8",
    body: jsonFeed(site, feedPosts(), load),
    cacheControl: CACHE_FEED,
    lastModified: newest(),
    cacheTags: ["feeds"],
    kind: "data",
  }),
  "/sitemap.xml": () => {
    const entries = allSitemapEntries();
    const parts = Math.ceil(entries.length / SITEMAP_MAX_URLS);
    const body =
      parts <= 1
        ? urlset(site, entries)
        : sitemapIndex(
            site,
            Array.from({ length: parts }, (_, i) => ({ loc: `/sitemap/${i + 1}.xml`, lastmod: newestOf(sitemapPart(i + 1)) })),
          );
    return { contentType: XML, body, cacheControl: CACHE_FEED, lastModified: newest(), cacheTags: ["sitemap"], kind: "data" };
  },
  // OpenSearch 1.1: lets browsers offer the blog as a search engine (<link rel="search">).
  "/opensearch.xml": () => ({
    contentType: "application/opensearchdescription+xml; charset=utf-8",
    body: openSearchXml(site),
    cacheControl: CACHE_FEED,
    cacheTags: ["search"],
    kind: "data",
  }),
  "/robots.txt": () => ({
    contentType: "text/plain; charset=utf-8",
    body: robotsTxt(site),
    cacheControl: CACHE_FEED,
    cacheTags: ["robots"],
    kind: "data",
  }),
  "/llms.txt": () => ({
    contentType: "text/plain; charset=utf-8",
    body: llmsTxt(site, allPosts(), allPages()),
    cacheControl: CACHE_FEED,
    lastModified: newest(),
    cacheTags: ["llms"],
    kind: "data",
  }),
  "/llms-full.txt": () => ({
    contentType: "text/plain; charset=utf-8",
    body: llmsFullTxt(site, allPosts(), (slug) => getPost(slug) as Post),
    cacheControl: CACHE_FEED,
    lastModified: newest(),
    cacheTags: ["llms"],
    kind: "data",
  }),
  // Browsers ask for /favicon.ico whatever the page says; both answer with the SVG.
  "/favicon.svg": () => ({
    contentType: "image/svg+xml",
    body: FAVICON_SVG,
    cacheControl: CACHE_ASSET,
    cacheTags: ["assets"],
    kind: "asset",
  }),
  "/favicon.ico": () => ({
    contentType: "image/svg+xml",
    body: FAVICON_SVG,
    cacheControl: CACHE_ASSET,
    cacheTags: ["assets"],
    kind: "asset",
  }),
};

export const meta = new Hono();

meta.get("/sitemap/:n{[1-9][0-9]{0,4}\\.xml}", async (c) => {
  const n = Number.parseInt(c.req.param("n"), 10);
  const response = await serve(c.req.raw, undefined, () => {
    const part = n > 0 ? sitemapPart(n) : [];
    // Part 1 of a sitemap that fits in one file is /sitemap.xml itself: one URL per document.
    if (part.length === 0 || allSitemapEntries().length <= SITEMAP_MAX_URLS) return undefined;
    return {
      contentType: XML,
      body: urlset(site, part),
      cacheControl: CACHE_FEED,
      lastModified: newestOf(part),
      cacheTags: ["sitemap"],
      kind: "data",
    };
  });
  return response ?? errorResponse(c, 404);
});

/** A tag's own feeds: its posts, newest first, as the main feeds carry them. */
const tagFeed = (kind: "atom" | "json") => async (c: Context) => {
  const tag = c.req.param("tag") ?? "";
  const response = await serve(c.req.raw, undefined, () => {
    const posts = postsTagged(tag);
    if (!posts) return undefined;
    const items = posts.slice(0, site.feedLimit);
    const scope = tagFeeds(site, tag);
    return {
      contentType: kind === "atom" ? "application/atom+xml; charset=utf-8" : "application/feed+json; charset=utf-8",
      body: kind === "atom" ? atomFeed(site, items, load, undefined, scope) : jsonFeed(site, items, load, undefined, scope),
      cacheControl: CACHE_FEED,
      lastModified: newestChange(posts),
      cacheTags: ["feeds", `tag:${tag}`],
      kind: "data",
    };
  });
  return response ?? errorResponse(c, 404);
};
meta.get("/tags/:tag{[a-z0-9]+(?:-[a-z0-9]+)*}/feed.xml", tagFeed("atom"));
meta.get("/tags/:tag{[a-z0-9]+(?:-[a-z0-9]+)*}/feed.json", tagFeed("json"));

for (const [path, make] of Object.entries(documents)) {
  meta.get(path, async (c) => (await serve(c.req.raw, undefined, make)) ?? errorResponse(c, 404));
}
