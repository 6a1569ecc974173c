/**
 * Conditional GET (RFC 9110 §13). Only what a read-only site needs: If-None-Match with weak
 * comparison, and If-Modified-Since when If-None-Match is absent. A malformed validator is
 * ignored (§13.1: a recipient "MUST ignore" one it cannot parse), so the full response is sent.
 */

/** Entity tags of an If-None-Match value: "*", a list of opaque tags, or null when malformed. */
export function parseEntityTags(header: string): "*" | string[] | null {
  const value = header.trim();
  if (value === "*") return "*";
  const tags: string[] = [];
  // §8.8.3: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE; etagc excludes DQUOTE, SP and CTLs.
  // §5.6.1.2: empty list elements (`"a", , "b"`) are ignored.
  const re = /[\s,]*(W\/)?"([\x21\x23-\x7e\x80-\uffff]*)"[\s,]*?(?:,|$)/gy;
  let consumed = 0;
  for (let m = re.exec(value); m !== null; m = re.exec(value)) {
    tags.push(m[2] ?? "");
    consumed = re.lastIndex;
    if (consumed >= value.length) break;
  }
  if (tags.length === 0 || consumed < value.length) return null;
  return tags;
}

/**
 * §13.1.2: does the representation's tag weakly match the header? null when the header is
 * malformed and so must be ignored. `etag` is the quoted tag as sent in `ETag`.
 */
export function ifNoneMatchMatches(header: string, etag: string): boolean | null {
  const tags = parseEntityTags(header);
  if (tags === null) return null;
  if (tags === "*") return true;
  const opaque = etag.replace(/^W\//, "").slice(1, -1);
  return tags.includes(opaque);
}

const HTTP_DATE =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC850 = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/** §5.6.7 HTTP-date (all three forms) to epoch ms, or NaN. */
export function parseHttpDate(value: string): number {
  const v = value.trim();
  if (HTTP_DATE.test(v)) return Date.parse(v);
  if (RFC850.test(v)) {
    // Two-digit years: §5.6.7 says read them as the nearest century that is not > 50 years ahead.
    const [, dd, mon, yy, time] = /, (\d{2})-(\w{3})-(\d{2}) (\S+)/.exec(v) ?? [];
    let year = 2000 + Number(yy);
    if (year > new Date().getUTCFullYear() + 50) year -= 100;
    return Date.parse(`${dd} ${mon} ${year} ${time} GMT`);
  }
  if (ASCTIME.test(v)) return Date.parse(`${v} GMT`);
  return Number.NaN;
}

/** `Last-Modified` value for an ISO date. */
export function toHttpDate(iso: string): string {
  return new Date(iso).toUTCString();
}

export interface Validators {
  etag: string;
  /** Epoch ms, whole seconds. */
  lastModified?: number;
}

/** §13.2.2: should this GET/HEAD be answered 304 Not Modified? */
export function isNotModified(headers: Headers, v: Validators): boolean {
  const inm = headers.get("if-none-match");
  const matched = inm === null ? null : ifNoneMatchMatches(inm, v.etag);
  // A valid If-None-Match decides alone; If-Modified-Since counts only without one (§13.2.2).
  if (matched !== null) return matched;
  const ims = headers.get("if-modified-since");
  if (ims === null || v.lastModified === undefined) return false;
  const since = parseHttpDate(ims);
  return !Number.isNaN(since) && v.lastModified <= since;
}
