import { day } from "../../shared/dates.ts";
import { messagesOf } from "../../shared/i18n/index.ts";
import { absolute, indexPath, postPath, seriesPath, tagPath } from "../../shared/paths.ts";
import type { Post, PostMeta, SiteConfig } from "../../shared/types.ts";
import { type ArchiveYear, monthHeading } from "../archive.ts";
import type { PostContext } from "../post-context.ts";
import { escapeMarkdown } from "./markdown-text.ts";

/**
 * The Markdown representations of list pages. A post's Markdown is its source file, verbatim;
 * lists link each post's `.md` URL so a reader (or a language model) can follow them as text.
 * Their words are the site's language (messagesOf), as on the HTML pages.
 */

/** Plain text, escaped: titles and descriptions cannot add Markdown (see markdown-text.ts). */
const md = escapeMarkdown;

function postLines(site: SiteConfig, posts: readonly PostMeta[]): string[] {
  const t = messagesOf(site);
  return posts.flatMap((p) => [
    `- [${md(p.title)}](${absolute(site, postPath(p.slug, "markdown"))}) (${day(p.date)}, ${t.text("readingTime", { n: p.readingTimeMinutes })})`,
    `  ${md(p.description)}`,
  ]);
}

/** "Page 2 of 3.", the posts, and the links to the newer and older pages. */
function pagedLines(
  site: SiteConfig,
  posts: readonly PostMeta[],
  page: number,
  totalPages: number,
  at: (n: number) => string,
): string[] {
  const t = messagesOf(site);
  const lines: string[] = [];
  if (totalPages > 1) lines.push(t.text("pageOfTotal", { page, total: totalPages }), "");
  lines.push(...postLines(site, posts), "");
  if (page > 1) lines.push(t.text("newerPostsAt", { url: absolute(site, at(page - 1)) }));
  if (page < totalPages) lines.push(t.text("olderPostsAt", { url: absolute(site, at(page + 1)) }));
  return lines;
}

export function indexMarkdown(site: SiteConfig, posts: readonly PostMeta[], page: number, totalPages: number): string {
  const lines = [`# ${md(site.title)}`, "", md(site.description), ""];
  lines.push(...pagedLines(site, posts, page, totalPages, (n) => indexPath(n, "markdown")));
  return `${lines.join("\n").trimEnd()}\n`;
}

export function tagsMarkdown(site: SiteConfig, tags: { tag: string; count: number }[]): string {
  const t = messagesOf(site);
  const lines = [
    `# ${t.text("tags")} · ${md(site.title)}`,
    "",
    ...tags.map(({ tag, count }) => `- [#${tag}](${absolute(site, tagPath(tag, "markdown"))}) (${t.number(count)})`),
  ];
  return `${lines.join("\n")}\n`;
}

export function tagMarkdown(site: SiteConfig, tag: string, posts: readonly PostMeta[], page: number, totalPages: number): string {
  const lines = [`# ${messagesOf(site).text("postsTagged", { tag: md(tag) })} · ${md(site.title)}`, ""];
  lines.push(...pagedLines(site, posts, page, totalPages, (n) => tagPath(tag, "markdown", n)));
  return `${lines.join("\n").trimEnd()}\n`;
}

export function archiveMarkdown(site: SiteConfig, years: readonly ArchiveYear[]): string {
  const lines = [`# ${messagesOf(site).text("archive")} · ${md(site.title)}`];
  for (const { year, months } of years) {
    lines.push("", `## ${year}`);
    for (const { month, posts } of months)
      lines.push("", `### ${monthHeading(year, month, site)}`, "", ...postLines(site, posts));
  }
  return `${lines.join("\n")}\n`;
}

/**
 * A post's Markdown: its source file as written, then, when it has them, its series and its
 * related posts as a trailing section, so a reader of the text can follow them too.
 */
export function postMarkdown(
  site: SiteConfig,
  post: Post,
  around: PostContext,
  languages: { language?: string; translations?: { language: string; url: string }[] } = {},
): string {
  const t = messagesOf(site);
  const source = languages.language
    ? withLanguages(post.markdown, languages.language, languages.translations ?? [])
    : post.markdown;
  const extra: string[] = [];
  if (around.series) {
    const { series, posts } = around.series;
    const part = posts.findIndex((p) => p.slug === post.slug) + 1;
    const link = `[${md(series.name)}](${absolute(site, seriesPath(series.slug, "markdown"))})`;
    extra.push(t.parts("seriesPart", { part, total: posts.length, series: link }).join(""), "");
  }
  if (around.related.length > 0) {
    extra.push(
      // A heading rather than "Related posts:", whose colon each language spaces its own way.
      `## ${t.text("relatedPosts")}`,
      "",
      ...around.related.map((p) => `- [${md(p.title)}](${absolute(site, postPath(p.slug, "markdown"))})`),
      "",
    );
  }
  if (extra.length === 0) return source;
  return `${source.trimEnd()}\n\n---\n\n${extra.join("\n").trimEnd()}\n`;
}

/**
 * A post's source with its language and translations added at the end of its front matter (a
 * blog in several languages), as YAML a reader of the text can follow: JSON strings are YAML.
 */
export function withLanguages(markdown: string, language: string, translations: readonly { language: string; url: string }[]) {
  const close = /\r?\n---[ \t]*(?:\r?\n|$)/.exec(markdown.slice(3));
  if (!markdown.startsWith("---") || !close) return markdown;
  const end = 3 + close.index;
  const lines = [`language: ${JSON.stringify(language)}`];
  if (translations.length > 0) {
    lines.push("translations:");
    for (const t of translations) lines.push(`  - language: ${JSON.stringify(t.language)}`, `    url: ${JSON.stringify(t.url)}`);
  }
  return `${markdown.slice(0, end)}\n${lines.join("\n")}${markdown.slice(end)}`;
}

export function seriesMarkdown(site: SiteConfig, name: string, posts: readonly PostMeta[]): string {
  const intro = messagesOf(site).text("seriesOf", { n: posts.length });
  return `# ${md(name)} · ${md(site.title)}\n\n${intro}\n\n${postLines(site, posts).join("\n")}\n`;
}
