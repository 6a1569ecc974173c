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
