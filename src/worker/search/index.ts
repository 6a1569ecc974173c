/**
 * Full-text search over the posts, as a pure module: `buildSearchIndex` at build time, and
 * `searchQuery` (or normaliseQuery → parseQuery → search) per request, reading the index
 * through loaders so the same code serves an index bundled in the script or sharded into
 * static assets.
 *
 * Why not a library: MiniSearch (the best fit: BM25+, field boosts, prefix search, JSON
 * serialisation) loads its whole index before the first query and has neither phrase
 * queries nor snippets; Lunr and FlexSearch are the same shape. Sharding the dictionary so a
 * query reads only what it needs is the requirement they do not meet, and the rest (BM25
 * over four fields, prefix ranges in a sorted dictionary, snippets) is small enough to own.
 */

import type { SearchLoaders, SearchManifest } from "../../shared/search/types.ts";
import { normaliseQuery, parseQuery } from "./query.ts";
import type { SearchOptions, SearchResults } from "./search.ts";
import { search } from "./search.ts";

export { type BuildOptions, buildSearchIndex, FIELDS, idf, memoryLoaders, shardName } from "../../shared/search/build.ts";
export { fold, words } from "../../shared/search/text.ts";
export type {
  SearchDoc,
  SearchDocRecord,
  SearchIndex,
  SearchLoaders,
  SearchManifest,
  SearchShard,
} from "../../shared/search/types.ts";
export {
  MAX_QUERY_LENGTH,
  MAX_QUERY_TERMS,
  type NormalisedQuery,
  normaliseQuery,
  type ParsedQuery,
  parseQuery,
  type QueryTerm,
} from "./query.ts";
export {
  containsPhrases,
  DEFAULT_LIMIT,
  MAX_LIMIT,
  MAX_PHRASE_CHECKS,
  MAX_PHRASE_FILES,
  MAX_PREFIX_EXPANSIONS,
  type PhrasePattern,
  phrasePattern,
  type SearchHit,
  type SearchOptions,
  type SearchResults,
  search,
} from "./search.ts";
export {
  highlight,
  makeSnippet,
  SNIPPET_LENGTH,
  type Snippet,
  snippetHtml,
  snippetMarkdown,
  termPattern,
} from "./snippet.ts";

export type SearchOutcome = { ok: true; results: SearchResults } | { ok: false; reason: "empty" | "too-long"; message: string };

/** The whole request path: the raw `q` in, results or the reason the query was refused out. */
export async function searchQuery(
  manifest: SearchManifest,
  q: string,
  loaders: SearchLoaders,
  options: SearchOptions = {},
): Promise<SearchOutcome> {
  const normalised = normaliseQuery(q);
  if (!normalised.ok) return normalised;
  return { ok: true, results: await search(manifest, parseQuery(normalised.query, manifest.language), loaders, options) };
}
