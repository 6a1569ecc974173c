import { describe, expect, it } from "vitest";
import { catalogueFor } from "../src/build/content/module.ts";
import { messagesOf } from "../src/shared/i18n/index.ts";
import type { Post, PostMeta, SiteConfig } from "../src/shared/types.ts";
import { archive } from "../src/worker/archive.ts";
import { site as fixtureSite } from "../src/worker/blog.ts";
import { atomFeed, jsonFeed, llmsFullTxt, llmsTxt, openSearchXml, tagFeeds } from "../src/worker/representations/feeds.ts";
import { indexJson, postJson, seriesJson, tagJson, tagsJson } from "../src/worker/representations/json.ts";
import {
  archiveMarkdown,
  indexMarkdown,
  postMarkdown,
  seriesMarkdown,
  tagMarkdown,
  tagsMarkdown,
} from "../src/worker/representations/markdown.ts";
import { searchJson, searchMarkdown } from "../src/worker/representations/search.ts";
import { errorMarkdown, notAcceptableText } from "../src/worker/routes/errors.tsx";
import type { SearchResults } from "../src/worker/search/index.ts";
import { englishFound } from "./english-words.ts";

/**
 * Every representation other than HTML (whose pages i18n.views.test.tsx reads), rendered for a
 * blog in `language`: Markdown, JSON, feeds, OpenSearch, llms.txt and the error answers. Their
 * functions take the language from the site record they render, so no blog is built per language.
 */
function everyRepresentation(language: string): string[] {
  const site: SiteConfig = catalogueFor({
    ...fixtureSite,
    title: "Diário",
    description: "Notas",
    author: "Ana",
    language,
    monthYears: undefined,
    strings: undefined,
  });
  const meta = (i: number): PostMeta => ({
    slug: `texto-${i}`,
    title: `Texto ${i}`,
    description: `Sobre ${i}`,
    date: `2025-0${i}-01T00:00:00Z`,
    tags: ["café"],
    draft: false,
    wordCount: 900,
    readingTimeMinutes: i,
    related: [],
  });
  const posts = [meta(1), meta(2), meta(3)];
  const body = (p: PostMeta): Post => ({
    ...p,
    html: `<p>${"Corpo. ".repeat(400)}</p>`,
    markdown: "# Texto\n\nCorpo.",
    bodyStart: 0,
    headings: [],
  });
  const post = body(meta(4));
  const around = { related: [meta(3)], series: { series: { slug: "serie", name: "Série", posts: [] }, posts: [meta(3), post] } };
  const results = (total: number, exact: boolean): SearchResults =>
    ({
      query: "texto",
      total,
      exact,
      hits:
        total === 0 ? [] : [{ slug: "texto-3", title: "Texto", date: posts[2]?.date, snippet: { text: "Corpo.", marks: [] } }],
    }) as unknown as SearchResults;
  const tiny = 600; // Feeds too small for a whole post: the first goes in as the "too long" note.
  const tagScope = tagFeeds(site, "café");
  // JSON's keys stay English: only its values are read.
  const values = (v: unknown): string[] =>
    typeof v === "string" ? [v] : v && typeof v === "object" ? Object.values(v).flatMap(values) : [];
  const json = (v: unknown) => values(v).join("\n");
  return [
    indexMarkdown(site, posts, 2, 3),
    tagsMarkdown(site, [{ tag: "café", count: 3 }]),
    tagMarkdown(site, "café", posts, 2, 3),
    archiveMarkdown(site, archive(posts)),
    postMarkdown(site, post, { ...around, newer: undefined, older: undefined } as never),
    seriesMarkdown(site, "Série", posts),
    searchMarkdown(site, { query: "", page: 1, totalPages: 1 }),
    searchMarkdown(site, { query: "nada", results: results(0, true), page: 1, totalPages: 1 }),
    searchMarkdown(site, { query: "texto", results: results(1, true), page: 2, totalPages: 3 }),
    searchMarkdown(site, { query: "texto", results: results(25, false), page: 1, totalPages: 3 }),
    json(searchJson(site, { query: "texto", results: results(1, true), page: 1, totalPages: 1 })),
    json(indexJson(site, posts, 1, 1)),
    json(postJson(site, post, { ...around, newer: undefined, older: undefined } as never)),
    json(tagsJson(site, [{ tag: "café", count: 3 }])),
    json(tagJson(site, "café", posts, 1, 1)),
    json(seriesJson(site, "Série", "serie", posts)),
    atomFeed(site, posts.map(body), undefined, tiny, tagScope),
    json(JSON.parse(jsonFeed(site, posts.map(body), undefined, tiny, tagScope))),
    atomFeed(site, posts.map(body)),
    openSearchXml(site),
    llmsTxt(site, posts, [{ slug: "sobre", title: "Sobre", description: "Quem escreve" }] as never),
    llmsFullTxt(site, posts, (slug) => body(posts.find((p) => p.slug === slug) as PostMeta), 300),
    errorMarkdown(site, messagesOf(site), 404),
    errorMarkdown(site, messagesOf(site), 503),
    errorMarkdown(site, messagesOf(site), 412),
    notAcceptableText(messagesOf(site)),
  ];
}

