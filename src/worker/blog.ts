import { preview } from "../generated/build.ts";
import { aliases, corpus, navigation, pages, series, site, translated } from "../generated/content.ts";
import {
  type CorpusManifest,
  cardFile,
  corpusRoot,
  LIST_CHUNK,
  listFile,
  type PostRecord,
  pageFile,
  postFile,
  seriesList,
  type TranslatedContent,
  tagList,
} from "../shared/corpus.ts";
import { messagesOf } from "../shared/i18n/index.ts";
import { inLanguage } from "../shared/paths.ts";
import { isPublished } from "../shared/schedule.ts";
import type { PageMeta, Post, PostMeta, Series, SiteConfig, Page as SitePage } from "../shared/types.ts";
import { corpusReader } from "./corpus/read.ts";
import type { PostContext } from "./post-context.ts";

export type { Post, PostMeta, SiteConfig };

/**
 * What one language of the blog is made of: for a blog in one language, the blog. The default
 * language's is the generated module's own exports, with no prefix; each other one is an entry
 * of its `translated`.
 */
export type BlogContent = TranslatedContent;

export interface Paged<T> {
  items: readonly T[];
  page: number;
  totalPages: number;
  /** Posts in the whole list. */
  count: number;
}

export interface TagSummary {
  tag: string;
  count: number;
}

/** The newest date a list shows: its Last-Modified. */
export function newestChange(list: readonly PostMeta[]): string | undefined {
  let newest: string | undefined;
  for (const p of list) {
    const d = p.updated ?? p.date;
    if (!newest || d > newest) newest = d;
  }
  return newest;
}

/**
 * The blog in one of its languages as the Worker sees it: the manifest in the script
 * (src/shared/corpus.ts), and the posts and listings read from the assets when a request first
 * needs them. Ordering was decided by the pipeline (newest first); nothing here re-sorts posts.
 */
