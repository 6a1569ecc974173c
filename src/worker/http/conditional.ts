/**
 * Conditional GET (RFC 9110 §13). Only what a read-only site needs: If-None-Match with weak
 * comparison, and If-Modified-Since when If-None-Match is absent (present at all, even malformed). A malformed validator is
 * ignored (§13.1: a recipient "MUST ignore" one it cannot parse), so the full response is sent.
 */

export interface EntityTag {
  opaque: string;
  weak: boolean;
}

/** Entity tags of an If-None-Match / If-Match value: "*", a list, or null when malformed. */
export function parseEntityTagList(header: string): "*" | EntityTag[] | null {
  const value = header.trim();
  if (value === "*") return "*";
  const tags: EntityTag[] = [];
  // §8.8.3: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE; etagc excludes DQUOTE, SP and CTLs.
  // §5.6.1.2: empty list elements (`"a", , "b",`) are ignored.
  const tag = /(W\/)?"([\x21\x23-\x7e\x80-\uffff]*)"/y;
  let i = 0;
  let expectTag = true;
  while (i < value.length) {
    const ch = value[i];
    if (ch === " " || ch === "\t") i++;
    else if (ch === ",") {
      expectTag = true;
      i++;
    } else if (expectTag) {
      tag.lastIndex = i;
      const m = tag.exec(value);
      if (!m) return null;
      tags.push({ opaque: m[2] ?? "", weak: m[1] !== undefined });
      i = tag.lastIndex;
      expectTag = false;
    } else return null; // two tags with no comma between them
  }
  return tags.length > 0 ? tags : null;
}

/** The opaque tags of an If-None-Match value: "*", a list, or null when malformed. */
export function parseEntityTags(header: string): "*" | string[] | null {
  const list = parseEntityTagList(header);
  return list === null || list === "*" ? list : list.map((t) => t.opaque);
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

/**
 * §13.2.2, for GET and HEAD: 412 when If-Match (strong comparison) or, without it,
 * If-Unmodified-Since fails; else 304 when If-None-Match (weak comparison) or, without it,
 * If-Modified-Since says the client's copy is current; else 200. Malformed fields are ignored.
 */
export function evaluatePreconditions(headers: Headers, v: Validators): 200 | 304 | 412 {
  const opaque = v.etag.replace(/^W\//, "").slice(1, -1);
  const im = headers.get("if-match");
  if (im !== null) {
    // §13.1.4: If-Unmodified-Since is ignored when If-Match is present, whatever its value;
    // a malformed If-Match is itself ignored. The representation exists, so `*` passes; a weak
    // tag never matches strongly (§8.8.3.2).
    const ifMatch = parseEntityTagList(im);
    if (ifMatch !== null && ifMatch !== "*" && !ifMatch.some((t) => !t.weak && t.opaque === opaque)) return 412;
  } else {
    const ius = headers.get("if-unmodified-since");
    const date = ius === null ? Number.NaN : parseHttpDate(ius);
    if (!Number.isNaN(date) && v.lastModified !== undefined && v.lastModified > date) return 412;
  }
  return isNotModified(headers, v) ? 304 : 200;
}

/** §13.2.2 steps 3–4: should this GET/HEAD be answered 304 Not Modified? */
export function isNotModified(headers: Headers, v: Validators): boolean {
  const inm = headers.get("if-none-match");
  // §13.1.3: a recipient MUST ignore If-Modified-Since when the request has If-None-Match,
  // whatever its value: a malformed one is ignored too (§13.1), and then nothing matches.
  if (inm !== null) return ifNoneMatchMatches(inm, v.etag) === true;
  const ims = headers.get("if-modified-since");
  if (ims === null || v.lastModified === undefined) return false;
  const since = parseHttpDate(ims);
  return !Number.isNaN(since) && v.lastModified <= since;
}
