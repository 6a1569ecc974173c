import { frameOriginsOf, playsMedia } from "../../shared/embeds.ts";
import { FORMATS, type Format, MEDIA_TYPES } from "../../shared/formats.ts";
import {
  absolute,
  archivePath,
  indexPath,
  pagePath,
  postPath,
  seriesPath,
  tagFeedPath,
  tagPath,
  tagsPath,
} from "../../shared/paths.ts";
import { tagKey } from "../../shared/tags.ts";
import type { Post, PostMeta } from "../../shared/types.ts";
import { archive } from "../archive.ts";
import {
  allPosts,
  allTags,
  getPage,
  getPost,
  getSeries,
  indexPage,
  messages,
  newestChange,
  newestChangeOfAll,
  type Paged,
  site,
  tagPage,
} from "../blog.ts";
import { activityAlternate } from "../federation/gate.ts";
import type { PostContext } from "../post-context.ts";
import { archiveJson, indexJson, pageJson, postJson, seriesJson, tagJson, tagsJson } from "../representations/json.ts";
import { blogLd, blogPostingLd } from "../representations/jsonld.ts";
import {
  archiveMarkdown,
  indexMarkdown,
  postMarkdown,
  seriesMarkdown,
  tagMarkdown,
  tagsMarkdown,
} from "../representations/markdown.ts";
import type { Alternate } from "../views/Layout.tsx";
import {
  ArchivePage,
  IndexPage,
  PostPage,
  renderDocument,
  SeriesPage,
  StandalonePage,
  TagPage,
  TagsPage,
} from "../views/pages.tsx";
import { postImage, siteHead } from "./head.ts";

/**
 * Every page of the site as a resource with three representations. A resource is looked up
 * (cheaply) to know it exists; its representations are rendered only when first requested.
 */
