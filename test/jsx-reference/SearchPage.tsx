/**
 * FROZEN REFERENCE, for tests only: the JSX view the Worker rendered before its pages were joined
 * from strings (src/worker/views/, src/shared/views/). test/strings-vs-jsx.test.tsx holds every
 * page against it byte for byte. Change the markup here and there together, never one alone.
 */
import { postPath, searchPath } from "../../src/shared/paths.ts";
import type { SearchPageProps } from "../../src/worker/views/SearchPage.ts";
import { Layout } from "./Layout.tsx";
import { FormattedDate, Pager } from "./parts.tsx";

/**
 * The search page: the form (also in every page's header), then the hits with the matched
 * words marked, or a clear "no results". No script: the form submits to this page.
 */
export function SearchPage({ site, t, head, query, results, page, totalPages }: SearchPageProps) {
  const total = results?.total ?? 0;
  return (
    <Layout site={site} t={t} {...head} query={query}>
      <h1>{query ? t.text("searchHeadingQuery", { query }) : t.text("searchHeading")}</h1>
      {/* biome-ignore lint/a11y/useSemanticElements: role="search" on the form is understood by every browser and screen reader; <search> is not yet */}
      <form class="search" role="search" action={searchPath()} method="get" aria-label={t.text("searchThisBlog")}>
        <input type="search" name="q" value={query} aria-label={t.text("searchTerms")} maxlength={200} />
        <button type="submit">{t.text("searchButton")}</button>
      </form>
      {results === undefined ? (
        <p class="lede">{t.text("searchHelp")}</p>
      ) : total === 0 ? (
        <p class="lede">{t.text("searchNoResults", { query })}</p>
      ) : (
        <>
          <p class="meta">
            {t.text(results.exact ? "searchMatches" : "searchMatchesAtLeast", { n: total })}
            {totalPages > 1 ? ` · ${t.text("pageOf", { page, total: totalPages })}` : ""}
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
            label={t.text("resultPages")}
            newer={
              page > 1 ? { href: searchPath("html", query, page - 1), label: t.text("previousResults"), rel: "prev" } : undefined
            }
            older={
              page < totalPages
                ? { href: searchPath("html", query, page + 1), label: t.text("moreResults"), rel: "next" }
                : undefined
            }
          />
        </>
      )}
    </Layout>
  );
}
