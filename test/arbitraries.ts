import fc from "fast-check";
import { DOCUMENTS, SLUG } from "./helpers.ts";

export { DOCUMENTS };

/**
 * Hostile request parts for the property tests: what scanners, broken clients and fuzzers
 * send. Values stay within what the Fetch `Headers` class accepts (no CR, LF or NUL), since
 * the runtime refuses anything else before the Worker could see it.
 */

/** Printable ASCII plus tab: the bytes a header value may hold (RFC 9110 §5.5). */
const fieldChar = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
export const fieldJunk = fc.oneof(
  fc.string({ unit: fieldChar, maxLength: 60 }),
  fc.string({ unit: fc.constantFrom("\t", " ", ",", ";", "=", '"', "/", "*", "W", "q", "0", "1", "."), maxLength: 30 }),
);

/** Path pieces: real routes, traversal in every spelling, bad escapes, controls, unicode. */
const segment = fc.oneof(
  fc.constantFrom(
    "posts",
    "tags",
    "page",
    "index",
    SLUG,
    "rust",
    "1",
    "2",
    "0",
    "999999",
    "..",
    ".",
    "%2e%2e",
    "%2E%2E",
    ".%2e",
    "%2f",
    "%2F",
    "%5c",
    "\\",
    "%00",
    "\u0000",
    "%",
    "%zz",
    "%e",
    "%C0%AE",
    "%ff",
    "%E2%80%AE",
    "%20",
    " ",
    "feed.xml",
    "feed.json",
    "sitemap.xml",
    "robots.txt",
    "llms.txt",
    "llms-full.txt",
    "favicon.svg",
    "favicon.ico",
    "f%65ed.xml",
    "index.j%73on",
    "wp-login.php",
    ".env",
    ".git",
    "%3Cscript%3E",
    "<script>",
    "'\"",
    ";",
    "@",
    "~",
  ),
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.string({ unit: "binary-ascii", maxLength: 12 }),
  fc.webSegment(),
);

const suffix = fc.constantFrom("", "", "", ".json", ".md", ".JSON", ".MD", ".html", ".xml", ".json.md", "/", "//", "?", "#x");

const query = fc.oneof(
  fc.constant(""),
  fc.constantFrom("?", "?page=2", "?a=%00", "?%", "?utm_source=x&x=<script>", "?format=json"),
  fc.string({ unit: "binary-ascii", maxLength: 20 }).map((q) => `?${q}`),
);

/** A URL the site makes, made odd: trailing slashes, changed case, escaped letters. */
const knownPath = fc
  .tuple(
    fc.constantFrom(
      "/",
      `/posts/${SLUG}`,
      `/posts/${SLUG}.json`,
      `/posts/${SLUG}.md`,
      "/index.json",
      "/index.md",
      "/tags",
      "/tags.json",
      "/tags.md",
      "/tags/rust",
      "/tags/rust.json",
      "/tags/rust.md",
      "/page/1",
      "/page/1.json",
      "/page/2",
      "/tags/rust/page/1",
      "/tags/rust/page/2.json",
      ...DOCUMENTS,
    ),
    fc.constantFrom("none", "none", "slash", "upper", "escape", "dot", "double"),
  )
  .map(([path, twist]) => {
    if (twist === "slash") return `${path}/`;
    if (twist === "upper") return path.toUpperCase();
    if (twist === "escape") return path.replace(/[a-z]/, (c) => `%${c.charCodeAt(0).toString(16)}`);
    if (twist === "dot") return `${path}/..`;
    if (twist === "double") return path.replace("/", "//");
    return path;
  });

