import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { preview } from "../../generated/build.ts";
import { policyHeaders } from "./policy.ts";
import { permanentRedirect } from "./redirect.ts";
import { needsHttps, rawPath } from "./url.ts";

/** Longer than any URL the site makes; RFC 9110 §15.5.15 gives 414 for these. */
export const MAX_PATH_LENGTH = 2048;

const TOKEN_LIST = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(?:\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*$/;

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

/** ASCII characters of every URL the site makes (RFC 3986 unreserved, and `/`). */
const CANONICAL = /^[A-Za-z0-9\-._~/]*$/;

/**
 * The one URL for a path that passed `checkPath`: trailing slashes dropped, escaped unreserved
 * characters decoded (RFC 3986 §6.2.2.2 says they are equivalent), and characters beyond ASCII
 * (a tag in another script) percent-encoded as UTF-8 in upper-case hex (§2.1, §6.2.2.1). null
 * when it decodes to an ASCII character no URL here has, so it can only be a 404.
 */
export function canonicalPath(path: string): string | null {
  const decoded = path.includes("%") ? decodeURIComponent(path) : path;
  const ascii = decoded.replace(/[\u0080-\u{10ffff}]/gu, "");
  if (!CANONICAL.test(ascii)) return null;
  const encoded = ascii.length === decoded.length ? decoded : decoded.replace(/[\u0080-\u{10ffff}]+/gu, encodeURIComponent);
  return encoded.length > 1 ? encoded.replace(/\/+$/, "") || "/" : encoded;
}

/**
 * The front door, before routing: a malformed or overlong target is a 400/414 whatever the
 * method; only GET, HEAD and OPTIONS are answered; plain HTTP moves to HTTPS. Every page's one
 * URL (`canonicalPath`) is the app's `moved` to decide (src/worker/app.ts), with its other moves.
 * Problems are thrown as HTTPException, so the app's one error handler answers them in the
 * representation the client asked for (the guard knows nothing of how errors look).
 */
export const guard: MiddlewareHandler = async function guardRequest(c, next) {
  const path = rawPath(c.req.url);
  const problem = checkPath(path);
  if (problem) throw new HTTPException(problem);
  const method = c.req.method;
  if (method !== "GET" && method !== "HEAD") {
    if (method === "OPTIONS") return options(c.req.raw);
    throw new HTTPException(405);
  }
  // A site that sends HSTS moves plain HTTP to HTTPS, the same URL.
  if (needsHttps(c.req.url, preview)) return permanentRedirect(c.req.url, `https:${c.req.url.slice(5)}`);
  await next();
};

/** OPTIONS: what methods there are, and a CORS preflight answer for the public data. */
function options(request: Request): Response {
  const preflight = request.headers.get("origin") !== null && request.headers.get("access-control-request-method") !== null;
  const headers = new Headers(policyHeaders(preflight ? "preflight" : "options") as [string, string][]);
  const asked = request.headers.get("access-control-request-headers");
  // Any header may be sent to read public data; echo the (well-formed) list back, where the
  // policy shares data with other origins at all (not in the preview).
  const shared = headers.has("access-control-allow-origin");
  if (preflight && shared && asked && TOKEN_LIST.test(asked.trim())) headers.set("access-control-allow-headers", asked.trim());
  return new Response(null, { status: 204, headers });
}
