import { isPublished } from "./content/schedule.ts";
import type { PageMeta, Post, PostMeta, Series, SiteConfig, Page as SitePage } from "./content/types.ts";
import { preview } from "./generated/build.ts";
import { aliases, loadBody, loadPageBody, navigation, pages, posts, series, site } from "./generated/content.ts";

export type { Post, PostMeta, SiteConfig };
/**
 * The blog as the Worker sees it: lookups over the generated content, each built once per
 * isolate and only when first asked for. Ordering was decided by the pipeline (newest first);
 * nothing here re-sorts posts.
 */
export { site };

/**
 * Scheduled posts are deployed with the rest and published at their instant, checked against
 * the clock on every request: until then a post is absent everywhere (404 at its URL, in no
 * list, feed or sitemap); from then on it is everywhere at once. Posts are newest first, so the
 * ones not yet published are always a prefix. The preview (`npm start`) shows them all.
 */
interface Publication {
  /** Changes whenever the set of published posts does: what is derived from it is rebuilt. */
  epoch: number;
  /** How many of the newest posts are not published yet. */
  hidden: number;
  /** When the next scheduled post goes live (epoch ms), or Infinity. */
  next: number;
  posts: readonly PostMeta[];
}
let publication: Publication | undefined;

/** The publication state at the current instant; recomputed only once its next instant passes. */
export function published(): Publication {
  const now = Date.now();
  if (publication !== undefined && now < publication.next) return publication;
  let hidden = 0;
  if (!preview) while (hidden < posts.length && !isPublished(posts[hidden] as PostMeta, now)) hidden++;
  if (publication?.hidden !== hidden) {
    const next = hidden > 0 ? Date.parse((posts[hidden - 1] as PostMeta).date) : Number.POSITIVE_INFINITY;
    publication = { epoch: (publication?.epoch ?? 0) + 1, hidden, next, posts: posts.slice(hidden) };
  }
  return publication;
}

/** The published posts, newest first. */
export const allPosts = (): readonly PostMeta[] => published().posts;

let bySlug: Map<string, number> | undefined;
/** A published post's index in `posts`, or undefined. */
function indexOf(slug: string): number | undefined {
  bySlug ??= new Map(posts.map((p, i) => [p.slug, i]));
  const i = bySlug.get(slug);
  return i === undefined || i < published().hidden ? undefined : i;
}

/**
 * The published post with its body, or undefined. Not memoised: the body's strings are the
 * module's own constants (no copy), and what is rendered from them is kept, within a budget, by
 * the representation cache.
 */
export function getPost(slug: string): Post | undefined {
  const i = indexOf(slug);
  if (i === undefined) return undefined;
  return { ...(posts[i] as PostMeta), ...loadBody(i) };
}

/** The newer and older published neighbours of a post, in the index's order. */
export function neighbours(slug: string): { newer?: PostMeta; older?: PostMeta } {
  const i = indexOf(slug);
  if (i === undefined) return {};
  return { newer: i - 1 >= published().hidden ? posts[i - 1] : undefined, older: posts[i + 1] };
}

export interface TagSummary {
  tag: string;
  count: number;
}

let tagIndex: { epoch: number; tags: Map<string, PostMeta[]> } | undefined;
function tags(): Map<string, PostMeta[]> {
  const { epoch, posts } = published();
  if (tagIndex?.epoch !== epoch) {
    tagIndex = { epoch, tags: new Map() };
    for (const post of posts) {
      for (const tag of post.tags) {
        const list = tagIndex.tags.get(tag);
        if (list) list.push(post);
        else tagIndex.tags.set(tag, [post]);
      }
    }
  }
  return tagIndex.tags;
}

/** Every tag with its post count, most used first, then alphabetical. */
export function allTags(): TagSummary[] {
  return [...tags()]
    .map(([tag, list]) => ({ tag, count: list.length }))
    .sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : 1));
}

/** The posts with a tag, newest first, or undefined for an unknown tag. */
export function postsTagged(tag: string): readonly PostMeta[] | undefined {
  return tags().get(tag);
}

export interface Page<T> {
  items: readonly T[];
  page: number;
  totalPages: number;
}

/** Page `n` (1-based) of a list, or undefined when out of range. Page 1 always exists. */
export function paginate<T>(list: readonly T[], n: number, size = site.postsPerPage): Page<T> | undefined {
  const totalPages = Math.max(1, Math.ceil(list.length / size));
  if (!Number.isInteger(n) || n < 1 || n > totalPages) return undefined;
  return { items: list.slice((n - 1) * size, n * size), page: n, totalPages };
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

/** A published post's metadata by slug (for related posts and series), or undefined. */
export function postMeta(slug: string): PostMeta | undefined {
  const i = indexOf(slug);
  return i === undefined ? undefined : posts[i];
}

/** The published posts among `slugs`, in that order. */
export const publishedAmong = (slugs: readonly string[]): PostMeta[] =>
  slugs.flatMap((slug) => {
    const p = postMeta(slug);
    return p ? [p] : [];
  });

let pageIndex: Map<string, number> | undefined;
/** A stand-alone page (`content/pages/<slug>.md`) with its body, or undefined. */
export function getPage(slug: string): SitePage | undefined {
  pageIndex ??= new Map(pages.map((p, i) => [p.slug, i]));
  const i = pageIndex.get(slug);
  return i === undefined ? undefined : { ...(pages[i] as PageMeta), ...loadPageBody(i) };
}

export const allPages = (): readonly PageMeta[] => pages;

/** The header's links to pages (`nav:` in their front matter), in order. */
export const navigationLinks = (): { slug: string; title: string }[] =>
  navigation.flatMap((slug) => {
    const p = pages.find((page) => page.slug === slug);
    return p ? [{ slug, title: p.title }] : [];
  });

/** A series with only its published posts, oldest first; undefined when none is published yet. */
export function getSeries(slug: string): { series: Series; posts: PostMeta[] } | undefined {
  const s = series.find((x) => x.slug === slug);
  const list = s ? publishedAmong(s.posts) : [];
  return s && list.length > 0 ? { series: s, posts: list } : undefined;
}

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

/** Every series with at least one published post. */
export const allSeries = (): Series[] => series.filter((s) => getSeries(s.slug) !== undefined);
