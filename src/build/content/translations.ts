import { languagePrefix } from "../../shared/languages.ts";
import type { BuildError, Page, Post, SiteConfig } from "../../shared/types.ts";
import type { AliasClaim, AliasSpace } from "./aliases.ts";
import { type CollectionResult, slugOf } from "./collection.ts";
import { withLine } from "./field-lines.ts";
import { fileLanguage } from "./languages.ts";
import { pageSlugOf } from "./pages.ts";
import type { SourceFile } from "./pipeline.ts";
import { pageSegments } from "./reserved.ts";

/**
 * A blog in several languages, once each language is collected: which posts and pages are
 * translations of each other (the same slug), and the problems only the whole blog shows.
 * Pure: the build script passes the collections in the order of `languages`, default first.
 */

export interface Collected {
  language: string;
  result: Pick<CollectionResult, "posts" | "pages" | "aliasClaims" | "site">;
}

/**
 * Each post and page learns the other languages it is in (`translations`), in the order of
 * `languages`. Whether a translation is published yet is the Worker's to decide, per request.
 */
export function linkTranslations(collected: readonly Collected[]): void {
  const posts = collected.map((c) => new Set(c.result.posts.map((p) => p.slug)));
  const pages = collected.map((c) => new Set(c.result.pages.map((p) => p.slug)));
  const others = (sets: Set<string>[], self: number, slug: string) =>
    collected.flatMap((c, j) => (j !== self && sets[j]?.has(slug) ? [c.language] : []));
  collected.forEach((c, i) => {
    const mark = <T extends Post | Page>(list: T[], sets: Set<string>[]) => {
      for (const item of list) {
        const found = others(sets, i, item.slug);
        if (found.length > 0) item.translations = found;
        else delete item.translations;
      }
    };
    mark(c.result.posts, posts);
    mark(c.result.pages, pages);
  });
}

/**
 * What no one language's collection can see: a page named like a language's prefix (`/pt-br`
 * is that language's home), and an old URL two languages both claim.
 */
export function translationProblems(
  collected: readonly Collected[],
  pageFiles: readonly { path: string; slug: string }[],
): BuildError[] {
  const errors: BuildError[] = [];
  const site = collected[0]?.result.site;
  if (!site) return errors;
  const prefixes = collected.slice(1).map((c) => languagePrefix(site, c.language).slice(1));
  // Only a default-language page answers at /<slug>; /pt-br/ar is no language's home.
  for (const file of pageFiles) {
    if (fileLanguage(file.path) === undefined && prefixes.includes(file.slug)) {
      errors.push({
        file: file.path,
        field: "slug",
        message: `"${file.slug}" (the file name) would take /${file.slug}, the home of the blog's ${file.slug} posts: choose another name`,
      });
    }
  }
  // Drafts' aliases count, as in one language: publishing a draft never breaks a good build.
  const owner = new Map<string, AliasClaim>();
  for (const c of collected) {
    for (const claim of c.result.aliasClaims) {
      const first = owner.get(claim.path);
      if (!first) {
        owner.set(claim.path, claim);
        continue;
      }
      const say = (a: AliasClaim, b: AliasClaim) =>
        errors.push({
          file: a.file,
          field: a.field,
          message: withLine(`${JSON.stringify(a.written)} is also an alias of ${b.file}`, a.line),
        });
      say(claim, first);
      say(first, claim);
    }
  }
  return errors;
}

/**
 * Where each language's aliases live (src/build/content/aliases.ts): its prefix, and every
 * language's prefix and post and page URLs, from the files' names alone, so a language's
 * aliases are checked against all of them before any language is collected. Drafts count: a
 * draft published later never turns a good build into a broken one.
 */
export function aliasSpaces(
  site: Pick<SiteConfig, "language">,
  posts: ReadonlyMap<string, readonly SourceFile[]>,
  pages: ReadonlyMap<string, readonly SourceFile[]>,
): Map<string, AliasSpace> {
  const languages = [...new Set([...posts.keys(), ...pages.keys()])];
  const prefixes = languages.map((l) => languagePrefix(site, l)).filter((p) => p !== "");
  const taken = new Map<string, string>();
  for (const language of languages) {
    const prefix = languagePrefix(site, language);
    for (const file of posts.get(language) ?? []) taken.set(`${prefix}/posts/${slugOf(file)}`, `the URL of ${file.path}`);
    for (const file of pages.get(language) ?? []) {
      for (const segment of pageSegments(pageSlugOf(file))) taken.set(`${prefix}/${segment}`, `a URL of the page ${file.path}`);
    }
  }
  return new Map(languages.map((l) => [l, { prefix: languagePrefix(site, l), prefixes, taken }]));
}
