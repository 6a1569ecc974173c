import { raw } from "hono/utils/html";
import type { Messages } from "../../shared/i18n/index.ts";
import { postPath, searchPath } from "../../shared/paths.ts";
import type { SiteConfig } from "../../shared/types.ts";
import { escapeHtml as e } from "../../shared/views/html.ts";
import { pager, time } from "../../shared/views/parts.ts";
import type { SearchResults } from "../search/index.ts";
import { documentOf, type HeadProps } from "./Layout.tsx";

export interface SearchPageProps {
  site: SiteConfig;
  t: Messages;
  head: HeadProps;
  /** The query as typed (cleaned); empty on the search page itself. */
  query: string;
  results?: SearchResults;
  page: number;
  totalPages: number;
}

/**
 * The search page: the form (also in every page's header), then the hits with the matched
 * words marked, or a clear "no results". No script: the form submits to this page. Joined from
 * strings like the other pages (./pages.tsx), so no Worker carries a JSX runtime;
 * test/strings-vs-jsx.test.tsx holds it against the JSX view it replaced.
 */
export function SearchPage({ site, t, head, query, results, page, totalPages }: SearchPageProps) {
  const total = results?.total ?? 0;
  let html = `<h1>${e(query ? t.text("searchHeadingQuery", { query }) : t.text("searchHeading"))}</h1>`;
  html += `<form class="search" role="search" action="${e(searchPath())}" method="get" aria-label="${e(t.text("searchThisBlog"))}">`;
  html += `<input type="search" name="q" value="${e(query)}" aria-label="${e(t.text("searchTerms"))}" maxlength="200"/>`;
  html += `<button type="submit">${e(t.text("searchButton"))}</button></form>`;
  if (results === undefined) html += `<p class="lede">${e(t.text("searchHelp"))}</p>`;
  else if (total === 0) html += `<p class="lede">${e(t.text("searchNoResults", { query }))}</p>`;
  else {
    const count = t.text(results.exact ? "searchMatches" : "searchMatchesAtLeast", { n: total });
    const pages = totalPages > 1 ? ` · ${t.text("pageOf", { page, total: totalPages })}` : "";
    html += `<p class="meta">${e(count)}${e(pages)}</p><ol class="posts hits">`;
    for (const hit of results.hits) {
      html += `<li><article><h2><a href="${e(postPath(hit.slug))}">${hit.titleHtml}</a></h2>`;
      html += `<p class="meta">${time(hit.date, hit.dateText, site.language)}</p><p>${hit.snippetHtml}</p></article></li>`;
    }
    html += "</ol>";
    html += pager(
      page > 1 ? { href: searchPath("html", query, page - 1), label: t.text("previousResults"), rel: "prev" } : undefined,
      page < totalPages ? { href: searchPath("html", query, page + 1), label: t.text("moreResults"), rel: "next" } : undefined,
      t.text("resultPages"),
    );
  }
  return raw(documentOf({ site, t, ...head, query }, html));
}
