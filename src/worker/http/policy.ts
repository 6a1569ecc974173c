import { preview, styleHash } from "../../generated/build.ts";

/**
 * Response header policy, decided once for the whole site: caching, security and CORS.
 */

export interface CachePolicy {
  /** Pages and their JSON/Markdown twins. */
  page: string;
  /** Feeds, sitemap, robots and llms.txt. */
  feed: string;
  /** The favicon. */
  asset: string;
  /** 404s. */
  notFound: string;
  /** Permanent redirects to a page's one URL. */
  redirect: string;
  /** Search results: they depend on the query string, unlike every other page. */
  search: string;
}

/**
 * In production, content changes only with a deploy, and a deploy gets a fresh Workers Cache
 * (its key includes the Worker version), so the edge may keep pages; browsers revalidate after
 * 5 minutes with a cheap 304, and may show a stale copy for a day while they do (RFC 5861).
 * No `s-maxage`: on Workers Cache it turns stale-while-revalidate off. Feeds are polled by
 * machines, so an hour is fresh enough; the favicon never changes between deploys; 404s are
 * kept briefly so scanners do not keep the Worker busy; URLs do not move between deploys.
 *
 * In the preview (`npm start`) the content changes on every save, so every response must be
 * revalidated (RFC 9111 §5.2.2.4 `no-cache`): the ETag makes that a cheap 304, and the author
 * never sees a page from before their last save.
 */
export function cachePolicy(isPreview: boolean): CachePolicy {
  if (isPreview) {
    return {
      page: "no-cache",
      feed: "no-cache",
      asset: "no-cache",
      notFound: "no-cache",
      redirect: "no-cache",
      search: "no-cache",
    };
  }
  return {
    page: "public, max-age=300, stale-while-revalidate=86400",
    feed: "public, max-age=3600, stale-while-revalidate=86400",
    asset: "public, max-age=86400, stale-while-revalidate=604800",
    notFound: "public, max-age=60",
    redirect: "public, max-age=86400",
    // A minute: results change only with a deploy or a scheduled post, but each query is its
    // own cache entry (the query string is part of the key here), so keep them short-lived.
    search: "public, max-age=60",
  };
}

const CACHE = cachePolicy(preview);
export const CACHE_PAGE = CACHE.page;
export const CACHE_FEED = CACHE.feed;
export const CACHE_SEARCH = CACHE.search;
export const CACHE_ASSET = CACHE.asset;
/** Everything that depends on the request's shape rather than on content. */
export const CACHE_NONE = "no-store";

/**
 * The Content-Security-Policy of every HTML page: nothing is allowed but the one inline
 * stylesheet (by its build-time hash) and same-origin images (the favicon, a post's own
 * images). No script runs: JSON-LD is a data block, which CSP does not govern.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src '${styleHash}'`,
  "img-src 'self'",
  // A blog's own icon comes with a web manifest (src/build/theme/favicon.ts), from this site.
  "manifest-src 'self'",
  // No script can run, so this only lets the browser's own tools (Lighthouse's robots.txt
  // check runs in the page's context) read same-origin files.
  "connect-src 'self'",
  "base-uri 'none'",
  // The search form in every page's header submits to this site, and nowhere else.
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * Cross-Origin-Resource-Policy (Fetch §3.7) decides who may load a response with a no-cors
 * request (`<img>`, `<script>`, a feed reader's page embedding it). Our HTML pages are for
 * reading here, never for embedding elsewhere: `same-origin`, which also keeps them out of
 * another site's process (Spectre). Public data is meant for anyone (it already sends
 * `Access-Control-Allow-Origin: *`) and the icon is shown by feed readers: `cross-origin`, so
 * sites with Cross-Origin-Embedder-Policy can still load them. Redirects and 204s carry none:
 * they have no body, and the response they lead to decides.
 */
const CORP_SAME_ORIGIN: [string, string] = ["cross-origin-resource-policy", "same-origin"];
const CORP_CROSS_ORIGIN: [string, string] = ["cross-origin-resource-policy", "cross-origin"];

/**
 * On every response, whatever its status or type: redirects, 204s, 304s and errors included.
 * HSTS (RFC 6797 §7.1: sent on any response over HTTPS; browsers ignore it over HTTP) for two
 * years, so the first answer a browser gets — often a redirect or a 404 — already pins HTTPS.
 */
const COMMON: [string, string][] = [
  ["strict-transport-security", "max-age=63072000; includeSubDomains"],
  ["x-content-type-options", "nosniff"],
];

/** An HTML document: no script, no framing, no leaking of where the reader came from. */
const HTML_SECURITY: [string, string][] = [
  ["content-security-policy", CONTENT_SECURITY_POLICY],
  ["referrer-policy", "strict-origin-when-cross-origin"],
  [
    "permissions-policy",
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
  ],
  ["cross-origin-opener-policy", "same-origin"],
  CORP_SAME_ORIGIN,
];

/** Public read-only data may be read from any origin (no credentials are ever involved). */
const CORS: [string, string][] = [
  ["access-control-allow-origin", "*"],
  ["access-control-expose-headers", "ETag, Link, Server-Timing"],
  ["timing-allow-origin", "*"],
  CORP_CROSS_ORIGIN,
];

export const ALLOW = "GET, HEAD, OPTIONS";