export interface PageResource {
  /** The URL of each representation. */
  paths: Record<Format, string>;
  /** Newest content shown, for Last-Modified. */
  lastModified?: string;
  cacheTags: string[];
  render: Record<Format, () => string>;
  /** The origins its HTML frames (a post's videos): its page's CSP allows them, and only them. */
  frameOrigins?: readonly string[];
  /** Whether its HTML plays a post's own video or audio (its page's CSP then allows `media-src 'self'`). */
  playsMedia?: boolean;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** `<link rel="alternate">`s of a page: its other representations. */
function alternates(paths: Record<Format, string>): Alternate[] {
  return (["json", "markdown"] as const).map((f) => ({ type: MEDIA_TYPES[f], href: paths[f] }));
}

/** The `Link` header naming every representation (RFC 8288), the ActivityPub one too where there is one. */
export function linkHeader(paths: Record<Format, string>): string {
  const links = FORMATS.map((f) => `<${paths[f]}>; rel="alternate"; type="${MEDIA_TYPES[f]}"`);
  const activity = site.fediverse ? activityAlternate(paths.html) : undefined;
  if (activity) links.push(`<${activity}>; rel="alternate"; type="application/activity+json"`);
  if (activity && activity !== "/actor") links.push('</webmention>; rel="webmention"');
  return links.join(", ");
}

const pathsOf = (make: (f: Format) => string): Record<Format, string> => ({
  html: make("html"),
  json: make("json"),
  markdown: make("markdown"),
});

export async function indexResource(n: number): Promise<PageResource | undefined> {
  const page = await indexPage(n);
  if (!page) return undefined;
  return {
    paths: indexPaths(n),
    lastModified: newestChange(page.items),
    cacheTags: ["index"],
    render: renderIndex(page),
  };
}

const indexPaths = (n: number) => pathsOf((f) => indexPath(n, f));

/** Page `n` of the index in its three representations. */
export function renderIndex({ items, page: n, totalPages }: Paged<PostMeta>): PageResource["render"] {
  const paths = indexPaths(n);
  return {
    html: () =>
      renderDocument(
        IndexPage({
          site,
          t: messages,
          posts: items,
          page: n,
          totalPages,
          head: {
            ...siteHead(),
            title: n === 1 ? site.title : messages.text("pageTitle", { page: n }),
            description: site.description,
            canonical: absolute(site, paths.html),
            alternates: alternates(paths),
            ogType: "website",
            jsonLd: blogLd(site, items),
            prev: n > 1 ? indexPath(n - 1) : undefined,
            next: n < totalPages ? indexPath(n + 1) : undefined,
          },
        }),
      ),
    json: () => json(indexJson(site, items, n, totalPages)),
    markdown: () => indexMarkdown(site, items, n, totalPages),
  };
}

export async function postResource(slug: string): Promise<PageResource | undefined> {
  const found = await getPost(slug);
  if (!found) return undefined;
  const { post, around, article } = found;
  return {
    paths: postPaths(slug),
    lastModified: post.updated ?? post.date,
    cacheTags: [`post:${slug}`, "posts"],
    render: renderPost(post, around, article),
    frameOrigins: frameOriginsOf(post.html),
    playsMedia: playsMedia(post.html),
  };
}

const postPaths = (slug: string) => pathsOf((f) => postPath(slug, f));

/**
 * A post's three representations, from the post, what its page shows of others, and what the
 * build made of its page (src/shared/views/article.ts; made here when not given).
 */
export function renderPost(post: Post, around: PostContext, article?: string): PageResource["render"] {
  const paths = postPaths(post.slug);
  return {
    html: () =>
      renderDocument(
        PostPage({
          site,
          t: messages,
          post,
          around,
          article,
          head: {
            ...siteHead(),
            title: post.title,
            description: post.description,
            canonical: absolute(site, paths.html),
            alternates: alternates(paths),
            ogType: "article",
            article: { published: post.date, modified: post.updated, tags: post.tags },
            jsonLd: blogPostingLd(site, post),
            image: postImage(post),
          },
        }),
      ),
    json: () => json(postJson(site, post, around)),
    markdown: () => postMarkdown(site, post, around),
  };
}

/** A series: its posts in order, oldest first, in three representations. */
export async function seriesResource(slug: string): Promise<PageResource | undefined> {
  const found = await getSeries(slug);
  if (!found) return undefined;
  const { series, posts } = found;
  const paths = pathsOf((f) => seriesPath(slug, f));
  return {
    paths,
    lastModified: newestChange(posts),
    cacheTags: ["series", `series:${slug}`],
    render: {
      html: () =>
        renderDocument(
          SeriesPage({
            site,
            t: messages,
            name: series.name,
            posts,
            head: {
              ...siteHead(),
              title: series.name,
              description: messages.text("seriesDescription", { series: series.name, n: posts.length, site: site.title }),
              canonical: absolute(site, paths.html),
              alternates: alternates(paths),
              ogType: "website",
            },
          }),
        ),
      json: () => json(seriesJson(site, series.name, slug, posts)),
      markdown: () => seriesMarkdown(site, series.name, posts),
    },
  };
}

/** A stand-alone page (content/pages/<slug>.md) at `/<slug>`. */
export async function pageResource(slug: string): Promise<PageResource | undefined> {
  const page = await getPage(slug);
  if (!page) return undefined;
  const paths = pathsOf((f) => pagePath(slug, f));
  return {
    paths,
    lastModified: page.updated,
    cacheTags: [`page:${slug}`, "pages"],
    render: {
      html: () =>
        renderDocument(
          StandalonePage({
            site,
            t: messages,
            page,
            head: {
              ...siteHead(),
              title: page.title,
              description: page.description,
              canonical: absolute(site, paths.html),
              alternates: alternates(paths),
              ogType: "website",
            },
          }),
        ),
      json: () => json(pageJson(site, page)),
      markdown: () => page.markdown,
    },
  };
}

export function tagsResource(): PageResource {
  const paths = pathsOf(tagsPath);
  const tags = allTags();
  return {
    paths,
    lastModified: newestChangeOfAll(),
    cacheTags: ["tags"],
    render: {
      html: () =>
        renderDocument(
          TagsPage({
            site,
            t: messages,
            tags,
            head: {
              ...siteHead(),
              title: messages.text("tags"),
              description: messages.text("tagsDescription", { site: site.title }),
              canonical: absolute(site, paths.html),
              alternates: alternates(paths),
              ogType: "website",
            },
          }),
        ),
      json: () => json(tagsJson(site, tags)),
      markdown: () => tagsMarkdown(site, tags),
    },
  };
}

export async function tagResource(tag: string, n = 1): Promise<PageResource | undefined> {
  const page = await tagPage(tag, n);
  if (!page) return undefined;
  return {
    paths: tagPaths(tag, n),
    lastModified: newestChange(page.items),
    cacheTags: ["tags", `tag:${tagKey(tag)}`],
    render: renderTag(tag, page),
  };
}

const tagPaths = (tag: string, n: number) => pathsOf((f) => tagPath(tag, f, n));

/** Page `n` of a tag's posts in its three representations. */
export function renderTag(tag: string, { items, page: n, totalPages, count }: Paged<PostMeta>): PageResource["render"] {
  const paths = tagPaths(tag, n);
  return {
    html: () =>
      renderDocument(
        TagPage({
          site,
          t: messages,
          tag,
          posts: items,
          count,
          page: n,
          totalPages,
          head: {
            ...siteHead(),
            title: n === 1 ? `#${tag}` : messages.text("tagPageTitle", { tag, page: n }),
            description: messages.text("tagDescription", { tag, site: site.title }),
            canonical: absolute(site, paths.html),
            alternates: alternates(paths),
            ogType: "website",
            prev: n > 1 ? tagPath(tag, "html", n - 1) : undefined,
            next: n < totalPages ? tagPath(tag, "html", n + 1) : undefined,
            feeds: [
              {
                type: "application/atom+xml",
                title: `${messages.text("tagFeedTitle", { tag, site: site.title })} (Atom)`,
                href: tagFeedPath(tag, "atom"),
              },
              {
                type: "application/feed+json",
                title: `${messages.text("tagFeedTitle", { tag, site: site.title })} (JSON Feed)`,
                href: tagFeedPath(tag, "json"),
              },
            ],
          },
        }),
      ),
    json: () => json(tagJson(site, tag, items, n, totalPages)),
    markdown: () => tagMarkdown(site, tag, items, n, totalPages),
  };
}

export async function archiveResource(): Promise<PageResource> {
  const paths = pathsOf(archivePath);
  const posts = await allPosts();
  const years = archive(posts);
  return {
    paths,
    lastModified: newestChange(posts),
    cacheTags: ["archive", "posts"],
    render: {
      html: () =>
        renderDocument(
          ArchivePage({
            site,
            t: messages,
            years,
            head: {
              ...siteHead(),
              title: messages.text("archive"),
              description: messages.text("archiveDescription", { site: site.title }),
              canonical: absolute(site, paths.html),
              alternates: alternates(paths),
              ogType: "website",
            },
          }),
        ),
      json: () => json(archiveJson(site, years)),
      markdown: () => archiveMarkdown(site, years),
    },
  };
}
