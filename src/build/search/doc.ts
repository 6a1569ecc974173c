import type { SearchDoc } from "../../shared/search/types.ts";
import type { Post } from "../../shared/types.ts";
import { htmlToText } from "../content/markdown.ts";

/** What search indexes of a post: its fields, and its body as plain text. */
export function searchDoc(post: Post): SearchDoc {
  return {
    slug: post.slug,
    title: post.title,
    date: post.date,
    ...(post.dateText ? { dateText: post.dateText } : {}),
    tags: post.tags,
    description: post.description,
    text: htmlToText(post.html),
  };
}
