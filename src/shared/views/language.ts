import { type Messages, messagesFor } from "../i18n/index.ts";
import type { SiteConfig } from "../types.ts";

/**
 * The language a post's own parts are made in: the record's, where it names one, else the
 * site's. (Posts may name their own language; until they do, every post is the site's.)
 */
export function languageOf(record: object, site: Pick<SiteConfig, "language">): string {
  const own = (record as { language?: unknown }).language;
  return typeof own === "string" && own !== "" ? own : site.language;
}

/** A language's tag and messages, for the parts the build pre-renders. */
export interface PageLanguage {
  lang: string;
  t: Messages;
}

/**
 * The messages of `lang`, made once per language in `memo`. The site's `strings` override the
 * words of the site's own language only: they were written in it.
 */
export function pageLanguage(
  lang: string,
  site: Pick<SiteConfig, "language" | "strings">,
  memo: Map<string, PageLanguage>,
): PageLanguage {
  let found = memo.get(lang);
  if (!found) {
    found = { lang, t: messagesFor(lang, lang === site.language ? site.strings : undefined) };
    memo.set(lang, found);
  }
  return found;
}
