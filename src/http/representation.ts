import { evaluatePreconditions, toHttpDate } from "./conditional.ts";
import type { Format } from "./negotiate.ts";
import { ASSET_HEADERS, COMMON_HEADERS, CORS_HEADERS, HTML_SECURITY_HEADERS } from "./policy.ts";

/** What a route says about one representation; only built on a cache miss. */
export interface RepresentationSpec {
  /** The canonical path it is served at: the warm path (src/http/warm.ts) finds it by this. */
  path: string;
  /** For a negotiated URL, which of its representations this is (then `Vary: Accept`). */
  variant?: Format;
  contentType: string;
  body: string;
  cacheControl: string;
  /** ISO date: the newest content this representation shows. */
  lastModified?: string;
  /** Workers Cache tags, for purging by post, index or feed. */
  cacheTags: string[];
  /** The `Link` header value (alternates), if any. */
  link?: string;
  /** HTML pages get the security headers; public data gets CORS. */
  kind: "page" | "data" | "asset";
}

/** A representation made once per isolate: bytes, validators and headers, ready to send. */
export interface Prepared {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  /** Epoch ms, whole seconds. */
  lastModified?: number;
  /**
   * Headers of a 200 served from this isolate's cache, as one `Headers` object: workerd copies
   * it natively into each Response, several times faster than converting name/value pairs.
   */
  ok: Headers;
  /** Headers of a 304: the 200's minus Content-Type/Length (RFC 9110 §15.4.5). */
  notModified: Headers;
}

const encoder = new TextEncoder();
const REUSED = 'cache;desc="reused"';

/** Strong ETag from the bytes (RFC 9110 §8.8.3): each representation gets its own. */
export async function strongEtag(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  let bin = "";
  for (const b of digest.subarray(0, 16)) bin += String.fromCharCode(b);
  return `"${btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}"`;
}

export async function prepare(spec: RepresentationSpec): Promise<Prepared> {
  const body = encoder.encode(spec.body) as Uint8Array<ArrayBuffer>;
  const etag = await strongEtag(body);
  const headers: [string, string][] = [
    ["content-type", spec.contentType],
    ["content-length", String(body.byteLength)],
    ["etag", etag],
    ["cache-control", spec.cacheControl],
  ];
  let lastModified: number | undefined;
  if (spec.lastModified) {
    // HTTP dates have whole seconds; compare validators at that precision. Never later than
    // now (§8.8.2.1): a preview build (`npm start`) shows posts dated in the future.
    lastModified = Math.floor(Math.min(Date.parse(spec.lastModified), Date.now()) / 1000) * 1000;
    headers.push(["last-modified", toHttpDate(new Date(lastModified).toISOString())]);
  }
  if (spec.variant) headers.push(["vary", "Accept"]);
  if (spec.link) headers.push(["link", spec.link]);
  if (spec.cacheTags.length > 0) headers.push(["cache-tag", spec.cacheTags.join(",")]);
  headers.push(...COMMON_HEADERS);
  if (spec.kind === "page") headers.push(...HTML_SECURITY_HEADERS);
  if (spec.kind === "data") headers.push(...CORS_HEADERS);
  if (spec.kind === "asset") headers.push(...ASSET_HEADERS);
  headers.push(["server-timing", REUSED]);
  const notModified = headers.filter(([name]) => name !== "content-type" && name !== "content-length");
  return { body, etag, lastModified, ok: new Headers(headers), notModified: new Headers(notModified) };
}

/**
 * The response to a GET/HEAD for a prepared representation: 412 or 304 when the request's
 * preconditions say so, else the bytes. `built` replaces the Server-Timing of a reused one.
 */
export function respond(request: Request, p: Prepared, built?: string): Response {
  const outcome = evaluatePreconditions(request.headers, p);
  if (outcome === 412) return preconditionFailed(p);
  const notModified = outcome === 304;
  let headers = notModified ? p.notModified : p.ok;
  if (built !== undefined) {
    headers = new Headers(headers);
    headers.set("server-timing", built);
  }
  return notModified ? new Response(null, { status: 304, headers }) : new Response(p.body, { status: 200, headers });
}

/** 412 (RFC 9110 §15.5.13): rare, so built per request; it keeps the validators to compare. */
function preconditionFailed(p: Prepared): Response {
  const headers = new Headers(p.notModified);
  headers.set("content-type", "text/plain; charset=utf-8");
  headers.set("cache-control", "no-store");
  return new Response("412 Precondition Failed\n", { status: 412, headers });
}

/**
 * Bytes of prepared bodies an isolate keeps (isolates have 128 MB). Past it the least recently
 * used are dropped and rebuilt on their next request: a crawler walking thousands of posts costs
 * some re-rendering, never an out-of-memory isolate, and the pages readers keep asking for stay.
 */
