import type { Child } from "hono/jsx";
import { raw } from "hono/utils/html";
import { isRightToLeft, type Messages } from "../../shared/i18n/index.ts";
import { indexPath, postPath, seriesPath, tagPath, tagsPath } from "../../shared/paths.ts";
import type { Page, Post, SiteConfig } from "../../shared/types.ts";
import { articleFragment } from "../../shared/views/article.ts";
import { escapeHtml as e, messageHtml } from "../../shared/views/html.ts";
import { badge, type ListedPost, type PagerLink, pager, postList, postSummary, time } from "../../shared/views/parts.ts";
import { type ArchiveYear, monthHeading } from "../archive.ts";
import type { PostContext } from "../post-context.ts";
import { documentOf, type HeadProps } from "./Layout.tsx";

/**
 * The site's pages: pure functions of typed props, no request or data access inside, joined
 * from strings: the shell's fixed parts (./Layout.tsx), what the build pre-rendered (a post's
 * article fragment, each listed post's entry) and the few parts a request decides. Each returns
 * markup hono/jsx takes as it is, so a page can also be used as a component.
 * test/strings-vs-jsx.test.tsx holds every page against the JSX views they replaced.
 */

type PageProps = { site: SiteConfig; t: Messages; head: HeadProps };

export function renderDocument(node: Child): string {
  return `<!DOCTYPE html>${String(node)}`;
}

const page = (props: PageProps, content: string) => raw(documentOf({ site: props.site, t: props.t, ...props.head }, content));

const back = (t: Messages) => `<p class="back"><a href="${e(indexPath())}">${e(t.text("backToPosts"))}</a></p>`;

/** Links to the newer and older pages of a paged list. */
function pageLinks(page: number, totalPages: number, pathOf: (n: number) => string, t: Messages): string {
  const newer: PagerLink | undefined =
    page > 1 ? { href: pathOf(page - 1), label: t.text("newerPosts"), rel: "prev" } : undefined;
  const older: PagerLink | undefined =
    page < totalPages ? { href: pathOf(page + 1), label: t.text("olderPosts"), rel: "next" } : undefined;
  return pager(newer, older, t.text("pages"));
}

export function IndexPage(props: PageProps & { posts: readonly ListedPost[]; page: number; totalPages: number }) {
  const { site, t, page: n, totalPages } = props;
  let html = `<h1>${e(n === 1 ? site.title : t.text("pageHeading", { title: site.title, page: n, total: totalPages }))}</h1>`;
  if (n === 1) html += `<p class="lede">${e(site.description)}</p>`;
  html += props.posts.length === 0 ? `<p>${e(t.text("noPostsYet"))}</p>` : postList(props.posts, t, site.language);
  return page(props, html + pageLinks(n, totalPages, indexPath, t));
}

/**
 * A post's page. `article` is what the build made of the post that no request changes
 * (src/shared/views/article.ts), joined as it is; made here when a caller has none.
 */
export function PostPage(props: PageProps & { post: Post; around: PostContext; article?: string }) {
  const { site, t, post, around } = props;
  const lang = site.language;
  let html = `<article><header><h1>${e(post.title)}</h1><p class="meta">${badge(post, t)}${props.article ?? articleFragment(post, t, lang)}`;
  const series = around.series;
  const part = series ? series.posts.findIndex((p) => p.slug === post.slug) + 1 : 0;
  if (series && part > 0) {
    const name = `<a href="${e(seriesPath(series.series.slug))}">${e(series.series.name)}</a>`;
    html += `<nav class="series" aria-labelledby="site:series"><p id="site:series">${messageHtml(t, "seriesPart", { part, total: series.posts.length }, { series: name })}</p><ol>`;
    for (const p of series.posts) {
      html +=
        p.slug === post.slug
          ? `<li><strong aria-current="page">${e(p.title)}</strong></li>`
          : `<li><a href="${e(postPath(p.slug))}">${e(p.title)}</a></li>`;
    }
    html += "</ol></nav>";
  }
  html += `<div class="content">${post.html}</div></article>`;
  if (around.related.length > 0) {
    html += `<section class="related" aria-labelledby="site:related"><h2 id="site:related">${e(t.text("relatedPosts"))}</h2>${postList(around.related, t, lang)}</section>`;
  }
  // The neighbours' arrows point where their links sit: in a right-to-left page, newer is on the right.
  const [backArrow, forwardArrow] = isRightToLeft(t.language) ? ["→", "←"] : ["←", "→"];
  html += pager(
    around.newer ? { href: postPath(around.newer.slug), label: `${backArrow} ${around.newer.title}` } : undefined,
    around.older ? { href: postPath(around.older.slug), label: `${around.older.title} ${forwardArrow}` } : undefined,
    t.text("morePosts"),
  );
  return page(props, html + back(t));
}