/** The kinds of answer the site gives, each with its own policy. */
export type Answer =
  /** An HTML page (200, 304). */
  | "page"
  /** JSON, Markdown, feeds and crawler files (200, 304). */
  | "data"
  /** The icon. */
  | "asset"
  /** An error as an HTML page. */
  | "error-page"
  /** An error as problem+json or Markdown. */
  | "error-data"
  /** 301 to a page's one URL, or to HTTPS. */
  | "redirect"
  /** 204 to OPTIONS, and to a CORS preflight. */
  | "options"
  | "preflight"
  /** 406 in plain text: nothing we have suits `Accept`, problem details included. */
  | "not-acceptable";

/**
 * Every answer's policy headers. The preview (`npm start`) serves drafts and scheduled posts to
 * whoever can reach it, and any web page the author opens can reach localhost: there, nothing
 * is shared with other origins (no CORS header at all, and CORP `same-origin` everywhere), so a
 * page elsewhere cannot read a draft with fetch() or embed one. Production's data is public and
 * keeps `Access-Control-Allow-Origin: *`.
 */
export function headerPolicies(isPreview: boolean): Record<Answer, readonly [string, string][]> {
  const cors = isPreview ? [CORP_SAME_ORIGIN] : CORS;
  const preflight: [string, string][] = isPreview
    ? []
    : [
        ["access-control-allow-origin", "*"],
        ["access-control-allow-methods", ALLOW],
        ["access-control-max-age", "86400"],
        ["vary", "Access-Control-Request-Headers"],
      ];
  return {
    page: [...COMMON, ...HTML_SECURITY],
    data: [...COMMON, ...cors],
    asset: [...COMMON, isPreview ? CORP_SAME_ORIGIN : CORP_CROSS_ORIGIN],
    "error-page": [...COMMON, ...HTML_SECURITY],
    "error-data": [...COMMON, ...cors],
    redirect: [["cache-control", cachePolicy(isPreview).redirect], ...COMMON],
    options: [["allow", ALLOW], ["cache-control", CACHE_NONE], ...COMMON],
    preflight: [["allow", ALLOW], ["cache-control", CACHE_NONE], ...COMMON, ...preflight],
    "not-acceptable": [["cache-control", CACHE_NONE], ...COMMON, CORP_SAME_ORIGIN],
  };
}

const POLICIES = headerPolicies(preview);

/**
 * The one place that decides which policy headers (security, CORS, CORP, HSTS, and the caching
 * of answers whose caching does not depend on content) each kind of answer carries. Built once:
 * callers add only what depends on the representation (type, length, validators, Vary, Link).
 */
export function policyHeaders(answer: Answer): readonly [string, string][] {
  return POLICIES[answer];
}

/**
 * Scheduled instants are told to caches only to this step (seconds) of the clock: 15 minutes.
 * A cache must not keep a list past the instant a post goes live, but a bound that counts down
 * to the instant itself publishes it to the second, a day ahead, to anyone who reads the header.
 * Rounded down to a quarter hour on the clock (not counted from the instant), every header, and
 * every moment one changes, is the same for any instant in that quarter hour. The cost: in the
 * last quarter hour before a post, pages are stored for 0 s (each use is a cheap 304).
 */
export const SCHEDULE_STEP = 900;

/**
 * How many seconds from `now` a cache may keep what it has, when the content next changes at
 * `next` (both epoch ms): up to `next` rounded down to SCHEDULE_STEP. Infinity when nothing is
 * scheduled.
 */
export function secondsUntilChange(next: number, now: number): number {
  if (!(next < Number.POSITIVE_INFINITY)) return Number.POSITIVE_INFINITY;
  const step = SCHEDULE_STEP * 1000;
  return Math.max(0, Math.floor((Math.floor(next / step) * step - now) / 1000));
}

/**
 * A Cache-Control that lets no cache hold a response, fresh or stale, more than `left` seconds:
 * the content changes then (a scheduled post goes live), and a list from before must not be
 * served after. Unchanged when its own times already end sooner, or when nothing may store it.
 */
export function capCacheControl(value: string, left: number): string {
  const maxAge = /max-age=(\d+)/.exec(value);
  if (maxAge === null || !(left < Number.POSITIVE_INFINITY)) return value;
  const fresh = Number(maxAge[1]);
  const stale = Number(/stale-while-revalidate=(\d+)/.exec(value)?.[1] ?? 0);
  if (fresh + stale <= left) return value;
  const m = Math.max(0, Math.min(fresh, left));
  const w = Math.max(0, Math.min(stale, left - m));
  return `public, max-age=${m}${w > 0 ? `, stale-while-revalidate=${w}` : ""}`;
}

/**
 * Why the site answers 503 (RFC 9110 §15.6.4), and how many seconds a client should wait before
 * it retries (§10.2.3). No cache may keep either answer: a stored error would outlive its cause.
 */
export const RETRY_AFTER = {
  /** The content's files could not be read from the assets: a passing outage. */
  assets: 5,
  /** The preview's content does not build (`npm start` only): the author is saving a fix. */
  build: 1,
} as const;
export type Unavailable = keyof typeof RETRY_AFTER;

/**
 * An error's policy: its kind's, how long it may be kept (404s briefly, and never past `left`
 * seconds, when a scheduled post may appear at that URL), `Allow` on a 405, and on a 503 when to
 * retry, by `why` it is unavailable.
 */
export function errorPolicy(
  status: number,
  html: boolean,
  left = Number.POSITIVE_INFINITY,
  why: Unavailable = "assets",
): [string, string][] {
  const headers: [string, string][] = [["cache-control", status === 404 ? capCacheControl(CACHE.notFound, left) : CACHE_NONE]];
  if (status === 405) headers.push(["allow", ALLOW]);
  if (status === 503) headers.push(["retry-after", String(RETRY_AFTER[why])]);
  headers.push(...POLICIES[html ? "error-page" : "error-data"]);
  return headers;
}
