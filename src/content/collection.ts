import { CONTROL, isSlug, MAX_SLUG, validateFields } from "./fields.ts";
import { splitFrontMatter } from "./frontmatter.ts";
import { countWords, deriveDescription, lexMarkdown, readingTime, renderMarkdown } from "./markdown.ts";
import { preparePostMedia } from "./media-post.ts";
import { safePostHtml } from "./post-html.ts";
import { parseSite } from "./site.ts";
import type { BuildError, BuildOptions, Post, SiteConfig, SourceFile } from "./types.ts";

/** Posts larger than this are almost surely a mistake (a pasted binary, a runaway export). */
export const MAX_POST_BYTES = 1024 * 1024;

/**
 * Bytes to text, strictly: a file that is not UTF-8 is an error, not mojibake on the page.
 * Pure, so the script's only job is reading files.
 */
export function decodeSource(path: string, bytes: Uint8Array): { text?: string; error?: BuildError } {
  if (bytes.byteLength > MAX_POST_BYTES) {
    const mb = (bytes.byteLength / (1024 * 1024)).toFixed(1);
    return { error: { file: path, field: "file", message: `is ${mb} MB; a post may be at most 1 MB` } };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { error: { file: path, field: "file", message: "is not valid UTF-8 text" } };
  }
}

/** `content/posts/my-post.md` (or `.markdown`) → `my-post`. */
export function slugFromPath(path: string): string {
  const name = path.split("/").pop() ?? path;
  return name.replace(/\.(md|markdown)$/i, "");
}

/** A folder post (`<slug>/index.md`) is named by its folder, any other by its file. */
export function slugOf(file: SourceFile): string {
  return file.media ? (file.path.split("/").slice(-2, -1)[0] ?? "") : slugFromPath(file.path);
}

/** `origin`: the site's, for the absolute URLs of a folder post's files in its Markdown and image. */
export function parsePost(file: SourceFile, origin = ""): { post?: Post; errors: BuildError[] } {
  const slug = slugOf(file);
  const errors: BuildError[] = [];
  const at = (field: string, message: string) => errors.push({ file: file.path, field, message });
  if (!isSlug(slug))
    at("slug", `"${slug}" (the ${file.media ? "folder" : "file"} name) must be lower-case letters, digits and hyphens`);
  else if (slug.length > MAX_SLUG) at("slug", `must be at most ${MAX_SLUG} characters, got ${slug.length}`);

  const split = splitFrontMatter(file.text);
  if (!split.ok) {
    at(split.message.startsWith("invalid YAML") ? "front matter" : "file", split.message);
    return { errors };
  }
  const { fields, problems } = validateFields(split.data);
  for (const p of problems) at(p.field, p.message);
  if (split.body.trim() === "") at("body", "is empty: a post needs some markdown after the front matter");
  if (!fields || errors.length > 0) return { errors };
  const bodyStart = split.source.length - split.body.length;
  const bodyLine = split.source.slice(0, bodyStart).split("\n").length;
  const media = file.media && preparePostMedia(split.body, file.media, origin, lexMarkdown);
  for (const p of media?.problems ?? []) at("body", `${p.message} (line ${bodyLine + p.line - 1})`);
  if (errors.length > 0) return { errors };

  let rendered: ReturnType<typeof renderMarkdown>;
  try {
    rendered = renderMarkdown(split.body, media?.lookup);
  } catch (e) {
    // A renderer bug must not stop the build from reporting every other problem.
    at("body", `could not be rendered: ${(e as Error).message}`);
    return { errors };
  }
  // Math and footnote problems first: a post that did not render is not checked further.
  for (const message of rendered.problems) at("body", message);
  if (errors.length > 0) return { errors };
  const safe = safePostHtml(rendered.html, split.body, bodyLine, lexMarkdown);
  for (const problem of safe.problems) at("body", problem);
  if (safe.html === undefined) return { errors };
  const wordCount = countWords(rendered.text);
  const post: Post = {
    slug,
    title: fields.title,
    // Derived text is one line of plain text like an authored description (see fields.ts).
    description: fields.description ?? deriveDescription((rendered.lead || rendered.text).replace(CONTROL, " ")),
    date: fields.date,
    ...(fields.updated ? { updated: fields.updated } : {}),
    tags: fields.tags,
    draft: fields.draft,
    wordCount,
    readingTimeMinutes: readingTime(wordCount),
    ...(media?.image ? { image: media.image } : {}),
    html: safe.html,
    // A folder post's files by absolute URL: the Markdown is read away from the site.
    markdown: media ? split.source.slice(0, bodyStart) + media.absoluteBody : split.source,
    bodyStart,
    headings: rendered.headings,
  };
  return { post, errors };
}

/**
 * parsePost, but a failure nobody foresaw (a library throwing on hostile input) becomes this
 * file's error: the build still reports every other file's problems, and names this one.
 */
function parseSafely(file: SourceFile, origin: string): ReturnType<typeof parsePost> {
  try {
    return parsePost(file, origin);
  } catch (e) {
    const message = (e as Error).message?.split("\n")[0] ?? String(e);
    return { errors: [{ file: file.path, field: "file", message: `could not be read: ${message}` }] };
  }
}

/** Newest first; equal dates fall back to the slug so the order never depends on the file system. */
export function byNewest(a: { date: string; slug: string }, b: { date: string; slug: string }): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}

export interface CollectionResult {
  errors: BuildError[];
  site?: SiteConfig;
  posts: Post[];
  skipped: { drafts: string[]; scheduled: string[] };
}

/**
 * The whole pipeline: site settings and post sources in, validated and sorted records out.
 * Every problem in every file is reported, so one build shows an author all there is to fix.
 */
export function buildCollection(siteFile: SourceFile, files: SourceFile[], options: BuildOptions): CollectionResult {
  const { site, errors } = parseSite(siteFile.path, siteFile.text);
  const posts: Post[] = [];
  const skipped = { drafts: [] as string[], scheduled: [] as string[] };
  const seen = new Map<string, string>();
  const now = options.now.getTime();

  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const key = slugOf(file).toLowerCase();
    const first = seen.get(key);
    if (first) errors.push({ file: file.path, field: "slug", message: `"${key}" is already used by ${first}` });
    else seen.set(key, file.path);

    const result = parseSafely(file, site?.origin ?? "");
    errors.push(...result.errors);
    if (!result.post || first) continue;
    // RFC 9110 §8.8.2.1: Last-Modified may not be in the future, and `updated` becomes it.
    if (result.post.updated && Date.parse(result.post.updated) > now) {
      errors.push({ file: file.path, field: "updated", message: "is in the future" });
      continue;
    }
    const scheduled = Date.parse(result.post.date) > now;
    if (result.post.draft && !options.includeDrafts) skipped.drafts.push(result.post.slug);
    else if (scheduled && !options.includeDrafts) skipped.scheduled.push(result.post.slug);
    // A preview shows what is not published yet, marked so it is never mistaken for the real thing.
    else posts.push(scheduled ? { ...result.post, scheduled: true } : result.post);
  }
  posts.sort(byNewest);
  return { errors, site, posts, skipped };
}

export function formatError(e: BuildError): string {
  return `${e.file} → ${e.field}: ${e.message}`;
}