export function TagsPage(props: PageProps & { tags: { tag: string; count: number }[] }) {
  const { t } = props;
  let html = `<h1>${e(t.text("tags"))}</h1>`;
  if (props.tags.length === 0) html += `<p>${e(t.text("noTagsYet"))}</p>`;
  else {
    html += '<ul class="tags">';
    for (const { tag, count } of props.tags)
      html += `<li><a href="${e(tagPath(tag))}">#${e(tag)} <span>(${e(t.number(count))})</span></a></li>`;
    html += "</ul>";
  }
  return page(props, html + back(t));
}

export function TagPage(
  props: PageProps & { tag: string; posts: readonly ListedPost[]; count: number; page: number; totalPages: number },
) {
  const { count: n, page: p, totalPages, tag, t } = props;
  const heading =
    p > 1
      ? t.text("pageHeading", { title: t.text("postsTagged", { tag }), page: p, total: totalPages })
      : t.text("postsTagged", { tag });
  let html = `<h1>${e(heading)}</h1><p class="meta">${e(t.text("postCount", { n }))} · <a href="${e(tagsPath())}">${e(t.text("allTags"))}</a></p>`;
  html += postList(props.posts, t, props.site.language);
  html += pageLinks(p, totalPages, (k) => tagPath(tag, "html", k), t);
  return page(props, html + back(t));
}

/** A link that leads on from an error: where the reader was probably going (a search's last page). */
export interface NextLink {
  href: string;
  label: string;
}

export function MessagePage(
  props: PageProps & { heading: string; message: string; next?: NextLink; recent?: readonly ListedPost[] },
) {
  const { t, next } = props;
  let html = `<h1>${e(props.heading)}</h1><p class="lede">${e(props.message)}</p>`;
  if (next) html += `<p><a href="${e(next.href)}">${e(next.label)}</a></p>`;
  html += `<p><a href="${e(indexPath())}">${e(t.text("backToPosts"))}</a></p>`;
  if (props.recent && props.recent.length > 0) {
    html += `<section aria-labelledby="site:recent"><h2 id="site:recent">${e(t.text("recentPosts"))}</h2>${postList(props.recent, t, props.site.language)}</section>`;
  }
  return page(props, html);
}

export function ArchivePage(props: PageProps & { years: readonly ArchiveYear[] }) {
  const { site, t } = props;
  let html = `<h1>${e(t.text("archive"))}</h1>`;
  if (props.years.length === 0) html += `<p>${e(t.text("noPostsYet"))}</p>`;
  for (const { year, months } of props.years) {
    html += `<section aria-labelledby="site:year-${year}"><h2 id="site:year-${year}">${year}</h2>`;
    for (const { month, posts } of months) {
      html += `<h3>${e(monthHeading(year, month, site))}</h3><ul class="archive">`;
      for (const p of posts)
        html += `<li>${time(p.date, p.dateText, site.language)} · <a href="${e(postPath(p.slug))}">${e(p.title)}</a></li>`;
      html += "</ul>";
    }
    html += "</section>";
  }
  return page(props, html + back(t));
}

export function SeriesPage(props: PageProps & { name: string; posts: readonly ListedPost[] }) {
  const { t } = props;
  let html = `<h1>${e(props.name)}</h1><p class="meta">${e(t.text("seriesOf", { n: props.posts.length }))}</p><ol class="posts">`;
  for (const p of props.posts) html += postSummary(p, t, props.site.language);
  return page(props, `${html}</ol>${back(t)}`);
}

/** A stand-alone page (About, Now…): its title and body, no date or tags. */
export function StandalonePage(props: PageProps & { page: Page }) {
  return page(props, `<article><h1>${e(props.page.title)}</h1><div class="content">${props.page.html}</div></article>`);
}
