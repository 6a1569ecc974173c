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
import { type Blog, newestChange, type Paged, site } from "../blog.ts";
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
  withLanguages,
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
import { languageFields, type Translation, translationsOf } from "./translations.ts";

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
  /** Its language (`Content-Language`). */
  language: string;
}

/**
 * A resource's representations, each made under its language's prefix (src/shared/paths.ts),
 * so every link a view makes stays in the page's language.
 */
function inBlog(b: Blog, render: PageResource["render"]): PageResource["render"] {
  if (b.prefix === "") return render;
  return { html: () => b.within(render.html), json: () => b.within(render.json), markdown: () => b.within(render.markdown) };
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

const pathsOf = (b: Blog, make: (f: Format) => string): Record<Format, string> =>
  b.within(() => ({ html: make("html"), json: make("json"), markdown: make("markdown") }));

/** A JSON representation with the page's language and its translations (a blog in several). */
const jsonIn = (b: Blog, translations: readonly Translation[], value: object) =>
  json(translations.length ? { ...value, ...languageFields(b, translations) } : value);

/** The head's parts every page of a language shares, with the page's translations. */
const headOf = (b: Blog, translations: readonly Translation[]) => ({
  ...siteHead(b),
  ...(translations.length ? { languages: translations } : {}),
});

/** Every language has an index, tags, an archive and a search: a page in all of them. */
const everywhere = (b: Blog, make: () => string) => translationsOf(b, make);

export async function indexResource(b: Blog, n: number): Promise<PageResource | undefined> {
  const page = await b.indexPage(n);
  if (!page) return undefined;
  return {
    paths: pathsOf(b, (f) => indexPath(n, f)),
    lastModified: newestChange(page.items),
    cacheTags: ["index"],
    render: renderIndex(b, page),
    language: b.language,
  };
}

/** Page `n` of the index in its three representations. */
export function renderIndex(b: Blog, { items, page: n, totalPages }: Paged<PostMeta>): PageResource["render"] {
  const { site, messages } = b;
  const paths = pathsOf(b, (f) => indexPath(n, f));
  // Page 1 is every language's home; a later page is its own language's list.
  const translations = translationsOf(b, (other) => (n === 1 || other === b ? indexPath(n) : undefined));
  return inBlog(b, {
    html: () =>
      renderDocument(
        IndexPage({
          site,
          t: messages,
          posts: items,
          page: n,
          totalPages,
          head: {
            ...headOf(b, translations),
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
    json: () => jsonIn(b, translations, indexJson(site, items, n, totalPages)),
    markdown: () => indexMarkdown(site, items, n, totalPages),
  });
}

export async function postResource(b: Blog, slug: string): Promise<PageResource | undefined> {
  const found = await b.getPost(slug);
  if (!found) return undefined;
  const { post, around, article } = found;
  return {
    paths: pathsOf(b, (f) => postPath(slug, f)),
    lastModified: post.updated ?? post.date,
    cacheTags: [`post:${slug}`, "posts"],
    render: renderPost(b, post, around, article),
    frameOrigins: frameOriginsOf(post.html),
    playsMedia: playsMedia(post.html),
    language: b.language,
  };
}

/** The languages a post is in now: its own, and each translation already published. */
export const postTranslations = (b: Blog, post: PostMeta) =>
  translationsOf(b, (other) =>
    other === b || (post.translations?.includes(other.language) && other.isVisible(post.slug)) ? postPath(post.slug) : undefined,
  );

/**
 * A post's three representations, from the post, what its page shows of others, and what the
 * build made of its page (src/shared/views/article.ts; made here when not given).
 */
export function renderPost(b: Blog, post: Post, around: PostContext, article?: string): PageResource["render"] {
  const { site, messages } = b;
  const paths = pathsOf(b, (f) => postPath(post.slug, f));
  const translations = postTranslations(b, post);
  return inBlog(b, {
    html: () =>
      renderDocument(
        PostPage({
          site,
          t: messages,
          post,
          around,
          article,
          head: {
            ...headOf(b, translations),
            title: post.title,
            description: post.description,
            canonical: absolute(site, paths.html),
            alternates: alternates(paths),
            ogType: "article",
            article: { published: post.date, modified: post.updated, tags: post.tags },
            jsonLd: blogPostingLd(site, post),
            image: postImage(b, post),
          },
        }),
      ),
    json: () => jsonIn(b, translations, postJson(site, post, around)),
    markdown: () => postMarkdown(site, post, around, languageFields(b, translations)),
  });
}

/** A series: its posts in order, oldest first, in three representations. */
export async function seriesResource(b: Blog, slug: string): Promise<PageResource | undefined> {
  const found = await b.getSeries(slug);
  if (!found) return undefined;
  const { site, messages } = b;
  const { series, posts } = found;
  const paths = pathsOf(b, (f) => seriesPath(slug, f));
  const translations = translationsOf(b, (other) =>
    other.allSeries().some((s) => s.slug === slug) ? seriesPath(slug) : undefined,
  );
  return {
    paths,
    lastModified: newestChange(posts),
    cacheTags: ["series", `series:${slug}`],
    language: b.language,
    render: inBlog(b, {
      html: () =>
        renderDocument(
          SeriesPage({
            site,
            t: messages,
            name: series.name,
            posts,
            head: {
              ...headOf(b, translations),
              title: series.name,
              description: messages.text("seriesDescription", { series: series.name, n: posts.length, site: site.title }),
              canonical: absolute(site, paths.html),
              alternates: alternates(paths),
              ogType: "website",
            },
          }),
        ),
      json: () => jsonIn(b, translations, seriesJson(site, series.name, slug, posts)),
      markdown: () => seriesMarkdown(site, series.name, posts),
    }),
  };
}

/** A stand-alone page (content/pages/<slug>.md or <slug>/index.md) at `/<slug>`. */
export async function pageResource(b: Blog, slug: string): Promise<PageResource | undefined> {
  const page = await b.getPage(slug);
  if (!page) return undefined;
  const { site, messages } = b;
  const paths = pathsOf(b, (f) => pagePath(slug, f));
  const translations = translationsOf(b, (other) =>
    other === b || page.translations?.includes(other.language) ? pagePath(slug) : undefined,
  );
  return {
    paths,
    lastModified: page.updated,
    cacheTags: [`page:${slug}`, "pages"],
    language: b.language,
    // A folder page's video or audio plays, and its video links frame, as a post's do.
    frameOrigins: frameOriginsOf(page.html),
    playsMedia: playsMedia(page.html),
    render: inBlog(b, {
      html: () =>
        renderDocument(
          StandalonePage({
            site,
            t: messages,
            page,
            head: {
              ...headOf(b, translations),
              title: page.title,
              description: page.description,
              canonical: absolute(site, paths.html),
              alternates: alternates(paths),
              ogType: "website",
              // A folder page's own first image (the author's photo on About), else the site's.
              ...(page.image ? { image: page.image } : {}),
            },
          }),
        ),
      json: () => jsonIn(b, translations, pageJson(site, page)),
      markdown: () => {
        const { language, translations: others } = languageFields(b, translations);
        return language ? withLanguages(page.markdown, language, others ?? []) : page.markdown;
      },
    }),
  };
}

export function tagsResource(b: Blog): PageResource {
  const { site, messages } = b;
  const paths = pathsOf(b, tagsPath);
  const tags = b.allTags();
  const translations = everywhere(b, () => tagsPath());
  return {
    paths,
    lastModified: b.newestChangeOfAll(),
    cacheTags: ["tags"],
    language: b.language,
    render: inBlog(b, {
      html: () =>
        renderDocument(
          TagsPage({
            site,
            t: messages,
            tags,
            head: {
              ...headOf(b, translations),
              title: messages.text("tags"),
              description: messages.text("tagsDescription", { site: site.title }),
              canonical: absolute(site, paths.html),
              alternates: alternates(paths),
              ogType: "website",
            },
          }),
        ),
      json: () => jsonIn(b, translations, tagsJson(site, tags)),
      markdown: () => tagsMarkdown(site, tags),
    }),
  };
}

export async function tagResource(b: Blog, tag: string, n = 1): Promise<PageResource | undefined> {
  const page = await b.tagPage(tag, n);
  if (!page) return undefined;
  return {
    paths: pathsOf(b, (f) => tagPath(tag, f, n)),
    lastModified: newestChange(page.items),
    cacheTags: ["tags", `tag:${tagKey(tag)}`],
    render: renderTag(b, tag, page),
    language: b.language,
  };
}

/** Page `n` of a tag's posts in its three representations. */
export function renderTag(b: Blog, tag: string, { items, page: n, totalPages, count }: Paged<PostMeta>): PageResource["render"] {
  const { site, messages } = b;
  const paths = pathsOf(b, (f) => tagPath(tag, f, n));
  // A tag is the same word in another language only where that language uses it too.
  const translations = translationsOf(b, (other) =>
    other === b || (n === 1 && other.hasTag(tag)) ? tagPath(tag, "html", n) : undefined,
  );
  return inBlog(b, {
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
            ...headOf(b, translations),
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
    json: () => jsonIn(b, translations, tagJson(site, tag, items, n, totalPages)),
    markdown: () => tagMarkdown(site, tag, items, n, totalPages),
  });
}

export async function archiveResource(b: Blog): Promise<PageResource> {
  const { site, messages } = b;
  const paths = pathsOf(b, archivePath);
  const posts = await b.allPosts();
  const years = archive(posts);
  const translations = everywhere(b, () => archivePath());
  return {
    paths,
    lastModified: newestChange(posts),
    cacheTags: ["archive", "posts"],
    language: b.language,
    render: inBlog(b, {
      html: () =>
        renderDocument(
          ArchivePage({
            site,
            t: messages,
            years,
            head: {
              ...headOf(b, translations),
              title: messages.text("archive"),
              description: messages.text("archiveDescription", { site: site.title }),
              canonical: absolute(site, paths.html),
              alternates: alternates(paths),
              ogType: "website",
            },
          }),
        ),
      json: () => jsonIn(b, translations, archiveJson(site, years)),
      markdown: () => archiveMarkdown(site, years),
    }),
  };
}
