import type { Context, Hono } from "hono";
import { withAbsoluteUrls } from "../../shared/media-urls.ts";
import { archivePath, indexPath, pagePath, tagFeedPath, tagPath, tagsPath } from "../../shared/paths.ts";
import { otherSpelling, tagKey } from "../../shared/tags.ts";
import type { Post, PostMeta } from "../../shared/types.ts";
import { type Blog, blogs, newestChange, publishedAll, site } from "../blog.ts";
import { ContentUnavailable } from "../corpus/read.ts";
import { CACHE_ASSET, CACHE_FEED } from "../http/policy.ts";
import { foundRedirect, permanentRedirect } from "../http/redirect.ts";
import { type RepresentationSpec, serve } from "../http/representation.ts";
import {
  atomFeed,
  jsonFeed,
  LLMS_FULL_MAX_BYTES,
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
import { postTranslations } from "./resources.ts";
import { translationsOf } from "./translations.ts";

/**
 * Feeds, crawler files and the icon: one representation each, so not negotiated, but cached,
 * validated and served exactly like pages.
 */

/**
 * Posts as feeds carry them: bodies read (concurrently) from the assets, and read away from the
 * site, so their links and images are absolute. A feed then takes those that fit its budget.
 */
async function withBodies(b: Blog, list: readonly PostMeta[]): Promise<(p: PostMeta) => Post> {
  const posts = new Map<string, Post>();
  await Promise.all(
    list.map(async (meta) => {
      const found = await b.getPost(meta.slug);
      if (!found) throw new ContentUnavailable(`post ${meta.slug} is listed but has no file`);
      posts.set(meta.slug, { ...found.post, html: withAbsoluteUrls(found.post.html, site.origin) });
    }),
  );
  return (p) => posts.get(p.slug) as Post;
}

/**
 * llms-full.txt's posts, read a batch at a time and only as far as its byte budget can reach:
 * a post's part of the file is at least as long as its trimmed Markdown body.
 */
async function bodiesWithin(b: Blog, list: readonly PostMeta[], maxBytes: number): Promise<(slug: string) => Post> {
  const posts = new Map<string, Post>();
  let bytes = 0;
  for (let i = 0; i < list.length && bytes <= maxBytes; i += 16) {
    const batch = await Promise.all(list.slice(i, i + 16).map((p) => b.getPost(p.slug)));
    for (const found of batch) {
      if (!found) throw new ContentUnavailable("a listed post has no file");
      posts.set(found.post.slug, found.post);
      bytes += found.post.markdown.slice(found.post.bodyStart).trim().length;
    }
  }
  // llmsFullTxt stops before the first post past the budget, which is always read.
  return (slug) => posts.get(slug) as Post;
}

type Doc = RepresentationSpec;

const XML = "application/xml; charset=utf-8";

/**
 * URLs per sitemap file. The protocol allows 50,000; a smaller bound keeps each response small
 * (~0.5 MB). Past it, /sitemap.xml becomes an index of /sitemap/<n>.xml parts.
 */
export const SITEMAP_MAX_URLS = 5000;

/** Every sitemap entry, derived once per set of published posts: it reads every listing file. */
let entries: { epoch: number; list: Promise<SitemapEntry[]> } | undefined;
const allSitemapEntries = (): Promise<SitemapEntry[]> => {
  const { epoch } = publishedAll();
  if (entries?.epoch !== epoch) {
    const list = Promise.all(blogs.map(languageEntries)).then((each) => each.flat());
    entries = { epoch, list };
    // A failed read is retried by the next request, not remembered.
    list.catch(() => {
      if (entries?.list === list) entries = undefined;
    });
  }
  return entries.list;
};

/** A language's sitemap entries, each with its translations (a blog in several). */
async function languageEntries(b: Blog): Promise<SitemapEntry[]> {
  const posts = await b.allPosts();
  const byTag = new Map<string, PostMeta[]>();
  for (const p of posts) for (const tag of p.tags) byTag.set(tag, [...(byTag.get(tag) ?? []), p]);
  const tags = [...byTag].sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : 1));
  const list = b.within(() =>
    sitemapEntries(
      b.site,
      posts,
      tags.map(([tag, posts]) => ({ tag, posts })),
      b.allPages(),
      true,
    ),
  );
  if (blogs.length === 1) return list;
  // What each language has of the same page: every language has a home, tags and an archive.
  const alternates = new Map<string, SitemapEntry["alternates"]>();
  const add = (path: string, made: SitemapEntry["alternates"]) => alternates.set(path, made);
  b.within(() => {
    for (const make of [() => indexPath(), () => tagsPath(), () => archivePath()]) add(make(), translationsOf(b, make));
    for (const p of posts) if (p.translations) add(`${b.prefix}/posts/${p.slug}`, postTranslations(b, p));
    // A tag's first page, where another language uses the same tag, as its HTML links it.
    for (const [tag] of tags)
      add(
        tagPath(tag),
        translationsOf(b, (o) => (o === b || o.hasTag(tag) ? tagPath(tag) : undefined)),
      );
    for (const p of b.allPages()) {
      if (p.translations)
        add(
          pagePath(p.slug),
          translationsOf(b, (o) => (o === b || p.translations?.includes(o.language) ? pagePath(p.slug) : undefined)),
        );
    }
  });
  return list.map((e) => {
    const found = alternates.get(e.loc);
    return found ? { ...e, alternates: found } : e;
  });
}
const sitemapPart = async (n: number) => (await allSitemapEntries()).slice((n - 1) * SITEMAP_MAX_URLS, n * SITEMAP_MAX_URLS);
const newestOf = (list: SitemapEntry[]) =>
  list.reduce<string | undefined>((a, e) => (e.lastmod && (!a || e.lastmod > a) ? e.lastmod : a), undefined);

