/** The raw (still percent-encoded) path of a request URL: what the guard checks and the cache keys on. */
export function rawPath(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start < 0) return "/";
  const q = url.indexOf("?", start);
  const h = url.indexOf("#", start);
  const end = q >= 0 ? q : h >= 0 ? h : url.length;
  return url.slice(start, end);
}

/**
 * A query string's part decoded, or undefined when the bytes its escapes spell are not UTF-8
 * (surrogates, overlong forms, a cut sequence), where URLSearchParams would read them as U+FFFD.
 * A `%` without two hex digits after it is itself, as WHATWG URL's percent-decoding reads it
 * (and as a browser sends `100%` typed into the address bar); a path is stricter (guard.ts).
 */
function decodeQueryPart(text: string): string | undefined {
  if (!text.includes("%")) return text;
  try {
    return decodeURIComponent(text.replace(/%(?![0-9A-Fa-f]{2})/g, "%25"));
  } catch {
    return undefined;
  }
}

/** Whether a query string's value decodes to text (`decodeQueryPart`). */
export const isQueryValueUtf8 = (text: string): boolean => decodeQueryPart(text) !== undefined;

/**
 * The raw (still percent-encoded) values of the query string's parameter `name`, every one of
 * them in order. Hono's `c.req.query` and URLSearchParams both read a broken escape as something
 * (the literal text, or U+FFFD), so a route that must refuse one checks these. A parameter's name
 * is matched decoded, as they read it (`%71=` is `q=`).
 */
export function rawQueryValues(url: string, name: string): string[] {
  const q = url.indexOf("?");
  if (q < 0) return [];
  const h = url.indexOf("#", q);
  const values: string[] = [];
  for (const pair of url.slice(q + 1, h >= 0 ? h : url.length).split("&")) {
    const eq = pair.indexOf("=");
    const key = (eq >= 0 ? pair.slice(0, eq) : pair).replaceAll("+", " ");
    if ((decodeQueryPart(key) ?? key) === name) values.push(eq >= 0 ? pair.slice(eq + 1) : "");
  }
  return values;
}

/**
 * The host of an absolute URL, lower-cased, without userinfo or port, as `new URL(url).hostname`.
 * String work rather than `new URL()`: it runs before every first request, where a URL parse and
 * the regular expressions it replaced cost a fresh isolate a measurable share of a millisecond.
 */
export function hostOf(url: string): string {
  const start = url.indexOf("//") + 2;
  let end = url.length;
  for (const stop of ["/", "?", "#"]) {
    const i = url.indexOf(stop, start);
    if (i >= 0 && i < end) end = i;
  }
  const at = url.lastIndexOf("@", end);
  const authority = url.slice(at >= start ? at + 1 : start, end);
  // An IPv6 literal keeps its brackets (as URL.host does); otherwise the port goes.
  const close = authority.startsWith("[") ? authority.indexOf("]") + 1 : authority.indexOf(":");
  return (close > 0 ? authority.slice(0, close) : authority).toLowerCase();
}

const isOctet = (part: string): boolean => part !== "" && part.length <= 3 && [...part].every((c) => c >= "0" && c <= "9");

/** Hosts a developer reaches on their own machine: never redirected to HTTPS. */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost") || host === "::1" || host === "[::1]") return true;
  // 127.0.0.0/8 as an IPv4 literal (a name like `127.example.com` is a public host).
  const parts = host.split(".");
  return parts.length === 4 && parts[0] === "127" && parts.every(isOctet);
}

/**
 * Whether a request must first move to HTTPS (RFC 6797 §7.2): plain HTTP to a public host. Local
 * addresses (wrangler dev, tests) are left alone, and so is the whole preview.
 */
export function needsHttps(url: string, isPreview: boolean): boolean {
  if (isPreview || !url.startsWith("http:")) return false;
  return !isLocalHost(hostOf(url));
}
