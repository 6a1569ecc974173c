import type { Context, MiddlewareHandler } from "hono";
import { ALLOW, CACHE_NONE, COMMON_HEADERS } from "./policy.ts";
import { permanentRedirect } from "./redirect.ts";

/**
 * The front door: methods and paths are checked before routing, so hostile or odd requests
 * get a clear 4xx (never a 5xx) and every page has exactly one URL.
 */

/** Longer than any URL the site makes; RFC 9110 §15.5.15 gives 414 for these. */
export const MAX_PATH_LENGTH = 2048;

export type ErrorRenderer = (c: Context, status: number) => Response;

const TOKEN_LIST = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(?:\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*$/;

/** The raw (still percent-encoded) path of a request URL. */
export function rawPath(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start < 0) return "/";
  const q = url.indexOf("?", start);
  const h = url.indexOf("#", start);
  const end = q >= 0 ? q : h >= 0 ? h : url.length;
  return url.slice(start, end);
}

/** Why a path can never name a resource here, as a status, or undefined if it might. */
export function checkPath(path: string): 400 | 404 | 414 | undefined {
  if (path.length > MAX_PATH_LENGTH) return 414;
  if (/%(?![0-9A-Fa-f]{2})/.test(path)) return 400;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return 400; // percent-escapes that are not UTF-8
  }
  // NUL, other controls, encoded separators and dot-segments that survived URL parsing.
  if (/[\u0000-\u001f\u007f\\]/.test(decoded)) return 400;
  if (/%2f|%5c|%2e/i.test(path)) return 400;
  // Dot segments (`/./`, `/../`). A URL parser removes them (RFC 3986 §5.2.4), so browsers,
  // fetch() and Cloudflare's default URL normalization never deliver them; a raw request-target
  // that still has them (workerd passes it as sent) names no page here.
  if (path.split("/").some((segment) => segment === "." || segment === "..")) return 400;
  // Empty segments name nothing; a leading `//` would also make a redirect's Location
  // protocol-relative (an open redirect), so it must never reach the trailing-slash rule.
  if (path.replace(/\/+$/, "").includes("//")) return 404;
  return undefined;
}

/** Characters of every URL the site makes (RFC 3986 unreserved, and `/`). */
const CANONICAL = /^[A-Za-z0-9\-._~/]*$/;

/**
 * The one URL for a path that passed `checkPath`: trailing slashes dropped and escaped
 * unreserved characters decoded (RFC 3986 §6.2.2.2 says they are equivalent). null when it
 * decodes to characters no URL here has, so it can only be a 404.
 */
export function canonicalPath(path: string): string | null {
  const decoded = path.includes("%") ? decodeURIComponent(path) : path;
  if (!CANONICAL.test(decoded)) return null;
  return decoded.length > 1 ? decoded.replace(/\/+$/, "") || "/" : decoded;
}

export function guard(renderError: ErrorRenderer): MiddlewareHandler {
  return async function guardRequest(c, next) {
    // The target first: a malformed or overlong one is a 400/414 whatever the method.
    const path = rawPath(c.req.url);
    const problem = checkPath(path);
    if (problem) return renderError(c, problem);
    const method = c.req.method;
    if (method !== "GET" && method !== "HEAD") {
      if (method === "OPTIONS") return options(c.req.raw);
      const res = renderError(c, 405);
      res.headers.set("allow", ALLOW);
      return res;
    }
    const canonical = canonicalPath(path);
    if (canonical === null) return renderError(c, 404);
    // One URL per page (RFC 9110 §15.4.2 permanent redirect): `/posts/x/` → `/posts/x`,
    // `/tag%73` → `/tags`.
    if (canonical !== path) return permanentRedirect(c.req.url, canonical);
    await next();
  };
}

/** OPTIONS: what methods there are, and a CORS preflight answer for the public data. */
function options(request: Request): Response {
  const headers: [string, string][] = [["allow", ALLOW], ["cache-control", CACHE_NONE], ...COMMON_HEADERS];
  const preflight = request.headers.get("origin") !== null && request.headers.get("access-control-request-method") !== null;
  if (preflight) {
    headers.push(
      ["access-control-allow-origin", "*"],
      ["access-control-allow-methods", ALLOW],
      ["access-control-max-age", "86400"],
    );
    const asked = request.headers.get("access-control-request-headers");
    // Any header may be sent to read public data; echo the (well-formed) list back.
    if (asked && TOKEN_LIST.test(asked.trim())) headers.push(["access-control-allow-headers", asked.trim()]);
    headers.push(["vary", "Access-Control-Request-Headers"]);
  }
  return new Response(null, { status: 204, headers });
}