/** What a reader reads of a representation: XML and HTML markup (escaped or not) and URLs left out. */
const text = (doc: string) => doc.replace(/&lt;[^&]*&gt;|<[^>]*>|https?:\/\/[^\s)<"]+/g, " ");

describe("every representation in the blog's language", () => {
  // Loanwords Portuguese shares with English, as on the pages, and the protocol's own names; "use"
  // is Portuguese too ("Use o cabeçalho Accept"), and English's only in "Back to reference 1, use 2".
  const shared = new Set(["Site", "Feed", "JSON Feed", "Accept", "text/markdown", "use"]);

  it("leaves no English word of the interface in a pt-BR blog's Markdown, JSON, feeds, OpenSearch, llms.txt or errors", () => {
    const docs = everyRepresentation("pt-BR").map(text);
    expect(englishFound(docs, shared)).toEqual([]);
    // The check can fail: the same representations in English contain those words.
    const english = everyRepresentation("en").map(text).join("\n");
    for (const w of [
      "min read",
      "Page 2 of 3.",
      "Older posts:",
      "Part 2 of 2 of",
      "## Related posts",
      "A series of 3 posts, in order.",
      "Read the whole post on the site",
      "Search Diário",
      "Written by Ana.",
      "All posts in one file",
      "Published: 2025-01-01",
      "older posts are listed",
      "Page not found",
      "This resource is available as:",
      "At least 25 posts match",
    ]) {
      expect(english).toContain(w);
    }
  });

  it("writes the Portuguese a reader would", () => {
    const [index, , tag, , postMd, series, , none, found] = everyRepresentation("pt-BR");
    expect(index).toContain(
      "Página 2 de 3.\n\n- [Texto 1](https://blog.fixture.test/posts/texto-1.md) (2025-01-01, 1 min de leitura)",
    );
    expect(index).toContain("Artigos anteriores: https://blog.fixture.test/page/3.md");
    expect(tag).toMatch(/^# Artigos com a etiqueta #café · Diário\n/);
    expect(postMd).toContain(
      "Parte 2 de 2 da série [Série](https://blog.fixture.test/series/serie.md)\n\n## Leia também\n\n- [Texto 3]",
    );
    expect(series).toContain("Uma série de 3 artigos, em ordem.");
    expect(none).toContain("Nenhum artigo corresponde a “nada”.");
    expect(found).toContain("# Busca: texto\n\n1 artigo encontrado\n");
  });

  it("phrases the feeds' note and llms.txt in the language's own order", () => {
    const docs = everyRepresentation("ja");
    const atom = docs[16] ?? "";
    expect(atom).toContain(
      "&lt;p&gt;この記事はフィードには長すぎます。&lt;a href=&quot;https://blog.fixture.test/posts/texto-1&quot;&gt;サイトで全文を読む&lt;/a&gt;&lt;/p&gt;",
    );
    expect(atom).toContain("<subtitle>Diárioのタグ「#café」の記事です。</subtitle>");
    expect(docs[19]).toContain("<Description>Diárioを検索</Description>");
    expect(docs[20]).toContain("## 記事\n");
    expect(docs[21]).toContain("公開日：2025-01-01\nタグ：café\n");
  });
});