/** A language's feeds: its newest posts, in full within the feeds' budget. */
async function mainFeed(b: Blog, kind: "atom" | "json"): Promise<Doc> {
  const { site } = b;
  const posts = await b.newestPosts(site.feedLimit);
  const load = await withBodies(b, posts);
  return {
    contentType: kind === "atom" ? "application/atom+xml; charset=utf-8" : "application/feed+json; charset=utf-8",
    body: b.within(() => (kind === "atom" ? atomFeed(site, posts, load) : jsonFeed(site, posts, load))),
    cacheControl: CACHE_FEED,
    lastModified: b.newestChangeOfAll(),
    cacheTags: ["feeds"],
    kind: "data",
    language: b.language,
  };
}

/** A language's documents: its feeds, its search's OpenSearch description and its llms.txt, under its prefix. */
const languageDocuments = (b: Blog): Record<string, () => Doc | Promise<Doc>> => ({
  // OpenSearch 1.1: lets browsers offer the blog (in this language) as a search engine (<link rel="search">).
  "/opensearch.xml": () => ({
    contentType: "application/opensearchdescription+xml; charset=utf-8",
    body: b.within(() => openSearchXml(b.site)),
    cacheControl: CACHE_FEED,
    cacheTags: ["search"],
    kind: "data",
    language: b.language,
  }),
  "/feed.xml": () => mainFeed(b, "atom"),
  "/feed.json": () => mainFeed(b, "json"),
  "/llms.txt": async () => {
    const posts = await b.allPosts();
    return {
      contentType: "text/plain; charset=utf-8",
      body: b.within(() => llmsTxt(b.site, posts, b.allPages())),
      cacheControl: CACHE_FEED,
      lastModified: b.newestChangeOfAll(),
      cacheTags: ["llms"],
      kind: "data",
      language: b.language,
    };
  },
  "/llms-full.txt": async () => {
    const posts = await b.allPosts();
    const bodies = await bodiesWithin(b, posts, LLMS_FULL_MAX_BYTES);
    return {
      contentType: "text/plain; charset=utf-8",
      body: b.within(() => llmsFullTxt(b.site, posts, bodies)),
      cacheControl: CACHE_FEED,
      lastModified: b.newestChangeOfAll(),
      cacheTags: ["llms"],
      kind: "data",
      language: b.language,
    };
  },
});

