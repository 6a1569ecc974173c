/**
 * The pure half of `npm run new`: a title in, a file name and a draft post out. No Node APIs,
 * so the tests run it inside workerd and check its output against the real content pipeline.
 */
import { isSlug, MAX_TITLE } from "../src/content/fields.ts";
import { slugify } from "../src/content/slugify.ts";

/** Slugs longer than this make unwieldy URLs (slugify lives with the pipeline, which uses it too). */
export { SLUGIFY_MAX as MAX_SLUG, slugify } from "../src/content/slugify.ts";

/**
 * A YAML double-quoted scalar (YAML 1.2 §7.3.1) holding exactly `text`. JSON's escapes are all
 * valid YAML escapes; the characters YAML may not hold literally (DEL, C1 controls) are escaped too.
 */
export function yamlString(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export type NewPost = { ok: true; slug: string; text: string } | { ok: false; message: string };

/**
 * The draft for `title`, dated today (UTC, as the build compares dates, so the post is never
 * "scheduled" by a time zone). `draft: true` keeps it off the site until the author removes it.
 */
export function newPost(title: string, now: Date): NewPost {
  const trimmed = title.trim();
  if (trimmed === "") return { ok: false, message: "a title is required" };
  if (trimmed.length > MAX_TITLE) return { ok: false, message: `the title must be at most ${MAX_TITLE} characters` };
  if (/[\u0000-\u001f]/.test(trimmed)) return { ok: false, message: "the title must be one line of text" };
  const slug = slugify(trimmed);
  if (!isSlug(slug)) return { ok: false, message: "the title needs at least one letter or digit to name the file after" };
  const text = [
    "---",
    `title: ${yamlString(trimmed)}`,
    `date: ${now.toISOString().slice(0, 10)}`,
    "# description: one sentence for search results and feeds (left out, the first paragraph is used)",
    "tags: []",
    "draft: true",
    "---",
    "",
    "Write the post here, in Markdown. Delete `draft: true` to publish it.",
    "",
  ].join("\n");
  return { ok: true, slug, text };
}
