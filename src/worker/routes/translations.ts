import { absolute } from "../../shared/paths.ts";
import { type Blog, blogs } from "../blog.ts";

/**
 * A page's languages, in a blog in several (site.yaml `languages`): the same page in each
 * language that has it now, in the order of `languages`. What the head links as `hreflang`
 * alternates, the header's switcher lists, and JSON and Markdown name as `translations`.
 */
export interface Translation {
  language: string;
  /** The page's HTML path in that language. */
  path: string;
  /** The language in itself ("Português (Brasil)"). */
  label: string;
}

/**
 * The page in every language that has it, this one (`b`) included; `pathIn` says where it is in
 * another (under that language's prefix), or undefined where it is not (a post not translated,
 * or not published yet). Empty for a blog in one language.
 */
export function translationsOf(b: Blog, pathIn: (other: Blog) => string | undefined): Translation[] {
  if (blogs.length === 1) return [];
  const names = b.site.languageNames ?? {};
  return blogs.flatMap((other) => {
    const path = other.within(() => pathIn(other));
    return path === undefined ? [] : [{ language: other.language, path, label: names[other.language] ?? other.language }];
  });
}

/** `language` and the other languages' URLs, as JSON and Markdown front matter carry them. */
export function languageFields(b: Blog, translations: readonly Translation[]) {
  if (translations.length === 0) return {};
  return {
    language: b.language,
    translations: translations
      .filter((t) => t.language !== b.language)
      .map((t) => ({ language: t.language, url: absolute(b.site, t.path) })),
  };
}
