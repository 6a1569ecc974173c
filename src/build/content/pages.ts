import type { BuildError, Page, PageMeta } from "../../shared/types.ts";
import { renderEntryBody } from "./entry-body.ts";
import { withLine } from "./field-lines.ts";
import {
  type FieldProblem,
  flagField,
  isSlug,
  MAX_DESCRIPTION,
  MAX_SLUG,
  MAX_TITLE,
  parseDate,
  textField,
  typeName,
} from "./fields.ts";
import { splitFrontMatter } from "./frontmatter.ts";
import { untagged } from "./languages.ts";
import type { BuildOptions, SourceFile } from "./pipeline.ts";
import type { RenderSettings } from "./render-settings.ts";
import { reservedRouteFor } from "./reserved.ts";
import { classifyFolder, type PostEntry } from "./sources.ts";
import { unknownFieldMessage } from "./suggest.ts";

/**
 * Pages: `content/pages/<slug>.md`, or `content/pages/<slug>/index.md` with the files it shows
 * beside it, served at `/<slug>`. Parsed by the same rules as posts (front matter, one-line
 * fields, the body's renderer and allow-list, a folder's files and every image's source and alt
 * text), with their own fields: a page is not dated and not tagged, and may be listed in the
 * header navigation.
 */

export interface PageFields {
  title: string;
  description?: string;
  updated?: string;
  nav?: number;
  draft: boolean;
}

const KNOWN = ["title", "description", "updated", "nav", "draft"];
/** Post fields a page does not have, with what to write instead: more help than "unknown field". */
const NOT_ON_PAGES: Record<string, string> = {
  date: "pages have no date; use updated",
  tags: "pages have no tags",
};
/** `nav` orders the header's links; a small whole number is all it needs. */
export const MAX_NAV = 1000;

export function validatePageFields(data: Record<string, unknown>): { fields?: PageFields; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(data)) {
    const instead = Object.hasOwn(NOT_ON_PAGES, key) ? NOT_ON_PAGES[key] : undefined;
    if (instead) problems.push({ field: key, message: instead });
    else if (!KNOWN.includes(key)) problems.push({ field: key, message: unknownFieldMessage(key, KNOWN) });
  }
  if (data.title === undefined) problems.push({ field: "title", message: "is required" });
  const title = textField(data, "title", MAX_TITLE, problems);
  const description = textField(data, "description", MAX_DESCRIPTION, problems);

  let updated: string | undefined;
  if (data.updated !== undefined) {
    const parsed = parseDate(data.updated);
    if (parsed.ok) updated = parsed.iso;
    else problems.push({ field: "updated", message: parsed.message });
  }

  let nav: number | undefined;
  if (data.nav !== undefined) {
    const v = data.nav;
    if (typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= MAX_NAV) nav = v;
    else {
      const got = typeof v === "number" ? String(v) : typeName(v);
      problems.push({
        field: "nav",
        message: `must be a whole number from 0 to ${MAX_NAV} (its place in the navigation), got ${got}`,
      });
    }
  }
  const draft = flagField(data, "draft", problems);

  if (problems.length > 0 || title === undefined) return { problems };
  return {
    fields: {
      title,
      draft,
      ...(description ? { description } : {}),
      ...(updated ? { updated } : {}),
      ...(nav !== undefined ? { nav } : {}),
    },
    problems,
  };
}

/** `content/pages/about.md` (or `.markdown`, or a translation's `about.pt-br.md`) → `about`. */
export function pageSlugFromPath(path: string): string {
  const name = path.split("/").pop() ?? path;
  return untagged(name).replace(/\.(md|markdown)$/i, "");
}

/** A folder page (`<slug>/index.md`, with its files) is named by its folder, any other by its file. */
export function pageSlugOf(file: SourceFile): string {
  return file.media ? (file.path.split("/").slice(-2, -1)[0] ?? "") : pageSlugFromPath(file.path);
}

/**
 * `origin`: the site's, for the absolute URLs of a folder page's files in its Markdown and image.
 * `updatedLine`: the line of the page's `updated`, for the check that it is not in the future.
 */
