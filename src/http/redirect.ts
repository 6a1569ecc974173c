import { CACHE_REDIRECT, COMMON_HEADERS } from "./policy.ts";

/**
 * A permanent redirect to a page's one canonical URL (RFC 9110 §15.4.2), keeping the query.
 * Cached as the policy says: URLs do not move between deploys.
 */
export function permanentRedirect(url: string, path: string): Response {
  const q = url.indexOf("?");
  return new Response(null, {
    status: 301,
    headers: [["location", path + (q >= 0 ? url.slice(q) : "")], ["cache-control", CACHE_REDIRECT], ...COMMON_HEADERS],
  });
}
