/**
 * FROZEN REFERENCE, for tests only: the JSX view the Worker rendered before its pages were joined
 * from strings (src/worker/views/, src/shared/views/). test/strings-vs-jsx.test.tsx holds every
 * page against it byte for byte. Change the markup here and there together, never one alone.
 */
import type { Child } from "hono/jsx";
import { isRightToLeft, type Messages } from "../../src/shared/i18n/index.ts";
import { indexPath, postPath, seriesPath, tagPath, tagsPath } from "../../src/shared/paths.ts";
import type { Page, Post, PostMeta, SiteConfig } from "../../src/shared/types.ts";
import { type ArchiveYear, monthHeading } from "../../src/worker/archive.ts";
import type { PostContext } from "../../src/worker/post-context.ts";
import type { NextLink } from "../../src/worker/views/pages.tsx";
import { type HeadProps, Layout } from "./Layout.tsx";
import { FormattedDate, Pager, type PagerLink, PostList, PostSummary, StatusBadge, TagList } from "./parts.tsx";

/** The site's pages: pure functions of typed props, no request or data access inside. */

type PageProps = { site: SiteConfig; t: Messages; head: HeadProps };

export function renderDocument(node: Child): string {
  return `<!DOCTYPE html>${String(node)}`;
}

/** Links to the newer and older pages of a paged list. */
function PageLinks({
  page,
  totalPages,
  pathOf,
  t,
}: {
  page: number;
  totalPages: number;
  pathOf: (n: number) => string;
  t: Messages;
}) {
  const newer: PagerLink | undefined =
    page > 1 ? { href: pathOf(page - 1), label: t.text("newerPosts"), rel: "prev" } : undefined;
  const older: PagerLink | undefined =
    page < totalPages ? { href: pathOf(page + 1), label: t.text("olderPosts"), rel: "next" } : undefined;
  return <Pager newer={newer} older={older} label={t.text("pages")} />;
}

export function IndexPage(props: PageProps & { posts: readonly PostMeta[]; page: number; totalPages: number }) {
  const { site, t, page, totalPages } = props;
  return (
    <Layout site={site} t={t} {...props.head}>
      <h1>{page === 1 ? site.title : t.text("pageHeading", { title: site.title, page, total: totalPages })}</h1>
      {page === 1 ? <p class="lede">{site.description}</p> : null}
      {props.posts.length === 0 ? <p>{t.text("noPostsYet")}</p> : <PostList posts={props.posts} lang={site.language} t={t} />}
      <PageLinks page={page} totalPages={totalPages} pathOf={indexPath} t={t} />
    </Layout>
  );
}

