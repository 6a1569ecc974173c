import type { Child } from "hono/jsx";
import { type ArchiveYear, monthName } from "../archive.ts";
import type { Post, PostMeta, SiteConfig } from "../content/types.ts";
import { indexPath, postPath, tagPath, tagsPath } from "../paths.ts";
import { minutes } from "./format.ts";
import { type HeadProps, Layout } from "./Layout.tsx";
import { FormattedDate, Pager, type PagerLink, PostList, StatusBadge, TagList } from "./parts.tsx";

/** The site's pages: pure functions of typed props, no request or data access inside. */

type PageProps = { site: SiteConfig; head: HeadProps };

export function renderDocument(node: Child): string {
  return `<!DOCTYPE html>${String(node)}`;
}

/** Links to the newer and older pages of a paged list. */
function PageLinks({ page, totalPages, pathOf }: { page: number; totalPages: number; pathOf: (n: number) => string }) {
  const newer: PagerLink | undefined = page > 1 ? { href: pathOf(page - 1), label: "← Newer posts", rel: "prev" } : undefined;
  const older: PagerLink | undefined =
    page < totalPages ? { href: pathOf(page + 1), label: "Older posts →", rel: "next" } : undefined;
  return <Pager newer={newer} older={older} label="Pages" />;
}

export function IndexPage(props: PageProps & { posts: readonly PostMeta[]; page: number; totalPages: number }) {
  const { site, page, totalPages } = props;
  return (
    <Layout site={site} {...props.head}>
      <h1>{page === 1 ? site.title : `${site.title}: page ${page} of ${totalPages}`}</h1>
      {page === 1 ? <p class="lede">{site.description}</p> : null}
      {props.posts.length === 0 ? <p>No posts yet.</p> : <PostList posts={props.posts} lang={site.language} />}
      <PageLinks page={page} totalPages={totalPages} pathOf={indexPath} />
    </Layout>
  );
}

export function PostPage(props: PageProps & { post: Post; newer?: PostMeta; older?: PostMeta }) {
  const { site, post } = props;
  const sections = post.headings.filter((h) => h.depth === 2);
  return (
    <Layout site={site} {...props.head}>
      <article>
        <header>
          <h1>{post.title}</h1>
          <p class="meta">
            <StatusBadge post={post} />
            <FormattedDate iso={post.date} lang={site.language} />
            {post.updated ? (
              <span>
                Updated <FormattedDate iso={post.updated} lang={site.language} />
              </span>
            ) : null}
            <span>{minutes(post.readingTimeMinutes)}</span>
          </p>
          <TagList tags={post.tags} />
        </header>
        {sections.length >= 3 ? (
          <nav class="toc" aria-labelledby="site:contents">
            <h2 id="site:contents">Contents</h2>
            <ol>
              {sections.map((h) => (
                <li>
                  <a href={`#${h.id}`}>{h.text}</a>
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
        <div class="content" dangerouslySetInnerHTML={{ __html: post.html }} />
      </article>
      <Pager
        label="More posts"
        newer={props.newer ? { href: postPath(props.newer.slug), label: `← ${props.newer.title}` } : undefined}
        older={props.older ? { href: postPath(props.older.slug), label: `${props.older.title} →` } : undefined}
      />
      <p class="back">
        <a href={indexPath()}>← Back to posts</a>
      </p>
    </Layout>
  );
}

export function TagsPage(props: PageProps & { tags: { tag: string; count: number }[] }) {
  return (
    <Layout site={props.site} {...props.head}>
      <h1>Tags</h1>
      {props.tags.length === 0 ? (
        <p>No tags yet.</p>
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
        <a href={indexPath()}>← Back to posts</a>
      </p>
    </Layout>
  );
}

export function TagPage(
  props: PageProps & { tag: string; posts: readonly PostMeta[]; count: number; page: number; totalPages: number },
) {
  const { count: n, page, totalPages, tag } = props;
  return (
    <Layout site={props.site} {...props.head}>
      <h1>
        Posts tagged #{tag}
        {page > 1 ? `: page ${page} of ${totalPages}` : ""}
      </h1>
      <p class="meta">
        {n} post{n === 1 ? "" : "s"} · <a href={tagsPath()}>All tags</a>
      </p>
      <PostList posts={props.posts} lang={props.site.language} />
      <PageLinks page={page} totalPages={totalPages} pathOf={(p) => tagPath(tag, "html", p)} />
      <p class="back">
        <a href={indexPath()}>← Back to posts</a>
      </p>
    </Layout>
  );
}

export function MessagePage(props: PageProps & { heading: string; message: string; recent?: readonly PostMeta[] }) {
  return (
    <Layout site={props.site} {...props.head}>
      <h1>{props.heading}</h1>
      <p class="lede">{props.message}</p>
      <p>
        <a href={indexPath()}>← Back to posts</a>
      </p>
      {props.recent && props.recent.length > 0 ? (
        <section aria-labelledby="site:recent">
          <h2 id="site:recent">Recent posts</h2>
          <PostList posts={props.recent} lang={props.site.language} />
        </section>
      ) : null}
    </Layout>
  );
}

export function ArchivePage(props: PageProps & { years: readonly ArchiveYear[] }) {
  const { site } = props;
  return (
    <Layout site={site} {...props.head}>
      <h1>Archive</h1>
      {props.years.length === 0 ? <p>No posts yet.</p> : null}
      {props.years.map(({ year, months }) => (
        <section aria-labelledby={`site:year-${year}`}>
          <h2 id={`site:year-${year}`}>{year}</h2>
          {months.map(({ month, posts }) => (
            <>
              <h3>
                {monthName(month, site.language)} {year}
              </h3>
              <ul class="archive">
                {posts.map((p) => (
                  <li>
                    <FormattedDate iso={p.date} lang={site.language} /> · <a href={postPath(p.slug)}>{p.title}</a>
                  </li>
                ))}
              </ul>
            </>
          ))}
        </section>
      ))}
      <p class="back">
        <a href={indexPath()}>← Back to posts</a>
      </p>
    </Layout>
  );
}
