import type { Messages } from "../../shared/i18n/index.ts";
import { escapeHtml as e, messageHtml } from "../../shared/views/html.ts";
import { time } from "../../shared/views/parts.ts";

/**
 * The replies under a post: approved replies from the fediverse and webmentions, oldest first
 * as a conversation reads, the likes and boosts as counts, and how to reply. Server-rendered,
 * no script. A reply's text is the HTML reply-html.ts rebuilt when it arrived; everything else
 * is escaped here. An avatar is served through the blog (`avatar`, a path on this origin), so
 * the page's CSP keeps `img-src 'self'` and a reader's browser never calls the reply's server.
 */

export interface ShownReply {
  /** The reply itself, on its server (or the mentioning page). */
  url: string;
  authorName: string;
  authorUrl: string;
  /** A path on this origin, or none. */
  avatar?: string;
  /** ISO 8601. */
  published: string;
  /** Rebuilt, balanced HTML (reply-html.ts). */
  contentHtml: string;
}

export interface RepliesProps {
  replies: readonly ShownReply[];
  likes: number;
  boosts: number;
  /** The blog's fediverse handle, `@blog@example.com`. */
  handle: string;
}

export function repliesSection(props: RepliesProps, t: Messages, lang: string): string {
  let html = `<section class="replies" aria-labelledby="site:replies"><h2 id="site:replies">${e(t.text("replies"))}</h2>`;
  const counts = [
    props.likes > 0 ? e(t.text("likeCount", { n: props.likes })) : "",
    props.boosts > 0 ? e(t.text("boostCount", { n: props.boosts })) : "",
  ].filter(Boolean);
  if (counts.length > 0) html += `<p class="reactions">${counts.join(" · ")}</p>`;
  if (props.replies.length > 0) {
    html += "<ol>";
    for (const r of props.replies) {
      const avatar = r.avatar ? `<img class="avatar" src="${e(r.avatar)}" alt="" width="40" height="40" loading="lazy">` : "";
      html +=
        `<li><article class="reply"><header>${avatar}<a href="${e(r.authorUrl)}" rel="nofollow ugc">${e(r.authorName)}</a> · ` +
        `<a href="${e(r.url)}" rel="nofollow ugc">${time(r.published, undefined, lang)}</a></header>${r.contentHtml}</article></li>`;
    }
    html += "</ol>";
  }
  html += `<p class="reply-how">${messageHtml(t, "replyHow", {}, { handle: `<strong>${e(props.handle)}</strong>` })}</p>`;
  return `${html}</section>`;
}
