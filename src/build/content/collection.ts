import { formatDate, monthYearPatterns } from "../../shared/dates.ts";
import { spellingOf } from "../../shared/i18n/numbers.ts";
import { siteIn } from "../../shared/languages.ts";
import { isPublished } from "../../shared/schedule.ts";
import type { BuildError, Page, Post, Series, SiteConfig } from "../../shared/types.ts";
import { type AliasClaim, type AliasOwner, checkAliases, parseAliases } from "./aliases.ts";
import { renderEntryBody } from "./entry-body.ts";
import { withLine } from "./field-lines.ts";
import { isSlug, MAX_SLUG, validateFields } from "./fields.ts";
import { splitFrontMatter } from "./frontmatter.ts";
import { untagged } from "./languages.ts";
import { countWords, readingTime } from "./markdown.ts";
import { collectPages, navigationOrder } from "./pages.ts";
import type { BuildOptions, ParsedPost, SourceFile } from "./pipeline.ts";
import { relatedIndexes } from "./related.ts";
import { DEFAULT_RENDER, type RenderSettings, renderSettingsFor } from "./render-settings.ts";
import { collectSeries, parseSeriesField, type SeriesMember } from "./series.ts";
import { parseSite } from "./site.ts";
import { catalogueWarning } from "./strings.ts";

/** Posts larger than this are almost surely a mistake (a pasted binary, a runaway export). */
export const MAX_POST_BYTES = 1024 * 1024;

/** One decoder for every file: making one costs more than decoding a post (a whole decode per call keeps no state). */
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

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
    return { text: STRICT_UTF8.decode(bytes) };
  } catch {
    return { error: { file: path, field: "file", message: "is not valid UTF-8 text" } };
  }
}

/** `content/posts/my-post.md` (or `.markdown`, or a translation's `my-post.pt-br.md`) → `my-post`. */
export function slugFromPath(path: string): string {
  const name = path.split("/").pop() ?? path;
  return untagged(name).replace(/\.(md|markdown)$/i, "");
}

/** A folder post (`<slug>/index.md`) is named by its folder, any other by its file. */
export function slugOf(file: SourceFile): string {
  return file.media ? (file.path.split("/").slice(-2, -1)[0] ?? "") : slugFromPath(file.path);
}

/**
 * `origin`: the site's, for the absolute URLs of a folder post's files in its Markdown and image.
 * `render`: what rendering reads of site.yaml (the alerts' titles, PeerTube servers).
 */
export function parsePost(file: SourceFile, origin = "", render: RenderSettings = DEFAULT_RENDER): ParsedPost {
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
  // A field's problem names the line it is written on, as the body's do.
  const fieldAt = (field: string, message: string) => at(field, withLine(message, split.lineOf(field)));
  const { fields, problems } = validateFields(split.data);
  for (const p of problems) fieldAt(p.field, p.message);
  const aliases = parseAliases(split.data.aliases, fieldAt, split.lineOf);
  const named = parseSeriesField(split.data, fieldAt);
  const series = named && { ...named, line: split.lineOf("series") };
  if (split.body.trim() === "") at("body", "is empty: a post needs some markdown after the front matter");
  if (!fields || errors.length > 0) return { errors };

  const shown = renderEntryBody(file, split, at, "post", origin, render);
  if (!shown) return { errors };
  const { body } = shown;
  const wordCount = countWords(body.text);
  const post: Post = {
    slug,
    title: fields.title,
    description: fields.description ?? body.description,
    date: fields.date,
    ...(fields.updated ? { updated: fields.updated } : {}),
    tags: fields.tags,
    draft: fields.draft,
    wordCount,
    readingTimeMinutes: readingTime(wordCount),
    ...(shown.image ? { image: shown.image } : {}),
    html: body.html,
    markdown: shown.markdown,
    bodyStart: body.bodyStart,
    headings: body.headings,
    related: [],
  };
  const updatedLine = fields.updated ? split.lineOf("updated") : undefined;
  return { post, errors, aliases, ...(series ? { series } : {}), ...(updatedLine ? { updatedLine } : {}) };
}

/**
 * parsePost, but a failure nobody foresaw (a library throwing on hostile input) becomes this
 * file's error: the build still reports every other file's problems, and names this one.
 */
export function parseSafely(file: SourceFile, origin: string, render: RenderSettings): ReturnType<typeof parsePost> {
  try {
    return parsePost(file, origin, render);
  } catch (e) {
    const message = (e as Error).message?.split("\n")[0] ?? String(e);
    return { errors: [{ file: file.path, field: "file", message: `could not be read: ${message}` }] };
  }
}

/**
 * Everything parsePost reads from site.yaml, and it as the memo's context: a remembered post is
 * reused only while it is the same.
 */
export function parseContext(site: SiteConfig | undefined): { origin: string; render: RenderSettings; context: string } {
  const origin = site?.origin ?? "";
  const render = renderSettingsFor(site);
  return { origin, render, context: JSON.stringify([origin, render]) };
}

/** Newest first; equal dates fall back to the slug so the order never depends on the file system. */
export function byNewest(a: { date: string; slug: string }, b: { date: string; slug: string }): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}

export interface CollectionResult {
  errors: BuildError[];
  /** Worth fixing, but not wrong enough to stop a build (a series of one post). */
  warnings: BuildError[];
  site?: SiteConfig;
  /** Newest first. Includes posts dated after the build: the Worker publishes them at their date. */
  posts: Post[];
  /** By slug. */
  pages: Page[];
  /** Slugs of the pages in the header navigation, in order. */
  navigation: string[];
  /** By slug. */
  series: Series[];
  /** Old URL → post slug (see the generated module for the router's contract). */
  aliases: Record<string, string>;
  /** Every alias, drafts' included, for the checks across a blog's languages. */
  aliasClaims: AliasClaim[];
  /** Drafts a production build leaves out: post slugs, page slugs. */
  skipped: { drafts: string[]; draftPages: string[] };
  /** Slugs of the posts dated after the build's `now`, soonest first. */
  scheduled: string[];
}

