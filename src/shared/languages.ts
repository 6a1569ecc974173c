import type { SiteConfig } from "./types.ts";

/**
 * A blog in several languages (site.yaml `languages: [en, pt-BR]`): the first is the default
 * and keeps the site's URLs as they are; each other one lives under its lower-cased tag
 * (`/pt-br/`, `/pt-br/posts/<slug>`). One place for the rule, for the build (translations'
 * files, corpus folders) and the Worker (routes) alike.
 */

/** The blog's languages, the default first: `[site.language]` for a blog in one. */
export const languagesOf = (site: Pick<SiteConfig, "language" | "languages">): string[] => site.languages ?? [site.language];

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
  const { strings: _, monthYears: _m, ...rest } = site;
  return {
    ...rest,
    language,
    ...(own?.title ? { title: own.title } : {}),
    ...(own?.description ? { description: own.description } : {}),
    ...(own?.strings ? { strings: own.strings } : {}),
  };
}