export function createBlog(content: BlogContent) {
  const { corpus, pages, navigation, series, aliases, site, prefix, language } = content;
  const root = corpusRoot(prefix);
  /**
   * The interface's words in this language, with its `strings` overrides: made once per
   * isolate (two Intl objects), then passed to every view through its props.
   */
  const messages = messagesOf(site);

  /**
   * Scheduled posts are deployed with the rest and published at their instant, checked against
   * the clock on every request: until then a post is absent everywhere (404 at its URL, in no
   * list, feed or sitemap); from then on it is everywhere at once. Posts are newest first, so the
   * ones not yet published are always a prefix, of every list. The preview (`npm start`) shows
   * them all, each with its Scheduled mark until its instant, and without it from then on, as
   * production would show it.
   */
  interface Publication {
    /** Changes whenever the set of published posts does: what is derived from it is rebuilt. */
    epoch: number;
    /** How many of the newest posts are not shown yet (none in the preview). */
    hidden: number;
    /** When the next scheduled post goes live (epoch ms), or Infinity. */
    next: number;
    /** The slugs of the posts not shown yet. */
    hiddenSlugs: ReadonlySet<string>;
    /** The slugs of the posts before their instant: hidden, or in the preview marked Scheduled. */
    pendingSlugs: ReadonlySet<string>;
  }
  let publication: Publication | undefined;

  /** The publication state at the current instant; recomputed only once its next instant passes. */
  function published(): Publication {
    const now = Date.now();
    if (publication !== undefined && now < publication.next) return publication;
    const scheduled = corpus.scheduled;
    let pending = 0;
    while (pending < scheduled.length && !isPublished(scheduled[pending] as { date: string }, now)) pending++;
    if (publication?.pendingSlugs.size !== pending) {
      const hidden = preview ? 0 : pending;
      const next = pending > 0 ? Date.parse((scheduled[pending - 1] as { date: string }).date) : Number.POSITIVE_INFINITY;
      const slugs = (n: number) => new Set(scheduled.slice(0, n).map((p) => p.slug));
      publication = {
        epoch: (publication?.epoch ?? 0) + 1,
        hidden,
        next,
        hiddenSlugs: slugs(hidden),
        pendingSlugs: slugs(pending),
      };
    }
    return publication;
  }

  const visible = (slug: string) => !published().hiddenSlugs.has(slug);

  /**
   * A post as of now: the preview's build marked every post dated after it `scheduled`, and the
   * mark goes once its instant passes, with no rebuild. (Production builds mark none.)
   */
  function asOfNow<T extends PostMeta>(post: T): T {
    if (!post.scheduled || published().pendingSlugs.has(post.slug)) return post;
    const { scheduled: _, ...now } = post;
    return now as T;
  }
  const allAsOfNow = <T extends PostMeta>(posts: readonly T[]): T[] => posts.map(asOfNow);

  /**
   * A list as stored (src/shared/corpus.ts), newest first: how many of its first posts are
   * hidden, and how many it has in all.
   */
  interface ListWindow {
    name: string;
    skip: number;
    length: number;
  }

  function allList(): ListWindow {
    return { name: "all", skip: published().hidden, length: corpus.posts };
  }

  function tagWindow(tag: string): ListWindow | undefined {
    const length = Object.hasOwn(corpus.tags, tag) ? (corpus.tags[tag] as number) : 0;
    const { hidden } = published();
    let skip = 0;
    for (let i = 0; i < hidden; i++) if ((corpus.scheduled[i] as CorpusManifest["scheduled"][number]).tags.includes(tag)) skip++;
    return length - skip > 0 ? { name: tagList(tag), skip, length } : undefined;
  }

  /** Visible posts `from` to `to` (0-based, end excluded) of a list, reading only their chunks. */
  async function slice(list: ListWindow, from: number, to: number): Promise<PostMeta[]> {
    const start = list.skip + Math.max(0, from);
    const end = Math.min(list.length, list.skip + to);
    if (end <= start) return [];
    const chunks: Promise<PostMeta[]>[] = [];
    for (let k = Math.floor(start / LIST_CHUNK); k <= Math.floor((end - 1) / LIST_CHUNK); k++) {
      chunks.push(corpusReader.require<PostMeta[]>(listFile(list.name, k, root)));
    }
    const first = Math.floor(start / LIST_CHUNK) * LIST_CHUNK;
    return allAsOfNow((await Promise.all(chunks)).flat().slice(start - first, end - first));
  }

  const visibleCount = (list: ListWindow) => list.length - list.skip;

  /** How many posts are published. */
  const postCount = (): number => visibleCount(allList());

  /** The published posts, newest first: every one of them (the archive, sitemap and llms.txt). */
  const allPosts = (): Promise<PostMeta[]> => slice(allList(), 0, corpus.posts);

  /** The newest published posts, at most `n`. */
  const newestPosts = (n: number): Promise<PostMeta[]> => slice(allList(), 0, n);

  /** The newest published posts, at most three, without reading a file: for error pages. */
  const recentPosts = (): PostMeta[] => allAsOfNow(corpus.recent.filter((p) => visible(p.slug)).slice(0, 3));

  /**
   * The newest change (`updated ?? date`) to any published post: the manifest knows it for the
   * posts published at build time, and the scheduled ones now live may be newer.
   */
  function newestChangeOfAll(): string | undefined {
    let newest = corpus.newest;
    for (const p of corpus.scheduled) {
      const d = p.updated ?? p.date;
      if (visible(p.slug) && (!newest || d > newest)) newest = d;
    }
    return newest;
  }

  /** Where page `n` (1-based) of `count` posts starts and ends; undefined out of range. Page 1 always exists. */
  function pageBounds(
    count: number,
    n: number,
    size = site.postsPerPage,
  ): { from: number; to: number; totalPages: number } | undefined {
    const totalPages = Math.max(1, Math.ceil(count / size));
    if (!Number.isInteger(n) || n < 1 || n > totalPages) return undefined;
    return { from: (n - 1) * size, to: Math.min(count, n * size), totalPages };
  }

  async function paged(list: ListWindow, n: number): Promise<Paged<PostMeta> | undefined> {
    const count = visibleCount(list);
    const bounds = pageBounds(count, n);
    if (!bounds) return undefined;
    return { items: await slice(list, bounds.from, bounds.to), page: n, totalPages: bounds.totalPages, count };
  }

  /** Page `n` (1-based) of the index, or undefined when out of range. Page 1 always exists. */
  const indexPage = (n: number) => paged(allList(), n);

  /** Page `n` of a tag's posts, or undefined for an unknown tag or a page out of range. */
  function tagPage(tag: string, n: number): Promise<Paged<PostMeta> | undefined> {
    const list = tagWindow(tag);
    return list ? paged(list, n) : Promise.resolve(undefined);
  }

  /** The newest published posts with a tag, at most `n`; undefined for an unknown tag. */
  function newestTagged(tag: string, n: number): Promise<PostMeta[]> | undefined {
    const list = tagWindow(tag);
    return list && slice(list, 0, n);
  }

  /** Every tag with its published post count, most used first, then alphabetical. */
  function allTags(): TagSummary[] {
    return Object.keys(corpus.tags)
      .flatMap((tag) => {
        const list = tagWindow(tag);
        return list ? [{ tag, count: visibleCount(list) }] : [];
      })
      .sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : 1));
  }

  /**
   * The corpus file of a card at `path` (`/cards/<slug>-<hash>.png`) whose post was scheduled when
   * the blog was built and is published now; undefined for any other path (src/build/cards/hidden.ts).
   */
  function scheduledCard(path: string): string | undefined {
    const post = corpus.scheduled.find((p) => p.card === path);
    return post && visible(post.slug) ? cardFile(path) : undefined;
  }

  /**
   * A published post with its body, what its page shows around it and what the build made of its
   * page (`article`, src/shared/views/article.ts), or undefined: one read. Scheduled posts not yet
   * published are never read.
   */
  async function getPost(slug: string): Promise<{ post: Post; around: PostContext; article: string | undefined } | undefined> {
    if (!visible(slug)) return undefined;
    const record = await corpusReader.read<PostRecord>(postFile(slug, root));
    if (!record) return undefined;
    const { post, newer, older, related } = record;
    const parts = record.series && allAsOfNow(record.series.filter((p) => visible(p.slug)));
    const info = post.series && seriesBySlug(post.series.slug);
    return {
      post: asOfNow(post),
      around: {
        // Hidden posts are the newest: if the newer neighbour is hidden, so is every newer post.
        newer: newer && visible(newer.slug) ? asOfNow(newer) : undefined,
        older: older && asOfNow(older),
        related: allAsOfNow(related),
        series: info && parts && parts.length > 0 ? { series: info, posts: parts } : undefined,
      },
      article: record.article,
    };
  }

  const seriesBySlug = (slug: string): Series | undefined => series.find((s) => s.slug === slug);

  /** A series with only its published posts, oldest first; undefined when none is published yet. */
  async function getSeries(slug: string): Promise<{ series: Series; posts: PostMeta[] } | undefined> {
    const s = seriesBySlug(slug);
    if (!s?.posts.some(visible)) return undefined;
    const list = await slice({ name: seriesList(slug), skip: 0, length: s.posts.length }, 0, s.posts.length);
    return { series: s, posts: list.filter((p) => visible(p.slug)) };
  }

  /** Every series with at least one published post. */
  const allSeries = (): Series[] => series.filter((s) => s.posts.some(visible));

  /** A stand-alone page (`content/pages/<slug>.md`) with its body, or undefined. */
  async function getPage(slug: string): Promise<SitePage | undefined> {
    if (!pages.some((p) => p.slug === slug)) return undefined;
    return corpusReader.require<SitePage>(pageFile(slug, root));
  }

  const allPages = (): readonly PageMeta[] => pages;

  /** The header's links to pages (`nav:` in their front matter), in order. */
  const navigationLinks = (): { slug: string; title: string }[] =>
    navigation.flatMap((slug) => {
      const p = pages.find((page) => page.slug === slug);
      return p ? [{ slug, title: p.title }] : [];
    });

  /**
   * The slug of the post an old URL of it (front matter `aliases`) leads to, or undefined. See
   * the contract above `aliases` in the generated module; src/worker/routes/aliases.ts applies it.
   */
  const aliasOf = (path: string): string | undefined => (Object.hasOwn(aliases, path) ? aliases[path] : undefined);

  /** Runs synchronous work (a render) with every path under this language's prefix. */
  const within = <T>(make: () => T): T => inLanguage(prefix, make);

  return {
    language,
    prefix,
    site,
    messages,
    within,
    published,
    isVisible: visible,
    postCount,
    allPosts,
    newestPosts,
    recentPosts,
    newestChangeOfAll,
    pageBounds,
    indexPage,
    tagPage,
    newestTagged,
    allTags,
    scheduledCard,
    getPost,
    getSeries,
    allSeries,
    getPage,
    allPages,
    navigationLinks,
    aliasOf,
    hasTag: (tag: string) => tagWindow(tag) !== undefined,
  };
}

