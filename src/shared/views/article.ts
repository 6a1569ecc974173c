import type { Messages } from "../i18n/index.ts";
import type { Post } from "../types.ts";
import { escapeHtml as e, messageHtml } from "./html.ts";
import { tagList, time } from "./parts.ts";

/**
 * The part of a post's page that no request changes, as HTML, made once by the build and kept
 * in the post's corpus file (src/shared/corpus.ts): after the status badge, the dates and
 * reading time, the tags, and the table of contents. The Worker joins it with what a request
 * decides (the badge, which a preview drops at the post's instant; the series' published parts)
 * and the post's own HTML, so a post's page costs string joins instead of a render.
 * `t` and `lang` are the post's language's (src/shared/views/language.ts).
 */
export function articleFragment(post: Post, t: Messages, lang: string): string {
  let html = time(post.date, post.dateText, lang);
  if (post.updated) html += `<span>${messageHtml(t, "updated", {}, { date: time(post.updated, post.updatedText, lang) })}</span>`;
  html += `<span>${e(t.text("readingTime", { n: post.readingTimeMinutes }))}</span></p>${tagList(post.tags, t.text("tags"))}</header>`;
  const sections = post.headings.filter((h) => h.depth === 2);
  if (sections.length >= 3) {
    html += `<nav class="toc" aria-labelledby="site:contents"><h2 id="site:contents">${e(t.text("contents"))}</h2><ol>`;
    for (const h of sections) html += `<li><a href="#${e(h.id)}">${e(h.text)}</a></li>`;
    html += "</ol></nav>";
  }
  return html;
}
