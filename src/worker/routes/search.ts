import type { Context, Hono } from "hono";
import { searchAssets, searchManifest, translatedSearch } from "../../generated/search.ts";
import { CONTENT_TYPES, FORMATS, type Format, MEDIA_TYPES } from "../../shared/formats.ts";
import { absolute, searchPath } from "../../shared/paths.ts";
import { assetLoaders } from "../../shared/search/assets.ts";
import type { Blog } from "../blog.ts";
import { corpusReader } from "../corpus/read.ts";
import { negotiateRequest } from "../http/negotiate.ts";
import { CACHE_SEARCH } from "../http/policy.ts";
import { prepare, respond } from "../http/representation.ts";
import { isQueryValueUtf8, rawQueryValues } from "../http/url.ts";
import { type SearchView, searchJson, searchMarkdown } from "../representations/search.ts";
import { DEFAULT_LIMIT, MAX_QUERY_LENGTH, normaliseQuery, searchQuery } from "../search/index.ts";
import { renderDocument } from "../views/pages.tsx";
import { SearchPage } from "../views/SearchPage.ts";
import { errorResponse, notAcceptable, unavailable } from "./errors.tsx";
import { siteHead } from "./head.ts";
import { translationsOf } from "./translations.ts";

/**
 * `/search?q=…` (and `/search.json?q=`, `/search.md?q=`): full-text search with no client
 * script. Unlike every other route the query string is part of what is asked, so answers are
 * built per request (a query reads only the index shards its words live in), never kept in the
 * isolate's cache, and cached by browsers and Workers Cache only briefly, per URL.
 */

/** A language's index: its manifest, and its shards and documents read through the isolate's bounded cache. */
function indexOf(b: Blog) {
  const own = b.prefix === "" ? { manifest: searchManifest, assets: searchAssets } : translatedSearch[b.prefix];
  if (!own) throw new Error(`no search index for ${b.language}`);
  return { manifest: own.manifest, loaders: assetLoaders((path) => corpusReader.require(path), own.assets) };
}

/** Result pages are numbered from 1; a search beyond this is not a reader's. */
const MAX_PAGE = 1000;

const linkHeader = (b: Blog, q: string, page: number) =>
  b.within(() =>
    FORMATS.map((f) => `<${searchPath(f, q || undefined, page)}>; rel="alternate"; type="${MEDIA_TYPES[f]}"`).join(", "),
  );

async function serveSearch(
  b: Blog,
  index: ReturnType<typeof indexOf>,
  c: Context,
  explicit: Format | undefined,
): Promise<Response> {
  const { site, messages } = b;
  // Escapes that spell no text are refused: decoded as URLSearchParams does, `%FF` would be
  // searched for as U+FFFD.
  for (const name of ["q", "page"]) {
    if (!rawQueryValues(c.req.url, name).every(isQueryValueUtf8)) {
      return errorResponse(c, 400, messages.text("searchParamEncoding", { name }));
    }
  }
  const rawPage = c.req.query("page");
  const page = rawPage === undefined ? 1 : Number(rawPage);
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE || !/^[0-9]+$/.test(rawPage ?? "1")) {
    return errorResponse(c, 400, messages.text("searchPageInvalid", { max: String(MAX_PAGE) }));
  }
  // The query is checked before negotiating: a 406 names this resource's URLs in its Link
  // header, and a header must not grow with whatever a client puts in `q`.
  const normalised = normaliseQuery(c.req.query("q") ?? "");
  if (!normalised.ok && normalised.reason === "too-long") {
    // Numbers as the client sent them, ungrouped: the detail is read by programs too.
    const vars = { length: String(normalised.length), max: String(MAX_QUERY_LENGTH) };
    return errorResponse(c, 400, messages.text("searchQueryTooLong", vars));
  }
  const query = normalised.ok ? normalised.query : "";
  // A 406 is known before searching, except where a 404 may outrank it: page 1 is never past the
  // last, so only a later page is searched first.
  const negotiate = () => explicit ?? negotiateRequest(c.req.raw);
  let format = page === 1 ? negotiate() : undefined;
  if (format === null) return notAcceptable(c, linkHeader(b, query, page));
  let view: SearchView = { query, page, totalPages: 1 };
  if (normalised.ok) {
    const { hidden } = b.published();
    let outcome: Awaited<ReturnType<typeof searchQuery>>;
    try {
      outcome = await searchQuery(index.manifest, query, index.loaders, {
        offset: (page - 1) * DEFAULT_LIMIT,
        limit: DEFAULT_LIMIT,
        // Documents are indexed in the posts' order: the first `hidden` are scheduled for later.
        hidden,
      });
    } catch (e) {
      console.error(e); // for `wrangler tail`; the reader gets a 503 to retry
      return unavailable(c, messages.text("searchUnavailable"));
    }
    if (outcome.ok) {
      const totalPages = Math.max(1, Math.ceil(outcome.results.total / DEFAULT_LIMIT));
      view = { query, results: outcome.results, page, totalPages };
    }
  }
  // A page past the last is missing, as the index's `/page/n` is (no results on page 1 is an
  // answer, not a miss). Like a missing page, it outranks a 406, so it is known before negotiating.
  if (page > view.totalPages) {
    const last = view.totalPages;
    const detail = messages.text("searchPagePastLast", { page: String(page), last: String(last) });
    const next = { label: messages.text("searchLastPage"), path: (f: Format) => searchPath(f, query || undefined, last) };
    return errorResponse(c, 404, detail, [], next);
  }
  format ??= negotiate();
  if (format === null) return notAcceptable(c, linkHeader(b, query, page));

  const body = b.within(() =>
    format === "json"
      ? `${JSON.stringify(searchJson(site, view), null, 2)}\n`
      : format === "markdown"
        ? searchMarkdown(site, view)
        : renderDocument(
            SearchPage({
              site,
              t: messages,
              query,
              results: view.results,
              page,
              totalPages: view.totalPages,
              head: {
                ...siteHead(b),
                // The same search in each language (a blog in several): the switcher keeps the query.
                languages: translationsOf(b, () => searchPath("html", query || undefined)),
                title: query ? messages.text("searchHeadingQuery", { query }) : messages.text("searchHeading"),
                description: messages.text("searchDescription", { site: site.title }),
                canonical: absolute(site, searchPath("html", query || undefined, page)),
                alternates: (["json", "markdown"] as const).map((f) => ({
                  type: MEDIA_TYPES[f],
                  href: searchPath(f, query || undefined, page),
                })),
                ogType: "website",
                // Result pages are for readers, not for search engines' indexes.
                noindex: true,
              },
            }),
          ),
  );
  const prepared = await prepare(
    {
      contentType: CONTENT_TYPES[format],
      body,
      cacheControl: CACHE_SEARCH,
      lastModified: undefined,
      cacheTags: ["search"],
      link: linkHeader(b, query, page),
      kind: format === "html" ? "page" : "data",
      language: b.language,
    },
    explicit ? undefined : format,
  );
  return respond(c.req.raw, prepared, `render;desc="built"`);
}

/** A language's search, on `search` (its prefix's): it searches only that language's posts. */
export function searchRoutes(search: Hono, b: Blog): void {
  const index = indexOf(b);
  search.get("/search", (c) => serveSearch(b, index, c, undefined));
  search.get("/search.json", (c) => serveSearch(b, index, c, "json"));
  search.get("/search.md", (c) => serveSearch(b, index, c, "markdown"));
}