export const CACHE_BUDGET_BYTES = 32 * 1024 * 1024;

/**
 * No one representation may take more than this share of the budget: a larger one is served but
 * not kept, so it can never evict everything else (two huge feeds alternating would otherwise
 * rebuild on every request and empty the cache each time).
 */
export const MAX_ENTRY_SHARE = 8;

interface Entry {
  key: string;
  prepared: Prepared;
  path: string;
  variant?: Format;
}
/**
 * Least recently used first: a Map iterates in insertion order, and every use re-inserts its
 * entry (src/http/warm.ts's hits included), so eviction walks from the coldest.
 */
const cache = new Map<string, Entry>();
let cachedBytes = 0;
/** The key used last: repeated hits on one page skip the re-insertion. */
let newest: string | undefined;
/** Builds under way, so concurrent first requests share one build instead of racing. */
const pending = new Map<string, Promise<Prepared>>();

/** Prepared representations by canonical path: a negotiated path's variants, or its only one. */
interface PathEntry {
  single?: Entry;
  variants?: Partial<Record<Format, Entry>>;
}
const byPath = new Map<string, PathEntry>();

/** Marks an entry as just used (LRU) and returns what it holds. */
function use(entry: Entry): Prepared {
  if (entry.key !== newest) {
    cache.delete(entry.key);
    cache.set(entry.key, entry);
    newest = entry.key;
  }
  return entry.prepared;
}

function remember(key: string, spec: RepresentationSpec, p: Prepared, budget: number): void {
  // Serve it, don't keep it: see MAX_ENTRY_SHARE.
  if (p.body.byteLength > budget / MAX_ENTRY_SHARE) return;
  const entry: Entry = { key, prepared: p, path: spec.path, variant: spec.variant };
  cache.set(key, entry);
  newest = key;
  cachedBytes += p.body.byteLength;
  let at = byPath.get(spec.path);
  if (!at) {
    at = {};
    byPath.set(spec.path, at);
  }
  if (spec.variant) {
    at.variants ??= {};
    at.variants[spec.variant] = entry;
  } else at.single = entry;
  for (const [oldKey, old] of cache) {
    if (cachedBytes <= budget || oldKey === key) break;
    cache.delete(oldKey);
    cachedBytes -= old.prepared.body.byteLength;
    const held = byPath.get(old.path);
    if (held && old.variant) delete held.variants?.[old.variant];
    else if (held) delete held.single;
  }
}

/** For tests: how many representations and bytes this isolate holds. */
export function cacheStats(): { entries: number; bytes: number } {
  return { entries: cache.size, bytes: cachedBytes };
}

/** For tests: the keys held, least recently used first. */
export function cacheKeys(): string[] {
  return [...cache.keys()];
}

/**
 * A prepared representation by canonical path, if one was built: `format` for a negotiated
 * path (undefined: the path's only representation). For the warm fast path; a hit counts as a use.
 */
export function lookupPrepared(path: string, format: () => Format | null): Prepared | undefined {
  const at = byPath.get(path);
  if (at === undefined) return undefined;
  if (at.single) return use(at.single);
  const f = format();
  const entry = f === null ? undefined : at.variants?.[f];
  return entry === undefined ? undefined : use(entry);
}

/**
 * Answers a GET/HEAD from this isolate's cache of prepared representations, building the
 * entry on first use; undefined when `build` finds no such resource (the caller's 404).
 * `key` must name the representation exactly (path and format), never the query string.
 */
export async function serve(
  request: Request,
  key: string,
  build: () => RepresentationSpec | undefined,
  budget = CACHE_BUDGET_BYTES,
): Promise<Response | undefined> {
  const hit = cache.get(key);
  if (hit !== undefined) return respond(request, use(hit));
  const building = pending.get(key);
  if (building !== undefined) return respond(request, await building);

  const started = performance.now();
  // Only representations that exist are cached: unknown paths must not grow the maps.
  const spec = build();
  if (spec === undefined) return undefined;
  const promise = prepare(spec).finally(() => pending.delete(key));
  pending.set(key, promise);
  const made = await promise;
  remember(key, spec, made, budget);
  // workerd advances timers only on I/O, so `dur` is often 0 in production: the
  // description is the signal; the duration is a bonus where the clock moves.
  return respond(request, made, `render;desc="built";dur=${(performance.now() - started).toFixed(1)}`);
}

/** For tests and the benchmark: forget every prepared representation. */
export function clearRepresentationCache(): void {
  cache.clear();
  pending.clear();
  byPath.clear();
  cachedBytes = 0;
  newest = undefined;
}
