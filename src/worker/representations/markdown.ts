import { day } from "../../shared/dates.ts";
import { absolute, indexPath, postPath, seriesPath, tagPath } from "../../shared/paths.ts";
import type { Post, PostMeta, SiteConfig } from "../../shared/types.ts";
import { type ArchiveYear, monthName } from "../archive.ts";
import type { PostContext } from "../post-context.ts";
import { escapeMarkdown } from "./markdown-text.ts";

/**
 * The Markdown representations of list pages. A post's Markdown is its source file, verbatim;
 * lists link each post's `.md` URL so a reader (or a language model) can follow them as text.
 */

/** Plain text, escaped: titles and descriptions cannot add Markdown (see markdown-text.ts). */
const md = escapeMarkdown;

function postLines(site: SiteConfig, posts: readonly PostMeta[]): string[] {
  return posts.flatMap((p) => [
    `- [${md(p.title)}](${absolute(site, postPath(p.slug, "markdown"))}) (${day(p.date)}, ${p.readingTimeMinutes} min read)`,
    `  ${md(p.description)}`,
  ]);
}

export function indexMarkdown(site: SiteConfig, posts: readonly PostMeta[], page: number, totalPages: number): string {
  const lines = [`# ${md(site.title)}`, "", md(site.description), ""];
  if (totalPages > 1) lines.push(`Page ${page} of ${totalPages}.`, "");
  lines.push(...postLines(site, posts), "");
  if (page > 1) lines.push(`Newer posts: ${absolute(site, indexPath(page - 1, "markdown"))}`);
  if (page < totalPages) lines.push(`Older posts: ${absolute(site, indexPath(page + 1, "markdown"))}`);
  return `${lines.join("\n").trimEnd()}\n`;
}

export function tagsMarkdown(site: SiteConfig, tags: { tag: string; count: number }[]): string {
  const lines = [
    `# Tags · ${md(site.title)}`,
    "",
    ...tags.map(({ tag, count }) => `- [#${tag}](${absolute(site, tagPath(tag, "markdown"))}) (${count})`),
  ];
  return `${lines.join("\n")}\n`;
}

export function tagMarkdown(site: SiteConfig, tag: string, posts: readonly PostMeta[], page: number, totalPages: number): string {
  const lines = [`# Posts tagged #${tag} · ${md(site.title)}`, ""];
  if (totalPages > 1) lines.push(`Page ${page} of ${totalPages}.`, "");
  lines.push(...postLines(site, posts), "");
  if (page > 1) lines.push(`Newer posts: ${absolute(site, tagPath(tag, "markdown", page - 1))}`);
  if (page < totalPages) lines.push(`Older posts: ${absolute(site, tagPath(tag, "markdown", page + 1))}`);
  return `${lines.join("\n").trimEnd()}\n`;
}

export function archiveMarkdown(site: SiteConfig, years: readonly ArchiveYear[]): string {
  const lines = [`# Archive · ${md(site.title)}`];
  for (const { year, months } of years) {
    lines.push("", `## ${year}`);
    for (const { month, posts } of months) lines.push("", `### ${monthName(month, site)} ${year}`, "", ...postLines(site, posts));
  }
  return `${lines.join("\n")}\n`;
}

/**
 * A post's Markdown: its source file as written, then, when it has them, its series and its
 * related posts as a trailing section, so a reader of the text can follow them too.
 */
export function postMarkdown(site: SiteConfig, post: Post, around: PostContext): string {
  const extra: string[] = [];
  if (around.series) {
    const { series, posts } = around.series;
    const part = posts.findIndex((p) => p.slug === post.slug) + 1;
    extra.push(
      `Part ${part} of ${posts.length} of [${md(series.name)}](${absolute(site, seriesPath(series.slug, "markdown"))}).`,
      "",
    );
  }
  if (around.related.length > 0) {
    extra.push(
      "Related posts:",
      "",
      ...around.related.map((p) => `- [${md(p.title)}](${absolute(site, postPath(p.slug, "markdown"))})`),
      "",
    );
  }
  if (extra.length === 0) return post.markdown;
  return `${post.markdown.trimEnd()}\n\n---\n\n${extra.join("\n").trimEnd()}\n`;
}

export function seriesMarkdown(site: SiteConfig, name: string, posts: readonly PostMeta[]): string {
  return `# ${md(name)} · ${md(site.title)}\n\nA series of ${posts.length} posts, in order.\n\n${postLines(site, posts).join("\n")}\n`;
}
