/**
 * Proactive content negotiation on `Accept` (RFC 9110 §12.5.1), written because Hono's
 * `accepts()` ignores `q=0` and can never answer 406.
 *
 * - Each offer takes the quality of the most specific range that matches it
 *   (`type/subtype;params` > `type/subtype` > `type/*` > `*\/*`).
 * - `q=0` means "not acceptable"; the highest quality wins; ties go to the server's order.
 * - No header, an empty one, or one with no valid range is treated as `*\/*` (§12.5.1: a
 *   server may disregard a field it cannot parse), so browsers and odd clients get HTML.
 */

import { FORMATS, type Format, MEDIA_TYPES, splitExtension } from "../../shared/formats.ts";
import { rawPath } from "./url.ts";

export interface MediaRange {
  type: string;
  subtype: string;
  params: Record<string, string>;
  q: number;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

function unquote(value: string): string {
  return value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1).replace(/\\(.)/g, "$1") : value;
}

/**
 * How much of an `Accept` value is read: its first 32 list members (empty ones count), each with
 * at most 16 parameters. Browsers send fewer than 10; without a bound a 120 KB header cost ~100×
 * a normal one. RFC 9110 §12.5.1 lets a server disregard what it cannot use; the rest is ignored.
 */
export const MAX_ACCEPT_RANGES = 32;
const MAX_RANGE_PARAMS = 16;

/** Parses one media range; undefined when it is not valid syntax (or has too many parameters). */
function parseRange(part: string): MediaRange | undefined {
  const paramParts = part.split(";", MAX_RANGE_PARAMS + 2);
  if (paramParts.length > MAX_RANGE_PARAMS + 1) return undefined;
  const mediaType = paramParts.shift() ?? "";
  const slash = mediaType.indexOf("/");
  if (slash < 0) return undefined;
  const type = mediaType.slice(0, slash).trim().toLowerCase();
  const subtype = mediaType
    .slice(slash + 1)
    .trim()
    .toLowerCase();
  if (!TOKEN.test(type) || !TOKEN.test(subtype) || (type === "*" && subtype !== "*")) return undefined;
  const params: Record<string, string> = {};
  let q = 1;
  for (const raw of paramParts) {
    const p = raw.trim();
    if (p === "") continue;
    const eq = p.indexOf("=");
    if (eq < 0) return undefined;
    const name = p.slice(0, eq).trim().toLowerCase();
    const value = unquote(p.slice(eq + 1).trim());
    if (!TOKEN.test(name)) return undefined;
    if (name === "q") {
      if (!QVALUE.test(value)) return undefined;
      q = Number(value);
      break; // §12.5.1: what follows the weight are accept-ext, not media type parameters
    }
    params[name] = value.toLowerCase();
  }
  return { type, subtype, params, q };
}

let parses = 0;

/** For tests: how many `Accept` values this isolate has parsed. */
export function acceptParseCount(): number {
  return parses;
}

/** The valid ranges among the first MAX_ACCEPT_RANGES members of an `Accept` value, in order. */
export function parseAccept(header: string): MediaRange[] {
  parses++;
  const ranges: MediaRange[] = [];
  // Commas inside quoted parameter values are rare enough in Accept to not special-case.
  let start = 0;
  for (let members = 0; members < MAX_ACCEPT_RANGES && start <= header.length; members++) {
    let end = header.indexOf(",", start);
    if (end < 0) end = header.length;
    const part = header.slice(start, end);
    start = end + 1;
    if (part.trim() === "") continue;
    const range = parseRange(part);
    if (range) ranges.push(range);
  }
  return ranges;
}

/** We serve every text type as UTF-8, so a `charset=utf-8` parameter still matches. */
function paramsMatch(params: Record<string, string>): boolean {
  for (const [name, value] of Object.entries(params)) {
    if (name !== "charset" || (value !== "utf-8" && value !== "utf8")) return false;
  }
  return true;
}

