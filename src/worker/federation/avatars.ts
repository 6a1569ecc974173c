/**
 * Reply authors' avatars, served through the blog at /avatars/<key>: pages keep `img-src 'self'`,
 * and a reader's browser never tells the reply's server who is reading. Only the avatar of an
 * approved reply is served (the key is looked up, never a URL taken from the request, so this is
 * no open proxy); it is fetched within the usual bounds (ssrf.ts, a timeout, 512 KB), must be a
 * raster image (never SVG, which can carry script), and is cacheable for a day.
 */
import type { FederationEnv } from "./env.ts";
import { fetchBounded } from "./remote-key.ts";
import { problem } from "./respond.ts";

const TYPES = new Set(["image/png", "image/jpeg", "image/webp", "image/gif", "image/avif"]);
const MAX_BYTES = 512 * 1024;

/** The key an avatar URL is served under: 32 hex digits of its SHA-256. */
export async function avatarKey(url: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(url)));
  return [...digest.subarray(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export const avatarPath = (key: string) => `/avatars/${key}`;

export async function serveAvatar(request: Request, env: FederationEnv, key: string): Promise<Response> {
  if (!/^[0-9a-f]{32}$/.test(key)) return problem(404, "no such avatar");
  const row = await (env.DB as D1Database)
    .prepare("SELECT avatar_url FROM interactions WHERE avatar_key = ? AND status = 'approved' AND avatar_url != '' LIMIT 1")
    .bind(key)
    .first<{ avatar_url: string }>();
  if (!row) return problem(404, "no such avatar");
  const fetched = await fetchBounded(row.avatar_url, {
    allowLoopback: env.FEDERATION_ALLOW_LOOPBACK === "true",
    accept: "image/avif, image/webp, image/png, image/jpeg, image/gif",
    maxBytes: MAX_BYTES,
  });
  const type =
    "refused" in fetched ? "" : ((fetched.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "");
  if ("refused" in fetched || !TYPES.has(type)) return problem(502, "the avatar could not be fetched as an image");
  return new Response(request.method === "HEAD" ? null : (fetched.bytes as Uint8Array<ArrayBuffer>), {
    headers: {
      "content-type": type,
      "cache-control": "public, max-age=86400",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cross-origin-resource-policy": "same-origin",
    },
  });
}
