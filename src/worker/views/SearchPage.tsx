import { postPath, searchPath } from "../../shared/paths.ts";
import type { SiteConfig } from "../../shared/types.ts";
import type { SearchResults } from "../search/index.ts";
import { type HeadProps, Layout } from "./Layout.tsx";
import { FormattedDate, Pager } from "./parts.tsx";

export interface SearchPageProps {
  site: SiteConfig;
  head: HeadProps;
  /** The query as typed (cleaned); empty on the search page itself. */
  query: string;
  results?: SearchResults;
  page: number;
  totalPages: number;
}

/**
 * The search page: the form (also in every page's header), then the hits with the matched
 * words marked, or a clear "no results". No script: the form submits to this page.
 */
export function SearchPage({ site, head, query, results, page, totalPages }: SearchPageProps) {
  const total = results?.total ?? 0;
  return (
    <Layout site={site} {...head} query={query}>
      <h1>{query ? `Search: ${query}` : "Search"}</h1>
      {/* biome-ignore lint/a11y/useSemanticElements: role="search" on the form is understood by every browser and screen reader; <search> is not yet */}
      <form class="search" role="search" action={searchPath()} method="get" aria-label="Search this blog">
        <input type="search" name="q" value={query} aria-label="Search terms" maxlength={200} />
        <button type="submit">Search</button>
      </form>
      {results === undefined ? (
        <p class="lede">Search every post by words in its title, tags, description and text. Put a phrase in quotes.</p>
      ) : total === 0 ? (
        <p class="lede">No posts match “{query}”. Try fewer or other words, or the start of a word.</p>
      ) : (
        <>
          <p class="meta">
            {results.exact ? "" : "At least "}
            {total} post{total === 1 ? "" : "s"} match{total === 1 ? "es" : ""}
            {totalPages > 1 ? ` · page ${page} of ${totalPages}` : ""}
          </p>
          <ol class="posts hits">
            {results.hits.map((hit) => (
              <li>
                <article>
                  <h2>
                    <a href={postPath(hit.slug)} dangerouslySetInnerHTML={{ __html: hit.titleHtml }} />
                  </h2>
                  <p class="meta">
                    <FormattedDate iso={hit.date} text={hit.dateText} lang={site.language} />
                  </p>
                  <p dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
                </article>
              </li>
            ))}
          </ol>
          <Pager
            label="Result pages"
            newer={page > 1 ? { href: searchPath("html", query, page - 1), label: "← Previous results", rel: "prev" } : undefined}
            older={
              page < totalPages ? { href: searchPath("html", query, page + 1), label: "More results →", rel: "next" } : undefined
            }
          />
        </>
      )}
    </Layout>
  );
}
