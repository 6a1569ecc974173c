import { policyHeaders } from "./policy.ts";

/**
 * A permanent redirect (RFC 9110 §15.4.2) to `location`, keeping the request's query: a
 * page's one canonical URL, or the same URL over HTTPS.
 */
export function permanentRedirect(url: string, location: string): Response {
  const q = url.indexOf("?");
  const headers = new Headers(policyHeaders("redirect") as [string, string][]);
  headers.set("location", location + (q >= 0 && !location.includes("?") ? url.slice(q) : ""));
  return new Response(null, { status: 301, headers });
}

/**
 * A temporary redirect (RFC 9110 §15.4.3, 302) to a URL that moves with the content: the blog's
 * own icon, whose hashed name changes when the author replaces it. Kept as long as any redirect.
 */
export function foundRedirect(location: string): Response {
  const headers = new Headers(policyHeaders("redirect") as [string, string][]);
  headers.set("location", location);
  return new Response(null, { status: 302, headers });
}
