import { preview } from "../generated/build.ts";
import { aliases, corpus, navigation, pages, series, site } from "../generated/content.ts";
import {
  type CorpusManifest,
  cardFile,
  LIST_CHUNK,
  listFile,
  type PostRecord,
  pageFile,
  postFile,
  seriesList,
  tagList,
} from "../shared/corpus.ts";
import { messagesOf } from "../shared/i18n/index.ts";
import { isPublished } from "../shared/schedule.ts";
import type { PageMeta, Post, PostMeta, Series, SiteConfig, Page as SitePage } from "../shared/types.ts";
import { corpusReader } from "./corpus/read.ts";
import type { PostContext } from "./post-context.ts";

export type { Post, PostMeta, SiteConfig };
/**
 * The blog as the Worker sees it: the manifest in the script (src/shared/corpus.ts), and the
 * posts and listings read from the assets when a request first needs them. Ordering was decided
 * by the pipeline (newest first); nothing here re-sorts posts.
 */
export { site };

/**
 * The interface's words in the site's language, with its `strings` overrides: made once per
 * isolate (two Intl objects), then passed to every view through its props.
 */
export const messages = messagesOf(site);

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
export function published(): Publication {
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
    chunks.push(corpusReader.require<PostMeta[]>(listFile(list.name, k)));
  }
  const first = Math.floor(start / LIST_CHUNK) * LIST_CHUNK;
  return allAsOfNow((await Promise.all(chunks)).flat().slice(start - first, end - first));
}

const visibleCount = (list: ListWindow) => list.length - list.skip;

/** How many posts are published. */
export const postCount = (): number => visibleCount(allList());

/** The published posts, newest first: every one of them (the archive, sitemap and llms.txt). */
export const allPosts = (): Promise<PostMeta[]> => slice(allList(), 0, corpus.posts);

/** The newest published posts, at most `n`. */
export const newestPosts = (n: number): Promise<PostMeta[]> => slice(allList(), 0, n);

/** The newest published posts, at most three, without reading a file: for error pages. */
export const recentPosts = (): PostMeta[] => allAsOfNow(corpus.recent.filter((p) => visible(p.slug)).slice(0, 3));

/**
 * The newest change (`updated ?? date`) to any published post: the manifest knows it for the
 * posts published at build time, and the scheduled ones now live may be newer.
 */
export function newestChangeOfAll(): string | undefined {
  let newest = corpus.newest;
  for (const p of corpus.scheduled) {
    const d = p.updated ?? p.date;
    if (visible(p.slug) && (!newest || d > newest)) newest = d;
  }
  return newest;
}

export interface Paged<T> {
  items: readonly T[];
  page: number;
  totalPages: number;
  /** Posts in the whole list. */
  count: number;
}

/** Where page `n` (1-based) of `count` posts starts and ends; undefined out of range. Page 1 always exists. */
export function pageBounds(
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
export const indexPage = (n: number) => paged(allList(), n);

/** Page `n` of a tag's posts, or undefined for an unknown tag or a page out of range. */
export function tagPage(tag: string, n: number): Promise<Paged<PostMeta> | undefined> {
  const list = tagWindow(tag);
  return list ? paged(list, n) : Promise.resolve(undefined);
}

/** The newest published posts with a tag, at most `n`; undefined for an unknown tag. */
export function newestTagged(tag: string, n: number): Promise<PostMeta[]> | undefined {
  const list = tagWindow(tag);
  return list && slice(list, 0, n);
}

export interface TagSummary {
  tag: string;
  count: number;
}

/** Every tag with its published post count, most used first, then alphabetical. */
export function allTags(): TagSummary[] {
  return Object.keys(corpus.tags)
    .flatMap((tag) => {
      const list = tagWindow(tag);
      return list ? [{ tag, count: visibleCount(list) }] : [];
    })
    .sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : 1));
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
 * The corpus file of a card at `path` (`/cards/<slug>-<hash>.png`) whose post was scheduled when
 * the blog was built and is published now; undefined for any other path (src/build/cards/hidden.ts).
 */
export function scheduledCard(path: string): string | undefined {
  const post = corpus.scheduled.find((p) => p.card === path);
  return post && visible(post.slug) ? cardFile(path) : undefined;
}

/** Whether a post is published (and exists), without reading it: aliases point only at posts. */
export const isVisible = visible;

/**
 * A published post with its body, what its page shows around it and what the build made of its
 * page (`article`, src/shared/views/article.ts), or undefined: one read. Scheduled posts not yet
 * published are never read.
 */
export async function getPost(
  slug: string,
): Promise<{ post: Post; around: PostContext; article: string | undefined } | undefined> {
  if (!visible(slug)) return undefined;
  const record = await corpusReader.read<PostRecord>(postFile(slug));
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
export async function getSeries(slug: string): Promise<{ series: Series; posts: PostMeta[] } | undefined> {
  const s = seriesBySlug(slug);
  if (!s?.posts.some(visible)) return undefined;
  const list = await slice({ name: seriesList(slug), skip: 0, length: s.posts.length }, 0, s.posts.length);
  return { series: s, posts: list.filter((p) => visible(p.slug)) };
}

/** Every series with at least one published post. */
export const allSeries = (): Series[] => series.filter((s) => s.posts.some(visible));

/** A stand-alone page (`content/pages/<slug>.md`) with its body, or undefined. */
export async function getPage(slug: string): Promise<SitePage | undefined> {
  if (!pages.some((p) => p.slug === slug)) return undefined;
  return corpusReader.require<SitePage>(pageFile(slug));
}

export const allPages = (): readonly PageMeta[] => pages;

/** The header's links to pages (`nav:` in their front matter), in order. */
export const navigationLinks = (): { slug: string; title: string }[] =>
  navigation.flatMap((slug) => {
    const p = pages.find((page) => page.slug === slug);
    return p ? [{ slug, title: p.title }] : [];
  });

/**
 * Where an old URL of a post now is (front matter `aliases`): the post's slug and the format the
 * old URL named, or undefined. See the contract above `aliases` in the generated module.
 */
export function aliasOf(path: string): { slug: string; format: "html" | "json" | "markdown" } | undefined {
  if (Object.hasOwn(aliases, path)) return { slug: aliases[path] as string, format: "html" };
  const twin = /^(\/posts\/[^/]+)\.(json|md)$/.exec(path);
  if (twin && Object.hasOwn(aliases, twin[1] as string)) {
    return { slug: aliases[twin[1] as string] as string, format: twin[2] === "json" ? "json" : "markdown" };
  }
  return undefined;
}