/** A request path: real URLs twisted, random segments, sometimes an overlong one (to ~10k chars). */
export const hostilePath = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(knownPath, query).map(([path, q]) => `${path}${q}`) },
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.array(segment, { maxLength: 5 }), suffix, query)
      .map(([segments, end, q]) => `/${segments.join("/")}${end}${q}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom("a", "../", "%2e%2e/", "é", "%41", "posts/"), fc.integer({ min: 500, max: 10_000 }), suffix)
      .map(([unit, n, end]) => `/${unit.repeat(Math.ceil(n / unit.length))}${end}`),
  },
);

/**
 * Methods. The runtime refuses to construct a Request with a method it does not know
 * (CONNECT, TRACK, arbitrary tokens), so the odd ones here are the registered ones it accepts.
 */
export const method = fc.oneof(
  { weight: 6, arbitrary: fc.constant("GET") },
  { weight: 2, arbitrary: fc.constant("HEAD") },
  { weight: 1, arbitrary: fc.constant("OPTIONS") },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "POST",
      "PUT",
      "DELETE",
      "PATCH",
      "OPTIONS",
      "TRACE",
      "PROPFIND",
      "PROPPATCH",
      "MKCOL",
      "COPY",
      "MOVE",
      "LOCK",
      "UNLOCK",
      "get",
      "head",
      "options",
      "post",
    ),
  },
);

const mediaRange = fc
  .tuple(
    fc.constantFrom("text", "application", "image", "*", "TEXT", "x"),
    fc.constantFrom("html", "json", "markdown", "*", "plain", "xml", "HTML", "problem+json", "feed+json"),
    fc.constantFrom(
      "",
      ";q=0",
      ";q=0.0",
      ";q=0.001",
      ";q=0.5",
      ";q=1",
      ";q=1.000",
      ";q=2",
      ";q=-1",
      ";q=0.0001",
      ";q=",
      ";Q=0.3",
      ";charset=utf-8",
      ";charset=latin1",
      ";level=1",
      ';q="0.5"',
      ";;",
      ";=",
      ";q=0.5;ext=1",
    ),
  )
  .map(([t, s, p]) => `${t}/${s}${p}`);

/** Accept values: browsers' real ones, generated lists and junk. */
export const accept = fc.oneof(
  fc.constantFrom(
    "*/*",
    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "application/json",
    "text/markdown",
    "text/plain",
    "image/avif,image/webp,*/*",
    "",
    ",,,",
    "*",
    "text/*;q=0, */*;q=0",
  ),
  fc.array(mediaRange, { minLength: 1, maxLength: 6 }).map((r) => r.join(", ")),
  fieldJunk,
);

const opaque = fc.string({ unit: fc.integer({ min: 0x23, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 24 });
const entityTag = fc.tuple(fc.boolean(), opaque).map(([weak, o]) => `${weak ? "W/" : ""}"${o}"`);

/** If-None-Match values: "*", well-formed tag lists, and malformed ones (§13.1.2). */
export const ifNoneMatch = fc.oneof(
  fc.constantFrom("*", '""', "W/", '"', '"a" "b"', 'W/"x",', '*, "a"', 'w/"x"'),
  fc.array(entityTag, { minLength: 1, maxLength: 5 }).map((t) => t.join(", ")),
  fieldJunk,
);

/** If-Modified-Since values: the three HTTP-date forms (RFC 9110 §5.6.7), odd years and junk. */
export const ifModifiedSince = fc.oneof(
  fc
    .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2200-01-01T00:00:00Z"), noInvalidDate: true })
    .map((d) => d.toUTCString()),
  fc.constantFrom(
    "Sunday, 06-Nov-94 08:49:37 GMT",
    "Sun Nov  6 08:49:37 1994",
    "Mon, 01 Jan 9999 00:00:00 GMT",
    "Mon, 99 Foo 2025 99:99:99 GMT",
    "Thu, 01 Jan 1970 00:00:00 GMT",
    "0",
    "-1",
    "yesterday",
  ),
  fieldJunk,
);

/** Every other header a client might send, each optional. */
export const otherHeaders = fc.record(
  {
    origin: fc.constantFrom("https://evil.example", "null", "http://localhost", "*"),
    "access-control-request-method": fc.constantFrom("GET", "POST", "DELETE", "x"),
    "access-control-request-headers": fc.oneof(fc.constantFrom("content-type", "x-a, x-b", "", ",,", "a b"), fieldJunk),
    range: fc.oneof(fc.constantFrom("bytes=0-10", "bytes=-1", "bytes=5-1", "items=1-2"), fieldJunk),
    "accept-encoding": fc.oneof(fc.constantFrom("gzip, br", "identity;q=0", "*;q=0"), fieldJunk),
    "accept-language": fieldJunk,
    cookie: fieldJunk,
    "if-match": fc.oneof(fc.constant("*"), fieldJunk),
    "if-unmodified-since": fieldJunk,
    "cache-control": fc.constantFrom("no-cache", "max-age=0", "only-if-cached", "no-store"),
    "user-agent": fieldJunk,
    "x-forwarded-proto": fc.constantFrom("http", "https", "gopher"),
  },
  { requiredKeys: [] },
);

export const hostileHeaders = fc
  .tuple(
    fc.option(accept, { nil: undefined }),
    fc.option(ifNoneMatch, { nil: undefined }),
    fc.option(ifModifiedSince, { nil: undefined }),
    otherHeaders,
  )
  .map(([a, inm, ims, rest]) => {
    const headers: Record<string, string> = { ...rest };
    if (a !== undefined) headers.accept = a;
    if (inm !== undefined) headers["if-none-match"] = inm;
    if (ims !== undefined) headers["if-modified-since"] = ims;
    return headers;
  });