export function PostPage(props: PageProps & { post: Post; around: PostContext }) {
  const { site, t, post, around } = props;
  const part = around.series ? around.series.posts.findIndex((p) => p.slug === post.slug) + 1 : 0;
  const sections = post.headings.filter((h) => h.depth === 2);
  // The neighbours' arrows point where their links sit: in a right-to-left page, newer is on the right.
  const [back, forward] = isRightToLeft(t.language) ? ["→", "←"] : ["←", "→"];
  return (
    <Layout site={site} t={t} {...props.head}>
      <article>
        <header>
          <h1>{post.title}</h1>
          <p class="meta">
            <StatusBadge post={post} t={t} />
            <FormattedDate iso={post.date} text={post.dateText} lang={site.language} />
            {post.updated ? (
              <span>
                {t.parts("updated", {
                  date: <FormattedDate iso={post.updated} text={post.updatedText} lang={site.language} />,
                })}
              </span>
            ) : null}
            <span>{t.text("readingTime", { n: post.readingTimeMinutes })}</span>
          </p>
          <TagList tags={post.tags} label={t.text("tags")} />
        </header>
        {sections.length >= 3 ? (
          <nav class="toc" aria-labelledby="site:contents">
            <h2 id="site:contents">{t.text("contents")}</h2>
            <ol>
              {sections.map((h) => (
                <li>
                  <a href={`#${h.id}`}>{h.text}</a>
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
        {around.series && part > 0 ? (
          <nav class="series" aria-labelledby="site:series">
            <p id="site:series">
              {t.parts("seriesPart", {
                part,
                total: around.series.posts.length,
                series: <a href={seriesPath(around.series.series.slug)}>{around.series.series.name}</a>,
              })}
            </p>
            <ol>
              {around.series.posts.map((p) => (
                <li>
                  {p.slug === post.slug ? (
                    <strong aria-current="page">{p.title}</strong>
                  ) : (
                    <a href={postPath(p.slug)}>{p.title}</a>
                  )}
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
        <div class="content" dangerouslySetInnerHTML={{ __html: post.html }} />
      </article>
      {around.related.length > 0 ? (
        <section class="related" aria-labelledby="site:related">
          <h2 id="site:related">{t.text("relatedPosts")}</h2>
          <PostList posts={around.related} lang={site.language} t={t} />
        </section>
      ) : null}
      <Pager
        label={t.text("morePosts")}
        newer={around.newer ? { href: postPath(around.newer.slug), label: `${back} ${around.newer.title}` } : undefined}
        older={around.older ? { href: postPath(around.older.slug), label: `${around.older.title} ${forward}` } : undefined}
      />
      <p class="back">
        <a href={indexPath()}>{props.t.text("backToPosts")}</a>
      </p>
    </Layout>
  );
}

export function TagsPage(props: PageProps & { tags: { tag: string; count: number }[] }) {
  return (
    <Layout site={props.site} t={props.t} {...props.head}>
      <h1>{props.t.text("tags")}</h1>
      {props.tags.length === 0 ? (
        <p>{props.t.text("noTagsYet")}</p>
      ) : (
        <ul class="tags">
          {props.tags.map(({ tag, count }) => (
            <li>
              <a href={tagPath(tag)}>
                #{tag} <span>({count})</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      <p class="back">
        <a href={indexPath()}>{props.t.text("backToPosts")}</a>
      </p>
    </Layout>
  );
}

export function TagPage(
  props: PageProps & { tag: string; posts: readonly PostMeta[]; count: number; page: number; totalPages: number },
) {
  const { count: n, page, totalPages, tag, t } = props;
  return (
    <Layout site={props.site} t={props.t} {...props.head}>
      <h1>
        {page > 1
          ? t.text("pageHeading", { title: t.text("postsTagged", { tag }), page, total: totalPages })
          : t.text("postsTagged", { tag })}
      </h1>
      <p class="meta">
        {t.text("postCount", { n })} · <a href={tagsPath()}>{t.text("allTags")}</a>
      </p>
      <PostList posts={props.posts} lang={props.site.language} t={props.t} />
      <PageLinks page={page} totalPages={totalPages} pathOf={(p) => tagPath(tag, "html", p)} t={t} />
      <p class="back">
        <a href={indexPath()}>{props.t.text("backToPosts")}</a>
      </p>
    </Layout>
  );
}

export function MessagePage(
  props: PageProps & { heading: string; message: string; next?: NextLink; recent?: readonly PostMeta[] },
) {
  return (
    <Layout site={props.site} t={props.t} {...props.head}>
      <h1>{props.heading}</h1>
      <p class="lede">{props.message}</p>
      {props.next ? (
        <p>
          <a href={props.next.href}>{props.next.label}</a>
        </p>
      ) : null}
      <p>
        <a href={indexPath()}>{props.t.text("backToPosts")}</a>
      </p>
      {props.recent && props.recent.length > 0 ? (
        <section aria-labelledby="site:recent">
          <h2 id="site:recent">{props.t.text("recentPosts")}</h2>
          <PostList posts={props.recent} lang={props.site.language} t={props.t} />
        </section>
      ) : null}
    </Layout>
  );
}

export function ArchivePage(props: PageProps & { years: readonly ArchiveYear[] }) {
  const { site, t } = props;
  return (
    <Layout site={site} t={t} {...props.head}>
      <h1>{t.text("archive")}</h1>
      {props.years.length === 0 ? <p>{t.text("noPostsYet")}</p> : null}
      {props.years.map(({ year, months }) => (
        <section aria-labelledby={`site:year-${year}`}>
          <h2 id={`site:year-${year}`}>{year}</h2>
          {months.map(({ month, posts }) => (
            <>
              <h3>{monthHeading(year, month, site)}</h3>
              <ul class="archive">
                {posts.map((p) => (
                  <li>
                    <FormattedDate iso={p.date} text={p.dateText} lang={site.language} /> ·{" "}
                    <a href={postPath(p.slug)}>{p.title}</a>
                  </li>
                ))}
              </ul>
            </>
          ))}
        </section>
      ))}
      <p class="back">
        <a href={indexPath()}>{props.t.text("backToPosts")}</a>
      </p>
    </Layout>
  );
}

export function SeriesPage(props: PageProps & { name: string; posts: readonly PostMeta[] }) {
  return (
    <Layout site={props.site} t={props.t} {...props.head}>
      <h1>{props.name}</h1>
      <p class="meta">{props.t.text("seriesOf", { n: props.posts.length })}</p>
      <ol class="posts">
        {props.posts.map((p) => (
          <PostSummary post={p} lang={props.site.language} t={props.t} />
        ))}
      </ol>
      <p class="back">
        <a href={indexPath()}>{props.t.text("backToPosts")}</a>
      </p>
    </Layout>
  );
}

/** A stand-alone page (About, Now…): its title and body, no date or tags. */
export function StandalonePage(props: PageProps & { page: Page }) {
  return (
    <Layout site={props.site} t={props.t} {...props.head}>
      <article>
        <h1>{props.page.title}</h1>
        <div class="content" dangerouslySetInnerHTML={{ __html: props.page.html }} />
      </article>
    </Layout>
  );
}