/** The quality the ranges give one media type: that of the most specific matching range. */
export function qualityOf(ranges: MediaRange[], mediaType: string): number {
  const [type, subtype] = mediaType.split("/");
  let best = -1;
  let q = 0;
  for (const r of ranges) {
    let specificity: number;
    if (r.type === type && r.subtype === subtype) specificity = 3;
    else if (r.type === type && r.subtype === "*") specificity = 2;
    else if (r.type === "*") specificity = 1;
    else continue;
    const hasParams = Object.keys(r.params).length > 0;
    if (hasParams && !paramsMatch(r.params)) continue;
    if (hasParams) specificity += 0.5;
    if (specificity > best) {
      best = specificity;
      q = r.q;
    }
  }
  return q;
}

/** The format to send, or null when none of `offers` is acceptable (→ 406). */
export function negotiate(header: string | null | undefined, offers: readonly Format[] = FORMATS): Format | null {
  return choose(header ? parseAccept(header) : [], offers);
}

function choose(ranges: MediaRange[], offers: readonly Format[]): Format | null {
  if (ranges.length === 0) return offers[0] ?? null;
  let chosen: Format | null = null;
  let bestQ = 0;
  for (const offer of offers) {
    const q = qualityOf(ranges, MEDIA_TYPES[offer]);
    if (q > bestQ) {
      bestQ = q;
      chosen = offer;
    }
  }
  return chosen;
}

/**
 * What an `Accept` value chooses among the full offer list, for a page (null: none, a 406) and for
 * an error. An error may also be sent as problem details (`application/problem+json`, RFC 9457
 * §3), which are JSON: an error is JSON when they are preferred to the page's format (`Accept:
 * application/problem+json, text/html;q=0.5`), or when they are all it takes.
 */
interface Choice {
  page: Format | null;
  error: Format | null;
}

const PROBLEM_JSON = "application/problem+json";

function chooseAll(header: string): Choice {
  const ranges = header ? parseAccept(header) : [];
  const page = choose(ranges, FORMATS);
  if (ranges.length === 0) return { page, error: page };
  const pageQ = page === null ? 0 : qualityOf(ranges, MEDIA_TYPES[page]);
  // A tie (`*/*` takes both) stays with the page's format: a browser's error is a page.
  return { page, error: qualityOf(ranges, PROBLEM_JSON) > pageQ ? "json" : page };
}

const MEMO_LIMIT = 512;
const MEMO_KEY_LIMIT = 512;
const memo = new Map<string, Choice>();

/** `chooseAll` memoised per `Accept` value: real traffic sends a handful of distinct values. */
function choiceOf(key: string): Choice {
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const result = chooseAll(key);
  // Real clients send short values; very long ones are not worth remembering.
  if (key.length <= MEMO_KEY_LIMIT) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, result);
  }
  return result;
}

/**
 * `negotiate` for the full offer list, memoised per `Accept` value, so the warm path is one Map
 * lookup. Bounded against floods.
 */
export function negotiateAll(header: string | null): Format | null {
  return choiceOf(header ?? "").page;
}

/** Long `Accept` values are not memoised, so their result is kept with the request itself. */
const perRequest = new WeakMap<Request, Choice>();

/** A request's choice, computed once per request whatever the length of its `Accept`. */
function requestChoice(request: Request): Choice {
  const header = request.headers.get("accept");
  if (header === null || header.length <= MEMO_KEY_LIMIT) return choiceOf(header ?? "");
  const kept = perRequest.get(request);
  if (kept) return kept;
  const result = chooseAll(header);
  perRequest.set(request, result);
  return result;
}

/**
 * The format a request's `Accept` chooses, computed once per request: the warm path, the page
 * routes and the error pages may all ask (a 404 or 406 on a negotiated URL asked twice).
 */
export function negotiateRequest(request: Request): Format | null {
  return requestChoice(request).page;
}

/**
 * The one rule for the format of every error the Worker answers: the format an explicit URL
 * names (`/posts/x.json`, `/posts/x.md`, `/feed.json`), whatever `Accept` says, so not
 * negotiated (no `Vary`); at any other URL the one `Accept` chooses, where problem details count
 * as JSON, at their own q-value when it is higher. `format` is null when `Accept` takes none of
 * them: the caller's fallback.
 */
export function errorFormat(request: Request): { format: Format | null; negotiated: boolean } {
  const named = splitExtension(rawPath(request.url)).format;
  if (named !== "html") return { format: named, negotiated: false };
  return { format: requestChoice(request).error, negotiated: true };
}
