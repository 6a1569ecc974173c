import { describe, expect, it } from "vitest";
import { monthYearPatterns } from "../src/shared/dates.ts";
import { type Messages, messagesFor } from "../src/shared/i18n/index.ts";
import { STYLES } from "../src/shared/styles.ts";
import type { Post, PostMeta, Series, SiteConfig } from "../src/shared/types.ts";
import { archive } from "../src/worker/archive.ts";
import { site as fixtureSite } from "../src/worker/blog.ts";
import type { SearchResults } from "../src/worker/search/index.ts";
import { BuildProblemsPage } from "../src/worker/views/BuildProblemsPage.ts";
import {
  ArchivePage,
  IndexPage,
  MessagePage,
  PostPage,
  renderDocument,
  SeriesPage,
  TagPage,
  TagsPage,
} from "../src/worker/views/pages.tsx";
import { SearchPage } from "../src/worker/views/SearchPage.ts";
import { englishFound } from "./english-words.ts";

/**
 * Every page kind, rendered for a blog in `language`: the views are pure, so the interface's
 * words can be checked without building a blog per language.
 */
function everyPage(language: string): string[] {
  const site: SiteConfig = { ...fixtureSite, title: "Diário", description: "Notas", language, monthYears: undefined };
  const t: Messages = messagesFor(language);
  const meta = (i: number, extra: Partial<PostMeta> = {}): PostMeta => ({
    slug: `texto-${i}`,
    title: `Texto ${i}`,
    description: `Sobre ${i}`,
    date: `2025-0${i}-01T00:00:00Z`,
    tags: ["café"],
    draft: false,
    wordCount: 900,
    readingTimeMinutes: 5,
    related: [],
    ...extra,
  });
  const posts = [meta(1, { draft: true }), meta(2, { scheduled: true }), meta(3)];
  const sections = ["um", "dois", "três"].map((id) => ({ depth: 2, id, text: id }));
  const post: Post = {
    ...meta(4, { updated: "2025-05-02T00:00:00Z" }),
    html: "<p>Corpo.</p>",
    markdown: "",
    bodyStart: 0,
    headings: sections,
  };
  const series: Series = { slug: "serie", name: "Série", posts: ["texto-3", "texto-4"] };
  const head = { title: "T", description: "D", canonical: "https://x/", alternates: [], ogType: "website" as const };
  const p = { site, t, head };
  // Only what the page shows of the results; the rest is the search's own business.
  const results = (total: number, exact: boolean, hits: object[]) => ({ total, exact, hits }) as unknown as SearchResults;
  const hit = { slug: "texto-3", titleHtml: "Texto", snippetHtml: "…", date: posts[2]?.date ?? "", dateText: "1º de março" };
  return [
    <IndexPage {...p} posts={posts} page={2} totalPages={3} />,
    <IndexPage {...p} posts={[]} page={1} totalPages={1} />,
    <PostPage
      {...p}
      post={post}
      around={{
        newer: posts[0],
        older: posts[2],
        related: [posts[2] as PostMeta],
        series: { series, posts: [posts[2] as PostMeta, post] },
      }}
    />,
    <TagsPage {...p} tags={[{ tag: "café", count: 3 }]} />,
    <TagsPage {...p} tags={[]} />,
    <TagPage {...p} tag="café" posts={posts} count={1} page={2} totalPages={2} />,
    <ArchivePage {...p} years={archive(posts)} />,
    <ArchivePage {...p} years={[]} />,
    <SeriesPage {...p} name="Série" posts={posts} />,
    <MessagePage {...p} heading={t.text("error404")} message={t.text("detail404")} recent={posts} />,
    <SearchPage {...p} query="" page={1} totalPages={1} />,
    <SearchPage {...p} query="nada" results={results(0, true, [])} page={1} totalPages={1} />,
    <SearchPage {...p} query="texto" results={results(25, false, [hit])} page={2} totalPages={3} />,
    <BuildProblemsPage site={site} t={t} problems={[{ file: "a.md", field: "title", message: "x" }]} />,
  ].map((node) => renderDocument(node));
}

/** What a reader sees or hears of a page: its text, and its attributes' values (aria-label, title…). */
function text(html: string): string {
  return html
    .replace(/<(style|script)\b[^>]*>[\s\S]*?<\/\1>/g, " ")
    .replace(
      /<[^>]*>/g,
      (tag) => ` ${[...tag.matchAll(/ (?:aria-label|title|alt|content|placeholder)="([^"]*)"/g)].map((m) => m[1]).join(" ")} `,
    );
}