/**
 * The whole pipeline: site settings, post and page sources in, validated and sorted records out.
 * Every problem in every file is reported, so one build shows an author all there is to fix.
 */
export function buildCollection(
  siteFile: SourceFile,
  files: SourceFile[],
  options: BuildOptions,
  pageFiles: readonly SourceFile[] = [],
): CollectionResult {
  const parsed = parseSite(siteFile.path, siteFile.text);
  const errors = parsed.errors;
  // One language of a blog in several: its site is that language's (src/shared/languages.ts).
  const site = parsed.site && options.language ? siteIn(parsed.site, options.language) : parsed.site;
  let posts: Post[] = [];
  const linked: (AliasOwner & SeriesMember)[] = [];
  const drafts: string[] = [];
  const seen = new Map<string, string>();
  const now = options.now.getTime();
  const { origin, render, context } = parseContext(site);

  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const key = slugOf(file).toLowerCase();
    const first = seen.get(key);
    if (first) errors.push({ file: file.path, field: "slug", message: `"${key}" is already used by ${first}` });
    else seen.set(key, file.path);

    let result = options.memo?.get(file, context);
    if (!result) {
      result = parseSafely(file, origin, render);
      options.memo?.set(file, context, result);
    }
    errors.push(...result.errors);
    if (!result.post || first) continue;
    const post = result.post;
    // RFC 9110 §8.8.2.1: Last-Modified may not be in the future, and `updated` becomes it.
    if (post.updated && Date.parse(post.updated) > now) {
      errors.push({ file: file.path, field: "updated", message: withLine("is in the future", result.updatedLine) });
      continue;
    }
    const included = !post.draft || options.includeDrafts;
    linked.push({
      file: file.path,
      slug: post.slug,
      date: post.date,
      aliases: result.aliases ?? [],
      series: result.series,
      included,
    });
    if (!included) drafts.push(post.slug);
    // A post dated later is built in all the same: the Worker publishes it at its date, with no
    // deploy. A preview shows it at once, marked so it is never mistaken for the real thing.
    else posts.push(options.includeDrafts && !isPublished(post, now) ? withFields(post, { scheduled: true }) : post);
  }
  posts.sort(byNewest);

  const pages = collectPages(pageFiles, options, render, origin);
  errors.push(...pages.errors);
  const aliases = checkAliases(linked, pages.claimed, options.aliasSpace);
  errors.push(...aliases.errors);
  const series = collectSeries(linked);
  errors.push(...series.errors);

  // Related posts name only what is published now (in a preview, anything shown), so a post
  // never links to one the Worker is still holding back.
  const live = (i: number) => options.includeDrafts || isPublished(posts[i] as Post, now);
  const related = relatedIndexes(posts, live);
  posts = posts.map((post, i) => {
    const part = series.parts.get(post.slug);
    return withFields(post, {
      ...(site ? dateTexts(post, site.language) : {}),
      ...(part ? { series: part } : {}),
      related: (related[i] ?? []).map((j) => (posts[j] as Post).slug),
    });
  });
  if (site) {
    const patterns = monthYearPatterns(site.language);
    if (patterns) site.monthYears = patterns;
    const numbers = spellingOf(site.language);
    if (numbers) site.numbers = numbers;
  }
  const siteWarning = site ? catalogueWarning(siteFile.path, site.language) : undefined;
  const scheduled = posts
    .filter((p) => !isPublished(p, now))
    .sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : byNewest(a, b)))
    .map((p) => p.slug);

  return {
    errors,
    warnings: [...(siteWarning ? [siteWarning] : []), ...series.warnings],
    site,
    posts,
    pages: pages.pages,
    navigation: navigationOrder(pages.pages),
    series: series.series,
    aliases: aliases.map,
    aliasClaims: aliases.claims,
    skipped: { drafts, draftPages: pages.drafts },
    scheduled,
  };
}

/**
 * `{ ...post, ...fields }`, but copying each property as it is rather than reading it: a
 * remembered post's HTML and Markdown are read from the build cache only when asked for
 * (src/build/parse-cache.ts), and a spread would ask. The same keys in the same order, symbols
 * included.
 */
function withFields(post: Post, fields: Partial<Post>): Post {
  // A post with its bodies in hand has nothing to keep unread: a spread is the same, and faster.
  if (!Object.getOwnPropertyDescriptor(post, "html")?.get) return { ...post, ...fields };
  const out: Record<PropertyKey, unknown> = {};
  const from = fields as Record<PropertyKey, unknown>;
  for (const key of Reflect.ownKeys(post)) {
    const own = Object.getOwnPropertyDescriptor(post, key) as PropertyDescriptor;
    if (own.get) Object.defineProperty(out, key, own);
    else out[key] = Object.hasOwn(from, key) ? from[key] : own.value;
  }
  for (const key of Object.keys(from)) if (!Object.hasOwn(out, key)) out[key] = from[key];
  return out as unknown as Post;
}

/** A post's dates as readers see them, formatted once here rather than on every isolate. */
function dateTexts(post: Post, lang: string): Pick<Post, "dateText" | "updatedText"> {
  return {
    dateText: formatDate(post.date, lang),
    ...(post.updated ? { updatedText: formatDate(post.updated, lang) } : {}),
  };
}

export function formatError(e: BuildError): string {
  return `${e.file} → ${e.field}: ${e.message}`;
}