export function parsePage(
  file: SourceFile,
  render?: RenderSettings,
  origin = "",
): { page?: Page; errors: BuildError[]; updatedLine?: number } {
  const slug = pageSlugOf(file);
  const named = file.media ? "the folder name" : "the file name";
  const errors: BuildError[] = [];
  const at = (field: string, message: string) => errors.push({ file: file.path, field, message });
  const route = reservedRouteFor(slug);
  if (!isSlug(slug)) at("slug", `"${slug}" (${named}) must be lower-case letters, digits and hyphens`);
  else if (slug.length > MAX_SLUG) at("slug", `must be at most ${MAX_SLUG} characters, got ${slug.length}`);
  else if (route) at("slug", `"${slug}" (${named}) would take /${route}, which is the blog's own: choose another name`);

  const split = splitFrontMatter(file.text);
  if (!split.ok) {
    at(split.message.startsWith("invalid YAML") ? "front matter" : "file", split.message);
    return { errors };
  }
  const { fields, problems } = validatePageFields(split.data);
  // A field's problem names the line it is written on, as the body's do.
  for (const p of problems) at(p.field, withLine(p.message, split.lineOf(p.field)));
  if (split.body.trim() === "") at("body", "is empty: a page needs some markdown after the front matter");
  if (!fields || errors.length > 0) return { errors };

  const shown = renderEntryBody(file, split, at, "page", origin, render);
  if (!shown) return { errors };
  const { body } = shown;
  const page: Page = {
    slug,
    title: fields.title,
    description: fields.description ?? body.description,
    ...(fields.updated ? { updated: fields.updated } : {}),
    ...(fields.nav !== undefined ? { nav: fields.nav } : {}),
    draft: fields.draft,
    ...(shown.image ? { image: shown.image } : {}),
    html: body.html,
    markdown: shown.markdown,
    bodyStart: body.bodyStart,
    headings: body.headings,
  };
  const updatedLine = fields.updated ? split.lineOf("updated") : undefined;
  return { page, errors, ...(updatedLine ? { updatedLine } : {}) };
}

/** parsePage, but a failure nobody foresaw becomes this file's error, as for posts. */
function parseSafely(file: SourceFile, render?: RenderSettings, origin?: string): ReturnType<typeof parsePage> {
  try {
    return parsePage(file, render, origin);
  } catch (e) {
    const message = (e as Error).message?.split("\n")[0] ?? String(e);
    return { errors: [{ file: file.path, field: "file", message: `could not be read: ${message}` }] };
  }
}

export interface PagesResult {
  /** The pages in this build, by slug. */
  pages: Page[];
  /**
   * Every page file with a usable slug, drafts and broken ones too: their URLs are taken whether
   * or not they are built, so an alias on one is reported in the same build as the page's problems.
   */
  claimed: { file: string; slug: string }[];
  /** Slugs of draft pages a production build leaves out. */
  drafts: string[];
  errors: BuildError[];
}

/**
 * Every page source to records, with every problem; drafts only in a preview. A page file and a
 * folder page of one slug are one URL: the second is an error, as for posts.
 */
export function collectPages(
  files: readonly SourceFile[],
  options: BuildOptions,
  render?: RenderSettings,
  origin?: string,
): PagesResult {
  const result: PagesResult = { pages: [], claimed: [], drafts: [], errors: [] };
  const seen = new Map<string, string>();
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const key = pageSlugOf(file).toLowerCase();
    const first = seen.get(key);
    if (first) result.errors.push({ file: file.path, field: "slug", message: `"${key}" is already used by ${first}` });
    else seen.set(key, file.path);
    if (!first && isSlug(key) && key === pageSlugOf(file)) result.claimed.push({ file: file.path, slug: key });
    const { page, errors, updatedLine } = parseSafely(file, render, origin);
    result.errors.push(...errors);
    if (!page || first) continue;
    // RFC 9110 §8.8.2.1: Last-Modified may not be in the future, and `updated` becomes it.
    if (page.updated && Date.parse(page.updated) > options.now.getTime()) {
      result.errors.push({ file: file.path, field: "updated", message: withLine("is in the future", updatedLine) });
      continue;
    }
    if (page.draft && !options.includeDrafts) result.drafts.push(page.slug);
    else result.pages.push(page);
  }
  result.pages.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  return result;
}

/**
 * Which entries of content/pages are pages: like content/posts, a file (`<slug>.md`) or a folder
 * (`<slug>/index.md`, its translations and its files), and nothing is skipped silently but
 * dotfiles, which no author means as content. `folderFiles` and `severalLanguages`: as for posts
 * (sources.ts).
 */
export type PageEntry = { kind: "page" } | Exclude<PostEntry, { kind: "post" }>;

export function classifyPageEntry(
  path: string,
  isDirectory: boolean,
  folderFiles: readonly string[] = [],
  severalLanguages = false,
): PageEntry {
  const name = path.split("/").pop() ?? path;
  if (name.startsWith(".")) return { kind: "ignored" };
  if (isDirectory) return classifyFolder(path, folderFiles, severalLanguages, "page");
  if (/\.(md|markdown)$/i.test(name)) return { kind: "page" };
  return {
    kind: "error",
    error: { file: path, field: "file", message: "is not a page: pages are .md or .markdown files, or folders with an index.md" },
  };
}

/**
 * The header navigation: pages that have `nav`, by `nav`, then title (ignoring case), then slug,
 * so the order never depends on the file system.
 */
export function navigationOrder(pages: readonly PageMeta[]): string[] {
  return pages
    .filter((p) => p.nav !== undefined)
    .sort(
      (a, b) =>
        (a.nav ?? 0) - (b.nav ?? 0) ||
        compare(a.title.toLowerCase(), b.title.toLowerCase()) ||
        compare(a.title, b.title) ||
        compare(a.slug, b.slug),
    )
    .map((p) => p.slug);
}

/** Code-unit order: the same on every machine, whatever its locale data. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