describe("a blog in another language", () => {
  // The loanwords Portuguese shares with English ("Site", "Feed", "JSON Feed").
  const shared = new Set(["Site", "Feed", "JSON Feed"]);

  it("shows no English word of the interface on any page of a pt-BR blog", () => {
    const pages = everyPage("pt-BR").map(text);
    expect(englishFound(pages, shared)).toEqual([]);
    // The check can fail: the same pages in English contain those words.
    const english = everyPage("en").map(text).join("");
    for (const w of ["Skip to content", "Related posts", "min read", "Part ", "Older posts", "No posts yet"]) {
      expect(english).toContain(w);
    }
  });

  it("heads each archive month as the language writes a month of a year, with or without the build's patterns", () => {
    const posts = [{ slug: "a", title: "A", date: "2025-12-01T00:00:00Z", tags: [], draft: false } as unknown as PostMeta];
    const headings = (language: string, monthYears?: string[]) => {
      const site: SiteConfig = { ...fixtureSite, language, monthYears };
      const html = renderDocument(
        <ArchivePage
          site={site}
          t={messagesFor(language)}
          head={{ title: "T", description: "D", canonical: "https://x/", alternates: [], ogType: "website" }}
          years={archive(posts)}
        />,
      );
      return [...html.matchAll(/<h3>([^<]*)<\/h3>/g)].map((m) => m[1]);
    };
    const expected = {
      en: "December 2025",
      "pt-BR": "dezembro de 2025",
      es: "diciembre de 2025",
      ja: "2025年12月",
      "zh-CN": "2025年12月",
    };
    for (const [language, heading] of Object.entries(expected)) {
      expect([language, headings(language)]).toEqual([language, [heading]]);
      expect([language, headings(language, monthYearPatterns(language))]).toEqual([language, [heading]]);
    }
    // A calendar whose years are not the Gregorian year's digits is formatted, not patterned.
    expect(monthYearPatterns("th")).toBeUndefined();
    expect(monthYearPatterns("pt-BR")?.[11]).toBe("dezembro de {year}");
  });

  it("marks a right-to-left language on <html>, and leaves a left-to-right one alone", () => {
    expect(everyPage("ar")[0]).toMatch(/^<!DOCTYPE html><html lang="ar" dir="rtl">/);
    expect(everyPage("he")[0]).toMatch(/^<!DOCTYPE html><html lang="he" dir="rtl">/);
    expect(everyPage("ja")[0]).toMatch(/^<!DOCTYPE html><html lang="ja">/);
  });

  it("points the neighbouring posts' arrows where their links sit, in either direction", () => {
    const [ltr, rtl] = [everyPage("en")[2] ?? "", everyPage("ar")[2] ?? ""];
    expect(ltr).toContain(">← Texto 1</a>");
    expect(ltr).toContain(">Texto 3 →</a>");
    expect(rtl).toContain(">→ Texto 1</a>");
    expect(rtl).toContain(">Texto 3 ←</a>");
  });

  it("writes the Japanese interface in Japanese word order", () => {
    const post = everyPage("ja")[2] ?? "";
    expect(post).toContain("<span>5分で読めます</span>");
    expect(post).toContain('<a href="/series/serie">Série</a>（全2回の第2回）');
    expect(post).toContain('<h2 id="site:related">関連記事</h2>');
  });
});

describe("the stylesheet in either direction", () => {
  it("places by logical sides, so a right-to-left page mirrors", () => {
    // MathML's own alignment classes are the only physical sides: formulas are laid out left to right.
    const physical = STYLES.replace(/mtd\.tml-(left|right)\{[^}]*\}/g, "").match(/[\w-]*(left|right)[\w-]*:/g);
    expect(physical).toBeNull();
    expect(STYLES).toContain("blockquote{border-inline-start:4px solid var(--rule)");
  });

  it("keeps code blocks left to right, and inline code isolated from the text around it", () => {
    expect(STYLES).toMatch(/(^|\})pre\{[^}]*direction:ltr[^}]*\}/);
    expect(STYLES).toMatch(/(^|\})code\{[^}]*unicode-bidi:isolate[^}]*\}/);
  });
});
