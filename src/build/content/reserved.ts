/**
 * The first path segments the blog's own routes use: the one list that page slugs and post
 * aliases are checked against, so content can never shadow a route (or be shadowed by one).
 * A route added under a new first segment must be added here, or a page could take its URL.
 */
export const RESERVED_SEGMENTS: readonly string[] = [
  "posts",
  "tags",
  "page",
  "index",
  "index.json",
  "index.md",
  "feed.xml",
  "feed.json",
  "sitemap.xml",
  "sitemap",
  "robots.txt",
  "llms.txt",
  "llms-full.txt",
  "favicon.svg",
  "favicon.ico",
  "search",
  "search.json",
  "search.md",
  "opensearch.xml",
  "archive",
  "series",
  "media",
  "cards",
  "tags.json",
  "tags.md",
  "archive.json",
  "archive.md",
  // The preview's live reload (src/worker/preview.ts): only in `npm start`, where an alias must not hide it.
  "__preview",
  // Cloudflare's own (the preview's reload channel lives there); nothing of a blog's is served at it.
  "cdn-cgi",
];

const RESERVED = new Set(RESERVED_SEGMENTS);

/** Whether `segment`, a path's first segment, is one of the blog's routes. */
export function isReservedSegment(segment: string): boolean {
  return RESERVED.has(segment);
}

/** What a page answers at, its first segment: `<slug>`, `<slug>.json` and `<slug>.md`. */
export const pageSegments = (slug: string): string[] => [slug, `${slug}.json`, `${slug}.md`];

/**
 * The route a page slug would collide with, or undefined: any of its three URLs being a route is
 * a collision (`feed` would take `/feed.json`).
 */
export function reservedRouteFor(slug: string): string | undefined {
  return pageSegments(slug).find((s) => RESERVED.has(s));
}
