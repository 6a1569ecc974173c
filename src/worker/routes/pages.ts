import type { Context, Hono } from "hono";
import { CONTENT_TYPES, type Format, splitExtension } from "../../shared/formats.ts";
import { indexPath, tagPath } from "../../shared/paths.ts";
import { otherSpelling } from "../../shared/tags.ts";
import type { Blog } from "../blog.ts";
import { negotiateRequest } from "../http/negotiate.ts";
import { CACHE_PAGE } from "../http/policy.ts";
import { permanentRedirect } from "../http/redirect.ts";
import { serve } from "../http/representation.ts";
import { errorResponse, notAcceptable } from "./errors.tsx";
import {
  archiveResource,
  indexResource,
  linkHeader,
  type PageResource,
  pageResource,
  postResource,
  seriesResource,
  tagResource,
  tagsResource,
} from "./resources.ts";

/**
 * The page routes, each resource declared once by its HTML URL. Every page has that negotiated
 * URL (`/posts/x`, chosen by `Accept`, `Vary: Accept`) and one URL per representation
 * (`/posts/x.json`, `/posts/x.md`) that is never negotiated: `declare` makes all three.
 */

type Params = Record<string, string>;

/** What each route parameter may be; Hono's router does the matching, so a bad one is a 404. */
const PARAMETERS: Record<string, string> = {
  slug: "[a-z0-9]+(?:-[a-z0-9]+)*",
  page: "[a-z0-9]+(?:-[a-z0-9]+)*",
  // Any script (src/shared/tags.ts): a tag has no `.`, so `.json` and `.md` still split off.
  tag: "[^/.]+",
  n: "[1-9][0-9]{0,5}",
};
/** The explicit URLs' suffixes, on a resource's last parameter. */
const SUFFIX = "(?:\\.json|\\.md)?";

interface Declaration {
  /** The resource at these parameters, looked up cheaply; undefined when there is none. */
  find: (params: Params) => Promise<PageResource | undefined>;
  /** The one URL of a representation that has another spelling (page 1 is the list itself). */
  canonical?: (params: Params, format: Format) => string | undefined;
}

/**
 * Serves one page resource. `explicit` is the format fixed by the URL; otherwise `Accept`
 * chooses and the response varies on it. 404 outranks 406: a missing page is missing before
 * its formats can fail to suit.
 */
async function servePage(c: Context, explicit: Format | undefined, find: () => Promise<PageResource | undefined>) {
  const format = explicit ?? negotiateRequest(c.req.raw);
  if (format === null) {
    const resource = await find();
    return resource ? notAcceptable(c, linkHeader(resource.paths)) : errorResponse(c, 404);
  }
  const response = await serve(c.req.raw, explicit ? undefined : format, async () => {
    const resource = await find();
    if (!resource) return undefined;
    return {
      contentType: CONTENT_TYPES[format],
      body: resource.render[format](),
      cacheControl: CACHE_PAGE,
      lastModified: resource.lastModified,
      cacheTags: resource.cacheTags,
      link: linkHeader(resource.paths),
      kind: format === "html" ? "page" : "data",
      ...(format === "html" && resource.frameOrigins?.length ? { frameSrc: resource.frameOrigins } : {}),
      ...(format === "html" && resource.playsMedia ? { mediaSrc: true } : {}),
      language: resource.language,
    };
  });
  return response ?? errorResponse(c, 404);
}

/** Registers a resource's HTML URL and its `.json` and `.md` twins. */
function declare(app: Hono, pattern: string, { find, canonical }: Declaration): void {
  const names = [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
  const last = names.at(-1);
  if (last === undefined) {
    // A fixed URL: `/` has `/index.json`, `/tags` has `/tags.json`.
    const base = pattern === "/" ? "/index" : pattern;
    app.get(pattern, (c) => servePage(c, undefined, () => find({})));
    app.get(`${base}.json`, (c) => servePage(c, "json", () => find({})));
    app.get(`${base}.md`, (c) => servePage(c, "markdown", () => find({})));
    return;
  }
  const route = pattern.replace(/:(\w+)/g, (_, name: string) => `:${name}{${PARAMETERS[name]}${name === last ? SUFFIX : ""}}`);
  app.get(route, (c) => {
    const params: Params = c.req.param();
    const { name, format } = splitExtension(params[last] ?? "");
    params[last] = name;
    const moved = canonical?.(params, format);
    if (moved !== undefined) return permanentRedirect(c.req.url, moved);
    return servePage(c, format === "html" ? undefined : format, () => find(params));
  });
}

/** A language's page routes, on `pages` (its prefix's, src/worker/app.ts; the default's is the app). */
export function pageRoutes(pages: Hono, b: Blog): void {
  declare(pages, "/", { find: () => indexResource(b, 1) });
  declare(pages, "/page/:n", {
    find: ({ n }) => indexResource(b, Number(n)),
    canonical: ({ n }, format) => (n === "1" ? b.within(() => indexPath(1, format)) : undefined),
  });
  declare(pages, "/posts/:slug", { find: ({ slug }) => postResource(b, slug ?? "") });
  declare(pages, "/tags", { find: async () => tagsResource(b) });
  declare(pages, "/archive", { find: () => archiveResource(b) });
  declare(pages, "/series/:slug", { find: ({ slug }) => seriesResource(b, slug ?? "") });
  /**
   * Another spelling of a tag (`Café`, `cafe\u0301`, `CAF%C3%89`) moves to its one URL with a
   * 301, like every other page's second URL; a tag that is not one even canonically is a 404.
   */
  declare(pages, "/tags/:tag", {
    find: ({ tag }) => tagResource(b, tag ?? ""),
    canonical: ({ tag }, format) => {
      const moved = otherSpelling(tag ?? "");
      return moved === undefined ? undefined : b.within(() => tagPath(moved, format));
    },
  });
  declare(pages, "/tags/:tag/page/:n", {
    find: ({ tag, n }) => tagResource(b, tag ?? "", Number(n)),
    canonical: ({ tag = "", n }, format) => {
      const moved = otherSpelling(tag);
      if (n === "1") return b.within(() => tagPath(moved ?? tag, format));
      return moved === undefined ? undefined : b.within(() => tagPath(moved, format, Number(n)));
    },
  });
}

/**
 * Stand-alone pages (content/pages/<slug>.md) at `/<slug>`: declared apart, and mounted after
 * every other route, so `/:page` never shadows one (the build also refuses page slugs that
 * name a route, or a language's prefix).
 */
export function standaloneRoutes(standalone: Hono, b: Blog): void {
  declare(standalone, "/:page", { find: ({ page }) => pageResource(b, page ?? "") });
}
