import { HTTPException } from "hono/http-exception";
import type { Format } from "../../shared/formats.ts";
import { evaluatePreconditions, toHttpDate } from "./conditional.ts";
import { capCacheControl, policyHeaders, secondsUntilChange } from "./policy.ts";
import type { Prepared } from "./prepared.ts";
import { createStore, keyOf } from "./store.ts";
import { rawPath } from "./url.ts";

export type { Prepared } from "./prepared.ts";

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
  /** Which policy headers it carries (src/worker/http/policy.ts). */
  kind: "page" | "data" | "asset";
  /** A page that frames videos: the origins its CSP's `frame-src` allows (src/shared/embeds.ts). */
  frameSrc?: readonly string[];
  /** A page that plays a post's own video or audio: its CSP allows `media-src 'self'`. */
  mediaSrc?: boolean;
  /** The language of its words (`Content-Language`, RFC 9110 §8.5): a page's, a feed's. */
  language?: string;
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

/** Bytes, validators and headers of a representation; `variant` at a negotiated path (then `Vary`). */
export async function prepare(spec: RepresentationSpec, variant?: Format): Promise<Prepared> {
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
  if (spec.language) headers.push(["content-language", spec.language]);
  if (variant) headers.push(["vary", "Accept"]);
  if (spec.link) headers.push(["link", spec.link]);
  if (spec.cacheTags.length > 0) headers.push(["cache-tag", spec.cacheTags.join(",")]);
  const policy = policyHeaders(spec.kind);
  // Only this page's frames and players, and only on this page: every other keeps `default-src 'none'` for them.
  const frames =
    (spec.mediaSrc ? "; media-src 'self'" : "") +
    (spec.frameSrc && spec.frameSrc.length > 0 ? `; frame-src ${spec.frameSrc.join(" ")}` : "");
  headers.push(
    ...(frames
      ? policy.map(([n, v]): [string, string] => (n === "content-security-policy" ? [n, `${v}${frames}`] : [n, v]))
      : policy),
    ["server-timing", REUSED],
  );
  const notModified = headers.filter(([name]) => name !== "content-type" && name !== "content-length");
  const seconds = (re: RegExp) => Number(re.exec(spec.cacheControl)?.[1] ?? 0);
  const keepFor = seconds(/max-age=(\d+)/) + seconds(/stale-while-revalidate=(\d+)/);
  return { body, etag, lastModified, ok: new Headers(headers), notModified: new Headers(notModified), keepFor };
}

/**
 * 412 (RFC 9110 §15.5.13), thrown like the guard's refusals, so that the app's one error handler
 * answers it in the format every error takes (src/worker/routes/errors.tsx); it carries the
 * representation's validators, for the client to compare by.
 */
export class PreconditionFailed extends HTTPException {
  readonly validators: [string, string][];
  constructor(p: Prepared) {
    super(412);
    this.validators = [["etag", p.etag]];
    const lastModified = p.ok.get("last-modified");
    if (lastModified !== null) this.validators.push(["last-modified", lastModified]);
  }
}

/**
 * The response to a GET/HEAD for a prepared representation: 304 when the request's
 * preconditions say so, else the bytes. `built` replaces the Server-Timing of a reused one.
 * Throws PreconditionFailed when they fail.
 */
export function respond(request: Request, p: Prepared, built?: string): Response {
  const outcome = evaluatePreconditions(request.headers, p);
  if (outcome === 412) throw new PreconditionFailed(p);
  const notModified = outcome === 304;
  let headers = notModified ? p.notModified : p.ok;
  // Within keeping distance of the next scheduled post, no cache may hold this past it.
  const left = secondsUntilChange(horizon, Date.now());
  if (left < p.keepFor) {
    if (p.capped?.left !== left) p.capped = cap(p, left);
    headers = notModified ? p.capped.notModified : p.capped.ok;
  }
  if (built !== undefined) {
    headers = new Headers(headers);
    headers.set("server-timing", built);
  }
  return notModified ? new Response(null, { status: 304, headers }) : new Response(p.body, { status: 200, headers });
}

/** The prepared headers with Cache-Control cut to `left` seconds; made at most once a second. */
function cap(p: Prepared, left: number): NonNullable<Prepared["capped"]> {
  const value = capCacheControl(p.ok.get("cache-control") ?? "", left);
  const ok = new Headers(p.ok);
  const notModified = new Headers(p.notModified);
  ok.set("cache-control", value);
  notModified.set("cache-control", value);
  return { left, ok, notModified };
}

/** This isolate's prepared representations (src/worker/http/store.ts). */
let store = createStore();
let storeEpoch: number | undefined;
/** When the content next changes (epoch ms): a scheduled post goes live. */
let horizon = Number.POSITIVE_INFINITY;

/**
 * Called with every request: `epoch` names the set of published posts, `next` the instant it
 * next changes. Representations prepared for another set are dropped (lists, feeds and pages
 * around a post that has just gone live all change), and none is cached past `next`.
 */
export function observePublication(epoch: number, next: number): void {
  if (epoch !== storeEpoch) {
    store = createStore();
    storeEpoch = epoch;
  }
  horizon = next;
}

/**
 * A prepared representation by canonical path, if this isolate has one: the path's only
 * representation, or, for a negotiated path, the variant `format` picks. For the warm path
 * (src/worker/http/warm.ts); the same keys as `serve`, and a hit counts as a use.
 */
export function lookupPrepared(path: string, format: () => Format | null): Prepared | undefined {
  const single = store.get(path);
  if (single !== undefined) return single;
  const f = format();
  return f === null ? undefined : store.get(keyOf(path, f));
}

/**
 * Answers a GET/HEAD for a canonical path (the guard has redirected every other spelling) from
 * this isolate's cache, building the representation on first use; undefined when `build`
 * finds no such resource (the caller's 404). `variant` is the format `Accept` chose at a
 * negotiated path; an explicit URL has none. The query string never makes a new one.
 */
export async function serve(
  request: Request,
  variant: Format | undefined,
  build: () => RepresentationSpec | undefined | Promise<RepresentationSpec | undefined>,
): Promise<Response | undefined> {
  const started = performance.now();
  const found = await store.getOrBuild(keyOf(rawPath(request.url), variant), async () => {
    const spec = await build();
    return spec && prepare(spec, variant);
  });
  if (found === undefined) return undefined;
  // workerd advances timers only on I/O, so `dur` is often 0 in production: the
  // description is the signal; the duration is a bonus where the clock moves.
  const built = found.built ? `render;desc="built";dur=${(performance.now() - started).toFixed(1)}` : undefined;
  return respond(request, found.prepared, built);
}
