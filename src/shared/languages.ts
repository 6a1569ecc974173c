import type { SiteConfig } from "./types.ts";

/**
 * A blog in several languages (site.yaml `languages: [en, pt-BR]`): the first is the default
 * and keeps the site's URLs as they are; each other one lives under its lower-cased tag
 * (`/pt-br/`, `/pt-br/posts/<slug>`). One place for the rule, for the build (translations'
 * files, corpus folders) and the Worker (routes) alike.
 */

/**
 * The shape of a language tag as the blog takes one (`en`, `pt-BR`, `zh-Hans`): a language of
 * two or three letters, then subtags of two to eight letters or digits. Intl decides whether a
 * tag of this shape is a real one. One rule for site.yaml, file names, card names and prefixes.
 */
const TAG = "[a-z]{2,3}(?:-[a-z0-9]{2,8})*";
/** A whole language tag, in any case. */
export const LANGUAGE_TAG: RegExp = new RegExp(`^${TAG}$`, "i");
/** A post or page file with a language before its extension (`hello.pt-br.md`): slug, language, extension. */
export const TAGGED_FILE: RegExp = new RegExp(`^(.+)\\.(${TAG})\\.(md|markdown)$`, "i");
/** A folder post's index, `index.md`, or with a language, `index.pt-br.md`: the language part with its dot. */
export const INDEX_FILE: RegExp = new RegExp(`^index(\\.${TAG})?\\.(md|markdown)$`, "i");
/** The tag's pattern, for names that carry one (a card's `hello.pt-br-<hash>.png`, a prefixed URL). */
export const TAG_PATTERN: string = TAG;

/** The blog's languages, the default first: `[site.language]` for a blog in one. */
export const languagesOf = (site: Pick<SiteConfig, "language" | "languages">): string[] => site.languages ?? [site.language];

/**
 * A post or page in one language, named as its file is (`hello`, `hello.pt-br`): what the build
 * calls it in its summary, and what its social card is named.
 */
export function nameIn(slug: string, language: string, defaultLanguage: string): string {
  return language === defaultLanguage ? slug : `${slug}.${language.toLowerCase()}`;
}

/** `""` for the default language, `/pt-br` for another. */
export function languagePrefix(site: Pick<SiteConfig, "language">, language: string): string {
  return language === site.language ? "" : `/${language.toLowerCase()}`;
}

/**
 * A language of the blog named in any case (`pt-br`, `PT-BR`), canonical (`pt-BR`); undefined
 * for one the blog does not have. File names and URL prefixes are lower-cased; site.yaml is not.
 */
export function languageNamed(site: Pick<SiteConfig, "language" | "languages">, name: string): string | undefined {
  const lower = name.toLowerCase();
  return languagesOf(site).find((l) => l.toLowerCase() === lower);
}

/**
 * The site as one of its languages shows it: that language, and its own title and description
 * and `strings` where `translations:` gives them. The default language's site is the site.
 */
export function siteIn(site: SiteConfig, language: string): SiteConfig {
  if (language === site.language) return site;
  const own = site.translations?.[language];
  const { strings: _, monthYears: _m, numbers: _n, catalogue: _c, ...rest } = site;
  return {
    ...rest,
    language,
    ...(own?.title ? { title: own.title } : {}),
    ...(own?.description ? { description: own.description } : {}),
    ...(own?.strings ? { strings: own.strings } : {}),
  };
}
