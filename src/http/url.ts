/** The raw (still percent-encoded) path of a request URL: what the guard checks and the cache keys on. */
export function rawPath(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start < 0) return "/";
  const q = url.indexOf("?", start);
  const h = url.indexOf("#", start);
  const end = q >= 0 ? q : h >= 0 ? h : url.length;
  return url.slice(start, end);
}

/** Hosts a developer reaches on their own machine: never redirected to HTTPS. */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return host === "localhost" || host.endsWith(".localhost") || /^127\./.test(host) || host === "::1";
}

/**
 * Whether a request must first move to HTTPS (RFC 6797 §7.2): plain HTTP to a public host. Local
 * addresses (wrangler dev, tests) are left alone, and so is the whole preview.
 */
export function needsHttps(url: string, isPreview: boolean): boolean {
  if (isPreview || !url.startsWith("http:")) return false;
  return !isLocalHost(new URL(url).hostname);
}
