import type { Context, Hono } from "hono";
import { scheduledCard } from "../blog.ts";
import { ContentUnavailable, fetchCorpusFile } from "../corpus/read.ts";
import { policyHeaders } from "../http/policy.ts";
import { errorResponse } from "./errors.tsx";

/**
 * Social cards of posts that were scheduled when the blog was built. Every other card is a
 * static asset, served before the Worker runs; these are kept in the corpus until their post is
 * published (src/build/cards/hidden.ts), so before that instant their URL is the blog's 404, like
 * any name that does not exist, and from it on the same bytes and headers as a static card
 * (the assets' `_headers` rule for /cards/*, src/build/media/publish.ts).
 */
export function cardRoutes(app: Hono): void {
  app.get("/cards/:name", scheduledCardFile);
}

async function scheduledCardFile(c: Context): Promise<Response> {
  const file = scheduledCard(c.req.path);
  if (file === undefined) return errorResponse(c, 404);
  const stored = await fetchCorpusFile(file);
  if (stored === undefined) throw new ContentUnavailable(`${file} is missing from the assets`);
  const headers = new Headers(policyHeaders("asset") as [string, string][]);
  headers.set("content-type", "image/png");
  headers.set("cache-control", "public, max-age=31536000, immutable");
  const etag = stored.headers.get("etag");
  if (etag) headers.set("etag", etag);
  return new Response(c.req.method === "HEAD" ? null : stored.body, { status: 200, headers });
}
