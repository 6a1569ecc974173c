import type { Post, PostMeta, SiteConfig } from "./content/types.ts";
import { loadBody, posts, site } from "./generated/content.ts";

export type { Post, PostMeta, SiteConfig };
/**
 * The blog as the Worker sees it: lookups over the generated content, each built once per
 * isolate and only when first asked for. Ordering was decided by the pipeline (newest first);
 * nothing here re-sorts posts.
 */
export { site };

export const allPosts: readonly PostMeta[] = posts;

let bySlug: Map<string, number> | undefined;
function indexOf(slug: string): number | undefined {
  bySlug ??= new Map(posts.map((p, i) => [p.slug, i]));
  return bySlug.get(slug);
}

/**
 * The post with its body, or undefined. Not memoised: the body's strings are the module's own
 * constants (no copy), and what is rendered from them is kept, within a budget, by the
 * representation cache.
 */
export function getPost(slug: string): Post | undefined {
  const i = indexOf(slug);
  if (i === undefined) return undefined;
  return { ...(posts[i] as PostMeta), ...loadBody(i) };
}

/** The newer and older neighbours of a post, in the index's order. */
export function neighbours(slug: string): { newer?: PostMeta; older?: PostMeta } {
  const i = indexOf(slug);
  if (i === undefined) return {};
  return { newer: posts[i - 1], older: posts[i + 1] };
}

export interface TagSummary {
  tag: string;
  count: number;
}

let tagIndex: Map<string, PostMeta[]> | undefined;
function tags(): Map<string, PostMeta[]> {
  if (!tagIndex) {
    tagIndex = new Map();
    for (const post of posts) {
      for (const tag of post.tags) {
        const list = tagIndex.get(tag);
        if (list) list.push(post);
        else tagIndex.set(tag, [post]);
      }
    }
  }
  return tagIndex;
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
