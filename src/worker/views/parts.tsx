import { raw } from "hono/utils/html";
import type { Messages } from "../../shared/i18n/index.ts";
import type { PostMeta } from "../../shared/types.ts";
import { badge, type ListedPost, type PagerLink, pager, postList, postSummary, tagList, time } from "../../shared/views/parts.ts";

/**
 * The shared parts (src/shared/views/parts.ts, made as strings so the build can pre-render
 * them) as components, for the pages still written in JSX and for tests.
 */

export type { PagerLink };

export const FormattedDate = ({ iso, text, lang }: { iso: string; text?: string; lang: string }) => raw(time(iso, text, lang));

export const TagList = ({ tags, label }: { tags: readonly string[]; label: string }) => raw(tagList(tags, label));

export const StatusBadge = ({ post, t }: { post: PostMeta; t: Messages }) => raw(badge(post, t));

export const PostSummary = ({ post, lang, t }: { post: ListedPost; lang: string; t: Messages }) =>
  raw(postSummary(post, t, lang));

export const PostList = ({ posts, lang, t }: { posts: readonly ListedPost[]; lang: string; t: Messages }) =>
  raw(postList(posts, t, lang));

export const Pager = ({ newer, older, label }: { newer?: PagerLink; older?: PagerLink; label: string }) =>
  raw(pager(newer, older, label));