/** One language of the blog: everything the routes read of it. */
export type Blog = ReturnType<typeof createBlog>;

/** The default language's blog: in a blog in one language, the blog. */
export const defaultBlog: Blog = createBlog({
  language: site.language,
  prefix: "",
  site,
  corpus,
  pages,
  navigation,
  series,
  aliases,
});

/** Every language's blog, the default first (site.yaml `languages`). */
export const blogs: readonly Blog[] = [defaultBlog, ...translated.map(createBlog)];

/** The language a path is in: the one whose prefix it starts with, else the default. */
export function blogOf(path: string): Blog {
  for (let i = 1; i < blogs.length; i++) {
    const b = blogs[i] as Blog;
    if (path === b.prefix || path.startsWith(`${b.prefix}/`)) return b;
  }
  return defaultBlog;
}

/**
 * The publication state of every language at once: its epoch changes whenever any language's
 * published posts do, and its next instant is the soonest of theirs.
 */
export function publishedAll(): { epoch: number; next: number } {
  if (blogs.length === 1) return defaultBlog.published();
  let epoch = 0;
  let next = Number.POSITIVE_INFINITY;
  for (const b of blogs) {
    const p = b.published();
    epoch += p.epoch;
    next = Math.min(next, p.next);
  }
  return { epoch, next };
}

export { site };
/** The default language's words, its blog's parts: for what only the default language has (federation). */
export const messages = defaultBlog.messages;
export const {
  published,
  isVisible,
  postCount,
  allPosts,
  newestPosts,
  recentPosts,
  newestChangeOfAll,
  pageBounds,
  indexPage,
  tagPage,
  newestTagged,
  allTags,
  getPost,
  getSeries,
  allSeries,
  getPage,
  allPages,
  navigationLinks,
  aliasOf,
} = defaultBlog;

/** A scheduled post's card now published, in whichever language (src/build/cards/hidden.ts). */
export function scheduledCard(path: string): string | undefined {
  for (const b of blogs) {
    const found = b.scheduledCard(path);
    if (found) return found;
  }
  return undefined;
}
