import { formatDate } from "../../shared/dates.ts";
import { messagesOf } from "../../shared/i18n/index.ts";
import { absolute, postPath, searchPath } from "../../shared/paths.ts";
import type { SiteConfig } from "../../shared/types.ts";
import { type SearchResults, snippetMarkdown } from "../search/index.ts";
import { escapeMarkdown } from "./markdown-text.ts";

/** The search results as JSON and Markdown: the same hits as the page, the query reflected as data. */

export interface SearchView {
  query: string;
  results?: SearchResults;
  page: number;
  totalPages: number;
}

export function searchJson(site: SiteConfig, { query, results, page, totalPages }: SearchView) {
  const at = (f: "html" | "json" | "markdown", n = page) => absolute(site, searchPath(f, query || undefined, n));
  return {
    query,
    total: results?.total ?? 0,
    exact: results?.exact ?? true,
    results: (results?.hits ?? []).map((hit) => ({
      slug: hit.slug,
      url: absolute(site, postPath(hit.slug)),
      title: hit.title,
      date: hit.date,
      snippet: hit.snippet.text,
      /** Where the query's words are in `snippet`: [start, end) UTF-16 offsets. */
      marks: hit.snippet.marks,
      snippetHtml: hit.snippetHtml,
    })),
    pagination: {
      page,
      totalPages,
      prev: page > 1 ? at("json", page - 1) : null,
      next: page < totalPages ? at("json", page + 1) : null,
    },
    links: { html: at("html"), json: at("json"), markdown: at("markdown") },
  };
}

export function searchMarkdown(site: SiteConfig, { query, results, page, totalPages }: SearchView): string {
  const t = messagesOf(site);
  const lines = [`# ${query ? t.text("searchHeadingQuery", { query: escapeMarkdown(query) }) : t.text("searchHeading")}`, ""];
  if (results === undefined)
    lines.push(
      t.text("searchSiteAt", {
        site: escapeMarkdown(site.title),
        url: absolute(site, searchPath("markdown", t.text("searchExampleQuery"))),
      }),
    );
  else if (results.total === 0) lines.push(t.text("searchNoResults", { query: escapeMarkdown(query) }));
  else {
    const n = results.total;
    lines.push(t.text(results.exact ? "searchMatches" : "searchMatchesAtLeast", { n }), "");
    for (const hit of results.hits) {
      lines.push(
        `- [${escapeMarkdown(hit.title)}](${absolute(site, postPath(hit.slug, "markdown"))}) (${hit.dateText ?? formatDate(hit.date, site.language)})`,
        `  ${snippetMarkdown(hit.snippet)}`,
      );
    }
    if (totalPages > 1) lines.push("");
    if (page > 1) lines.push(t.text("previousResultsAt", { url: absolute(site, searchPath("markdown", query, page - 1)) }));
    if (page < totalPages) lines.push(t.text("moreResultsAt", { url: absolute(site, searchPath("markdown", query, page + 1)) }));
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
