import type { PostMeta, Series } from "../shared/types.ts";

/** What a post is shown with: its neighbours, related posts, and its series' published parts. */
export interface PostContext {
  newer?: PostMeta;
  older?: PostMeta;
  related: readonly PostMeta[];
  series?: { series: Series; posts: readonly PostMeta[] };
}
