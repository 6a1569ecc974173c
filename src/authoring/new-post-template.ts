/**
 * The pure half of `npm run new`: a title in, a file name and a draft post or page out, and
 * where it goes. No Node APIs, so the tests run it inside workerd and check its output against
 * the real content pipeline.
 */

import { isMap, isNode, isScalar, parseDocument } from "yaml";
import { isSlug, MAX_TITLE, singleLineProblem } from "../build/content/fields.ts";
import { reservedRouteFor } from "../build/content/reserved.ts";
import { SLUGIFY_MAX, slugify } from "../build/content/slugify.ts";

/** Slugs longer than this make unwieldy URLs (slugify lives with the pipeline, which uses it too). */
export { SLUGIFY_MAX as MAX_SLUG, slugify } from "../build/content/slugify.ts";

/**
 * A YAML double-quoted scalar (YAML 1.2 §7.3.1) holding exactly `text`. JSON's escapes are all
 * valid YAML escapes; the characters YAML may not hold literally (DEL, C1 controls) are escaped too.
 */
export function yamlString(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export type NewPost = { ok: true; slug: string; text: string } | { ok: false; message: string };

/** The title, trimmed and checked, and the slug: the one given (`--slug`), or one made from it. */
function name(title: string, given?: string): { ok: true; trimmed: string; slug: string } | { ok: false; message: string } {
  const trimmed = title.trim();
  if (trimmed === "") return { ok: false, message: "a title is required" };
  if (trimmed.length > MAX_TITLE) return { ok: false, message: `the title must be at most ${MAX_TITLE} characters` };
  // The pipeline's own rule for one-line fields (C0, DEL, C1, U+2028/9), so a draft always builds.
  const line = singleLineProblem(trimmed);
  if (line?.includes("line break")) return { ok: false, message: "the title must be one line of text" };
  if (line) return { ok: false, message: "the title must not contain control characters" };
  if (given !== undefined) {
    if (!isSlug(given) || given.length > SLUGIFY_MAX)
      return {
        ok: false,
        message: `--slug ${JSON.stringify(given)} must be lower-case letters a-z, digits and hyphens, like my-first-post`,
      };
    return { ok: true, trimmed, slug: given };
  }
  const slug = slugify(trimmed);
  // A slug of digits alone from a title with letters (日本語2 → "2") names the post after a
  // stray number: ask for a name instead, as for a title with no Latin spelling at all.
  if (isSlug(slug) && (/[a-z]/.test(slug) || !/\p{L}/u.test(trimmed))) return { ok: true, trimmed, slug };
  // Letters of a script with no letter-by-letter Latin spelling (日本語): the author names the file.
  if (/[\p{L}\p{N}]/u.test(trimmed))
    return {
      ok: false,
      message:
        "the title has no letters with a Latin spelling to name the file after: name it with --slug, like --slug my-first-post",
    };
  return { ok: false, message: "the title needs at least one letter or digit to name the file after" };
}

/**
 * The draft for `title`, dated today (UTC, as the build compares dates, so the post is never
 * "scheduled" by a time zone). `draft: true` keeps it off the site until the author removes it.
 */
export function newPost(title: string, now: Date, givenSlug?: string): NewPost {
  const named = name(title, givenSlug);
  if (!named.ok) return named;
  const { trimmed, slug } = named;
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

/**
 * The draft for a page (content/pages/<slug>.md, served at /<slug>). Pages are not dated; the
 * commented `nav` line is how a page gets into the header navigation. A title whose slug would
 * take a route of the blog (Tags, Feed) is refused here rather than by the next build.
 */
export function newPage(title: string, givenSlug?: string): NewPost {
  const named = name(title, givenSlug);
  if (!named.ok) return named;
  const { trimmed, slug } = named;
  const route = reservedRouteFor(slug);
  if (route)
    return {
      ok: false,
      message: `a page named ${slug} would take /${route}, which is the blog's own: choose another title or --slug`,
    };
  const text = [
    "---",
    `title: ${yamlString(trimmed)}`,
    "# nav: 1  (uncomment to list the page in the header navigation; lower numbers come first)",
    "# description: one sentence for search results (left out, the first paragraph is used)",
    "draft: true",
    "---",
    "",
    "Write the page here, in Markdown. Delete `draft: true` to publish it.",
    "",
  ].join("\n");
  return { ok: true, slug, text };
}

/** What `npm run new` makes: a post file (the default), a folder post, a page, or a folder page. */
export type EntryKind = "post" | "folder" | "page" | "page folder";

/**
 * Where the new entry goes, relative to content/. A folder post is `posts/<slug>/index.md`, and
 * a folder page `pages/<slug>/index.md`, so their images can sit next to them.
 */
export function entryPath(kind: EntryKind, slug: string): string {
  if (kind === "page") return `pages/${slug}.md`;
  if (kind === "page folder") return `pages/${slug}/index.md`;
  return kind === "folder" ? `posts/${slug}/index.md` : `posts/${slug}.md`;
}

/**
 * The entry already using `slug`, as a path relative to content/, or undefined: a post file
 * (`.md` or `.markdown`), a post folder, or a page, in any letter case (a case-insensitive file
 * system would make them one file; the build reports such slugs as duplicates anyway). Posts
 * and pages are one namespace here, so a slug names one thing an author can find.
 */
export function existingEntry(slug: string, names: { posts: readonly string[]; pages: readonly string[] }): string | undefined {
  const forms = new Set([slug, `${slug}.md`, `${slug}.markdown`]);
  const post = names.posts.find((n) => forms.has(n.toLowerCase()));
  if (post !== undefined) return `posts/${post}`;
  const page = names.pages.find((n) => forms.has(n.toLowerCase()));
  return page === undefined ? undefined : `pages/${page}`;
}

/**
 * A translation's draft (`npm run new -- --translate pt-BR <slug>`): the original's text, its
 * front matter and body to translate in place, marked `draft: true` so that nothing half
 * translated is published. The original's own `draft` line, if any, gives way to it, and its
 * `aliases` stay its own: they are the original's old URLs, which the translation never had.
 * Everything else is kept as the author wrote it, comments and layout included.
 */
export function translationDraft(original: string): string {
  const text = original.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (!text.startsWith("---\n")) return `---\ndraft: true\n---\n\n${text}`;
  const end = text.indexOf("\n---", 3);
  const front = withoutFields(text.slice(4, end === -1 ? undefined : end + 1), ["draft", "aliases"]);
  return `---\n${front}${front === "" || front.endsWith("\n") ? "" : "\n"}draft: true\n${end === -1 ? "---\n" : text.slice(end + 1)}`;
}

/**
 * Front matter without the named fields, each cut from its key's line to the end of its value's
 * last line (a block list may have blank or comment lines inside). Front matter YAML cannot read
 * is left as it is: the build reports it in the original already.
 */
function withoutFields(front: string, names: readonly string[]): string {
  const doc = parseDocument(front);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return front;
  const cuts = doc.contents.items.flatMap((pair) => {
    if (!isScalar(pair.key) || !names.includes(String(pair.key.value)) || !pair.key.range) return [];
    const from = front.lastIndexOf("\n", pair.key.range[0] - 1) + 1;
    const last = isNode(pair.value) && pair.value.range ? pair.value.range[1] : pair.key.range[1];
    const eol = front.indexOf("\n", Math.max(from, last - 1));
    return [[from, eol === -1 ? front.length : eol + 1] as const];
  });
  let out = front;
  for (const [from, to] of cuts.reverse()) out = out.slice(0, from) + out.slice(to);
  return out;
}

/** Where a translation goes: beside the original, named by its language, lower-cased. */
export function translationPath(original: string, language: string): string {
  const lang = language.toLowerCase();
  return original.replace(/(\/index)?\.(md|markdown)$/i, (_, index: string | undefined, ext: string) =>
    index ? `/index.${lang}.${ext}` : `.${lang}.${ext}`,
  );
}
