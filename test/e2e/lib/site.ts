// The server under test and the routes every check visits.
import { strict as assert } from "node:assert";

export const BASE = process.env.E2E_BASE_URL ?? "";
assert.ok(BASE, "E2E_BASE_URL is unset: run through `npm run test:e2e` (global setup starts the blog)");

export const url = (path: string): string => new URL(path, BASE).href;

/** GETs a path (as a browser would, unless `accept` says otherwise); returns status and text. */
export async function get(path: string, accept = "text/html"): Promise<{ status: number; type: string; text: string }> {
  const res = await fetch(url(path), { headers: { accept } });
  return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
}

/** The newest post's path, found the way a client would: from the index's JSON. */
export async function firstPostPath(): Promise<string> {
  const index = JSON.parse((await get("/index.json", "application/json")).text) as { posts: { slug: string }[] };
  const slug = index.posts[0]?.slug;
  assert.ok(slug, "the index lists no posts");
  return `/posts/${slug}`;
}

/** A tag every fixture post carries; its pages are part of issue "tag pages". */
export const TAG_PATH = "/tags/rust";
export const NOT_FOUND_PATH = "/no-such-page-e2e";

/** The fixture post with footnotes, math, a table and details (test/fixtures/reader-features.md). */
export const READER_PATH = "/posts/reader-features";
/**
 * The folder post with every writing tool: alerts, a decorative image, figures, titled, marked,
 * numbered and diffed code (test/fixtures/writing-tools.md, lib/blog.ts). A new tool gets a
 * section there, and a11y.test.ts, html.test.ts and writing-tools.test.ts check it.
 */
export const WRITING_PATH = "/posts/writing-tools";
/** The folder post linking files that would run script (lib/blog.ts). */
export const ATTACHMENTS_PATH = "/posts/attachments";
/** The folder post with two images beside it (lib/blog.ts). */
export const IMAGES_PATH = "/posts/a-walk";
