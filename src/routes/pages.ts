import { type Context, Hono } from "hono";
import { isSlug } from "../content/fields.ts";
import { CONTENT_TYPES, type Format, negotiateRequest } from "../http/negotiate.ts";
import { CACHE_PAGE } from "../http/policy.ts";
import { permanentRedirect } from "../http/redirect.ts";
import { serve } from "../http/representation.ts";
import { indexPath, tagPath } from "../paths.ts";
import { errorResponse, notAcceptable } from "./errors.tsx";
import { indexResource, linkHeader, type PageResource, postResource, tagResource, tagsResource } from "./resources.tsx";

/**
 * The page routes. Each page has a negotiated URL (`/posts/x`, chosen by `Accept`) and one
 * URL per representation (`/posts/x.json`, `/posts/x.md`) that is never negotiated.
 */

const EXTENSIONS: Record<string, Format> = { json: "json", md: "markdown" };

/** `my-post.json` → { name: "my-post", format: "json" }; undefined if it is not a valid name. */
function splitName(param: string): { name: string; format?: Format } | undefined {
  const dot = param.lastIndexOf(".");
  const name = dot < 0 ? param : param.slice(0, dot);
  const format = dot < 0 ? undefined : EXTENSIONS[param.slice(dot + 1)];
  if (!isSlug(name) || (dot >= 0 && !format)) return undefined;
  return { name, format };
}

/**
 * Serves one page resource. `explicit` is the format fixed by the URL; otherwise `Accept`
 * chooses and the response varies on it. The cache key is the path and format only, so
 * query strings never make new representations.
 */
async function servePage(c: Context, id: string, explicit: Format | undefined, find: () => PageResource | undefined) {
  const format = explicit ?? negotiateRequest(c.req.raw);
  if (format === null) {
    // 404 outranks 406: say the page is missing before saying its formats do not suit.
    const resource = find();
    return resource ? notAcceptable(linkHeader(resource.paths)) : errorResponse(c, 404);
  }
  const negotiated = explicit === undefined;
  const key = `${id}|${format}|${negotiated ? "n" : "x"}`;
  const response = await serve(c.req.raw, key, () => {
    const resource = find();
    if (!resource) return undefined;
    return {
      path: negotiated ? resource.paths.html : resource.paths[format],
      variant: negotiated ? format : undefined,
      contentType: CONTENT_TYPES[format],
      body: resource.render[format](),
      cacheControl: CACHE_PAGE,
      lastModified: resource.lastModified,
      cacheTags: resource.cacheTags,
      link: linkHeader(resource.paths),
      kind: format === "html" ? "page" : "data",
    };
  });
  return response ?? errorResponse(c, 404, explicit);
}

export const pages = new Hono();

pages.get("/", (c) => servePage(c, "index:1", undefined, () => indexResource(1)));
pages.get("/index.json", (c) => servePage(c, "index:1", "json", () => indexResource(1)));
pages.get("/index.md", (c) => servePage(c, "index:1", "markdown", () => indexResource(1)));

/** `/page/<n>` parts: `2`, `2.json`, `2.md`; undefined for anything else. */
function pageNumber(param: string): { n: number; format?: Format } | undefined {
  const parts = /^([1-9][0-9]{0,5})(?:\.(json|md))?$/.exec(param);
  if (!parts) return undefined;
  return { n: Number(parts[1]), format: parts[2] ? EXTENSIONS[parts[2]] : undefined };
}

pages.get("/page/:n", (c) => {
  const p = pageNumber(c.req.param("n"));
  if (!p) return errorResponse(c, 404);
  // Page 1 is the index itself: one URL per page (and per representation).
  if (p.n === 1) return permanentRedirect(c.req.url, indexPath(1, p.format ?? "html"));
  return servePage(c, `index:${p.n}`, p.format, () => indexResource(p.n));
});

pages.get("/posts/:name", (c) => {
  const parts = splitName(c.req.param("name"));
  if (!parts) return errorResponse(c, 404);
  return servePage(c, `post:${parts.name}`, parts.format, () => postResource(parts.name));
});

pages.get("/tags", (c) => servePage(c, "tags", undefined, tagsResource));
pages.get("/tags.json", (c) => servePage(c, "tags", "json", tagsResource));
pages.get("/tags.md", (c) => servePage(c, "tags", "markdown", tagsResource));

pages.get("/tags/:name", (c) => {
  const parts = splitName(c.req.param("name"));
  if (!parts) return errorResponse(c, 404);
  return servePage(c, `tag:${parts.name}:1`, parts.format, () => tagResource(parts.name));
});

pages.get("/tags/:tag/page/:n", (c) => {
  const tag = c.req.param("tag");
  const p = pageNumber(c.req.param("n"));
  if (!p || !isSlug(tag)) return errorResponse(c, 404);
  if (p.n === 1) return permanentRedirect(c.req.url, tagPath(tag, p.format ?? "html"));
  return servePage(c, `tag:${tag}:${p.n}`, p.format, () => tagResource(tag, p.n));
});
