import { isNotModified, toHttpDate } from "./conditional.ts";
import { COMMON_HEADERS, CORS_HEADERS, HTML_SECURITY_HEADERS } from "./policy.ts";

/** What a route says about one representation; only built on a cache miss. */
export interface RepresentationSpec {
  contentType: string;
  body: string;
  cacheControl: string;
  /** ISO date: the newest content this representation shows. */
  lastModified?: string;
  /** Workers Cache tags, for purging by post, index or feed. */
  cacheTags: string[];
  /** The `Link` header value (alternates), if any. */
  link?: string;
  /** Negotiated on `Accept`, so `Vary: Accept`. */
  negotiated: boolean;
  /** HTML pages get the security headers; public data gets CORS. */
  kind: "page" | "data" | "asset";
  status?: number;
}

/** A representation made once per isolate: bytes, validators and headers, ready to send. */
export interface Prepared {
  status: number;
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  lastModifiedMs?: number;
  /** Headers of a 200 served from this isolate's cache. */
  headers: [string, string][];
  /** Headers of a 304: the 200's minus Content-Type/Length (RFC 9110 §15.4.5). */
  notModified: [string, string][];
}

const encoder = new TextEncoder();

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
  let lastModifiedMs: number | undefined;
  if (spec.lastModified) {
    // HTTP dates have whole seconds; compare validators at that precision.
    lastModifiedMs = Math.floor(Date.parse(spec.lastModified) / 1000) * 1000;
    headers.push(["last-modified", toHttpDate(spec.lastModified)]);
  }
  if (spec.negotiated) headers.push(["vary", "Accept"]);
  if (spec.link) headers.push(["link", spec.link]);
  if (spec.cacheTags.length > 0) headers.push(["cache-tag", spec.cacheTags.join(",")]);
  headers.push(...COMMON_HEADERS);
  if (spec.kind === "page") headers.push(...HTML_SECURITY_HEADERS);
  if (spec.kind === "data") headers.push(...CORS_HEADERS);
  const notModified = headers.filter(([name]) => name !== "content-type" && name !== "content-length");
  return { status: spec.status ?? 200, body, etag, lastModifiedMs, headers, notModified };
}

const REUSED: [string, string] = ["server-timing", 'cache;desc="reused"'];
const cache = new Map<string, Prepared>();
/** Builds under way, so concurrent first requests share one build instead of racing. */
const pending = new Map<string, Promise<Prepared>>();

/**
 * Answers a GET/HEAD from this isolate's cache of prepared representations, building the
 * entry on first use; undefined when `build` finds no such resource (the caller's 404). Warm, a request costs a Map lookup, a validator check and a Response.
 * `key` must name the representation exactly (path and format), never the query string.
 */
export async function serve(
  request: Request,
  key: string,
  build: () => RepresentationSpec | undefined,
): Promise<Response | undefined> {
  let prepared = cache.get(key);
  let timing = REUSED;
  if (prepared === undefined) {
    let building = pending.get(key);
    if (building === undefined) {
      const started = performance.now();
      // Only representations that exist are cached: unknown paths must not grow the map.
      const spec = build();
      if (spec === undefined) return undefined;
      building = prepare(spec).finally(() => pending.delete(key));
      pending.set(key, building);
      prepared = await building;
      cache.set(key, prepared);
      // workerd advances timers only on I/O, so `dur` is often 0 in production: the
      // description is the signal; the duration is a bonus where the clock moves.
      timing = ["server-timing", `render;desc="built";dur=${(performance.now() - started).toFixed(1)}`];
    } else prepared = await building;
  }
  if (prepared.status === 200 && isNotModified(request.headers, { etag: prepared.etag, lastModified: prepared.lastModifiedMs })) {
    return new Response(null, { status: 304, headers: [...prepared.notModified, timing] });
  }
  return new Response(prepared.body, { status: prepared.status, headers: [...prepared.headers, timing] });
}

/** For tests and the benchmark: forget every prepared representation. */
export function clearRepresentationCache(): void {
  cache.clear();
  pending.clear();
}
