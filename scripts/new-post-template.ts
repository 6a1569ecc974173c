/**
 * The pure half of `npm run new`: a title in, a file name and a draft post out. No Node APIs,
 * so the tests run it inside workerd and check its output against the real content pipeline.
 */
import { isSlug, MAX_TITLE } from "../src/content/fields.ts";

/** Slugs longer than this make unwieldy URLs; the cut falls on a word boundary. */
export const MAX_SLUG = 80;

/** Letters NFKD does not decompose, spelled the way their languages spell them in ASCII. */
const LETTERS: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", đ: "d", ð: "d", ł: "l", þ: "th", ı: "i" };

/** "Café & Crème: Part 2" → "cafe-creme-part-2": lower-case ASCII letters, digits and hyphens. */
export function slugify(title: string, max = MAX_SLUG): string {
  const slug = title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[ßæœøđðłþı]/g, (c) => LETTERS[c] ?? c)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const dash = cut.lastIndexOf("-");
  return (dash > max / 2 ? cut.slice(0, dash) : slug.slice(0, max)).replace(/-+$/, "");
}

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
