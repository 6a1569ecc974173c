import { day, formatDate } from "../dates.ts";
import type { Messages } from "../i18n/index.ts";
import { postPath, tagPath } from "../paths.ts";
import type { PostMeta } from "../types.ts";
import { escapeHtml as e } from "./html.ts";

/**
 * The small parts pages share, as HTML strings: the build pre-renders them into the corpus
 * (src/shared/views/article.ts, src/shared/corpus.ts) and the Worker joins them per request
 * (src/worker/views/), so one function makes each part wherever it is made.
 */

/** A date as readers see it: the text the build formatted, or (a record made elsewhere) formatted here. */
export function time(iso: string, text: string | undefined, lang: string): string {
  return `<time datetime="${e(day(iso))}">${e(text ?? formatDate(iso, lang))}</time>`;
}

/** A post's tags as links; nothing when it has none. */
export function tagList(tags: readonly string[], label: string): string {
  if (tags.length === 0) return "";
  let html = `<ul class="tags" aria-label="${e(label)}">`;
  for (const t of tags) html += `<li><a href="${e(tagPath(t))}">#${e(t)}</a></li>`;
  return `${html}</ul>`;
}

/**
 * "Draft" or "Scheduled": only a preview (`npm start`) has such posts, and marks them so an
 * author never mistakes one for a published post. Decided per request (a scheduled post's
 * badge goes at its instant), so never part of what the build pre-renders.
 */
export function badge(post: PostMeta, t: Messages): string {
  if (post.draft) return `<strong class="badge">${e(t.text("draft"))}</strong>`;
  if (post.scheduled) return `<strong class="badge">${e(t.text("scheduled"))}</strong>`;
  return "";
}

/**
 * One entry of a post list, what a reader needs to decide to open it, in two pieces around
 * the badge: `[before, after]`. The build keeps both with each listed post (src/shared/corpus.ts).
 */
export function summaryPieces(post: PostMeta, t: Messages, lang: string): [string, string] {
  return [
    `<li><article><h2><a href="${e(postPath(post.slug))}">${e(post.title)}</a></h2><p class="meta">`,
    `${time(post.date, post.dateText, lang)}<span>${e(t.text("readingTime", { n: post.readingTimeMinutes }))}</span></p><p>${e(post.description)}</p>${tagList(post.tags, t.text("tagsOf", { title: post.title }))}</article></li>`,
  ];
}

/** A listed post as the build may have pre-rendered it: the pieces of its entry beside its fields. */
export type ListedPost = PostMeta & { summary?: [string, string] };

/** One entry of a post list: the build's pieces when it made them, else made here. */
export function postSummary(post: ListedPost, t: Messages, lang: string): string {
  const [before, after] = post.summary ?? summaryPieces(post, t, lang);
  return before + badge(post, t) + after;
}

export function postList(posts: readonly ListedPost[], t: Messages, lang: string): string {
  let html = '<ul class="posts">';
  for (const p of posts) html += postSummary(p, t, lang);
  return `${html}</ul>`;
}

export interface PagerLink {
  href: string;
  label: string;
  rel?: "prev" | "next";
}

const pagerLink = (l: PagerLink | undefined) =>
  l ? `<a href="${e(l.href)}"${l.rel ? ` rel="${l.rel}"` : ""}>${e(l.label)}</a>` : "";

/** Links to the newer and older neighbours; nothing when there are neither. */
export function pager(newer: PagerLink | undefined, older: PagerLink | undefined, label: string): string {
  if (!newer && !older) return "";
  return `<nav aria-label="${e(label)}"><ul class="pager"><li>${pagerLink(newer)}</li><li>${pagerLink(older)}</li></ul></nav>`;
}