/** The newest change of any language's posts: the site-wide documents' Last-Modified. */
const newest = () =>
  blogs.reduce<string | undefined>((a, b) => {
    const d = b.newestChangeOfAll();
    return d && (!a || d > a) ? d : a;
  }, undefined);

const documents: Record<string, () => Doc | Promise<Doc>> = {
  "/sitemap.xml": async () => {
    const entries = await allSitemapEntries();
    const parts = Math.ceil(entries.length / SITEMAP_MAX_URLS);
    const body =
      parts <= 1
        ? urlset(site, entries)
        : sitemapIndex(
            site,
            Array.from({ length: parts }, (_, i) => ({
              loc: `/sitemap/${i + 1}.xml`,
              lastmod: newestOf(entries.slice(i * SITEMAP_MAX_URLS, (i + 1) * SITEMAP_MAX_URLS)),
            })),
          );
    return { contentType: XML, body, cacheControl: CACHE_FEED, lastModified: newest(), cacheTags: ["sitemap"], kind: "data" };
  },
  "/robots.txt": () => ({
    contentType: "text/plain; charset=utf-8",
    body: robotsTxt(site),
    cacheControl: CACHE_FEED,
    cacheTags: ["robots"],
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

/** A tag's own feeds: its posts, newest first, as the main feeds carry them. */
const tagFeed = (b: Blog, kind: "atom" | "json") => async (c: Context) => {
  const { site } = b;
  const tag = c.req.param("tag") ?? "";
  const moved = otherSpelling(tag);
  if (moved !== undefined)
    return permanentRedirect(
      c.req.url,
      b.within(() => tagFeedPath(moved, kind)),
    );
  const response = await serve(c.req.raw, undefined, async () => {
    const items = await b.newestTagged(tag, site.feedLimit);
    if (!items) return undefined;
    const load = await withBodies(b, items);
    return {
      contentType: kind === "atom" ? "application/atom+xml; charset=utf-8" : "application/feed+json; charset=utf-8",
      body: b.within(() => {
        const scope = tagFeeds(site, tag);
        return kind === "atom" ? atomFeed(site, items, load, undefined, scope) : jsonFeed(site, items, load, undefined, scope);
      }),
      cacheControl: CACHE_FEED,
      lastModified: newestChange(items),
      cacheTags: ["feeds", `tag:${tagKey(tag)}`],
      kind: "data",
      language: b.language,
    };
  });
  return response ?? errorResponse(c, 404);
};

/** A language's feeds, tag feeds and llms.txt, on `routes` (its prefix's; the default's is the app). */
export function metaRoutes(routes: Hono, b: Blog): void {
  routes.get("/tags/:tag{[^/.]+}/feed.xml", tagFeed(b, "atom"));
  routes.get("/tags/:tag{[^/.]+}/feed.json", tagFeed(b, "json"));
  for (const [path, make] of Object.entries(languageDocuments(b))) {
    routes.get(path, async (c) => (await serve(c.req.raw, undefined, make)) ?? errorResponse(c, 404));
  }
}

/**
 * The site's own resources, one per site whatever its languages: the sitemap's parts, the icon's
 * other names, robots.txt, the sitemap and the rest of `documents`.
 */
export function siteRoutes(app: Hono): void {
  app.get("/sitemap/:n{[1-9][0-9]{0,4}\\.xml}", async (c) => {
    const n = Number.parseInt(c.req.param("n"), 10);
    const response = await serve(c.req.raw, undefined, async () => {
      const part = n > 0 ? await sitemapPart(n) : [];
      // Part 1 of a sitemap that fits in one file is /sitemap.xml itself: one URL per document.
      if (part.length === 0 || (await allSitemapEntries()).length <= SITEMAP_MAX_URLS) return undefined;
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
  // A blog with its own icon (content/site/favicon.*): the paths browsers and feed readers ask for
  // without reading the page lead to it, not to the built-in one.
  if (site.icons) {
    const icon = site.icons.icon.url;
    for (const path of ["/favicon.svg", "/favicon.ico"]) app.get(path, () => foundRedirect(icon));
  }
  for (const [path, make] of Object.entries(documents)) {
    app.get(path, async (c) => (await serve(c.req.raw, undefined, make)) ?? errorResponse(c, 404));
  }
}
