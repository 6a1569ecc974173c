import { Hono } from "hono";
import { allPosts, allTags, getPost, postsTagged, site } from "../blog.ts";
import type { Post } from "../content/types.ts";
import { CACHE_ASSET, CACHE_FEED } from "../http/policy.ts";
import { type RepresentationSpec, serve } from "../http/representation.ts";
import { atomFeed, jsonFeed, llmsFullTxt, llmsTxt, robotsTxt, sitemap } from "../representations/feeds.ts";
import { FAVICON_SVG } from "../views/favicon.ts";
import { errorResponse } from "./errors.tsx";

/**
 * Feeds, crawler files and the icon: one representation each, so not negotiated, but cached,
 * validated and served exactly like pages.
 */

/** The newest posts with their bodies: feeds are bounded by `site.feedLimit`. */
const feedPosts = (): Post[] => allPosts.slice(0, site.feedLimit).map((p) => getPost(p.slug) as Post);
const newest = () => allPosts[0] && (allPosts[0].updated ?? allPosts[0].date);

type Doc = Omit<RepresentationSpec, "negotiated">;

const documents: Record<string, () => Doc> = {
  "/feed.xml": () => ({
    contentType: "application/atom+xml; charset=utf-8",
    body: atomFeed(site, feedPosts()),
    cacheControl: CACHE_FEED,
    lastModified: newest(),
    cacheTags: ["feeds"],
    kind: "data",
  }),
  "/feed.json": () => ({
    contentType: "application/feed+json; charset=utf-8",
    body: jsonFeed(site, feedPosts()),
    cacheControl: CACHE_FEED,
    lastModified: newest(),
    cacheTags: ["feeds"],
    kind: "data",
  }),
  "/sitemap.xml": () => ({
    contentType: "application/xml; charset=utf-8",
    body: sitemap(
      site,
      allPosts,
      allTags().map(({ tag }) => ({ tag, posts: postsTagged(tag) ?? [] })),
    ),
    cacheControl: CACHE_FEED,
    lastModified: newest(),
    cacheTags: ["sitemap"],
    kind: "data",
  }),
  "/robots.txt": () => ({
    contentType: "text/plain; charset=utf-8",
    body: robotsTxt(),
    cacheControl: CACHE_FEED,
    cacheTags: ["robots"],
    kind: "data",
  }),
  "/llms.txt": () => ({
    contentType: "text/plain; charset=utf-8",
    body: llmsTxt(site, allPosts),
    cacheControl: CACHE_FEED,
    lastModified: newest(),
    cacheTags: ["llms"],
    kind: "data",
  }),
  "/llms-full.txt": () => ({
    contentType: "text/plain; charset=utf-8",
    body: llmsFullTxt(
      site,
      allPosts.map((p) => getPost(p.slug) as Post),
    ),
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

for (const [path, make] of Object.entries(documents)) {
  meta.get(path, async (c) => (await serve(c.req.raw, path, () => ({ ...make(), negotiated: false }))) ?? errorResponse(c, 404));
}
