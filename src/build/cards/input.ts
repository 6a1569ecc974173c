/**
 * What a card is drawn from, and its checks: apart from the card code that loads fonts, so the
 * build can name and check every card before any is drawn (src/build/cards/plan.ts).
 */
import type { CardColours } from "./colours.ts";
import { collapse } from "./layout.ts";

export interface CardInput {
  title: string;
  /** RFC 3339 date(-time), as posts carry it; shown as the site shows dates. */
  date: string;
  siteName: string;
  /** BCP 47 tag: the date's language and the word-breaking rules. */
  lang: string;
  /** The site's colours (`cardColours(site.stylesheet)`); the built-in ones if absent. */
  colours?: CardColours;
}

/**
 * What XML 1.0 cannot carry at all (§2.2): C0 controls other than tab, newline and carriage
 * return, lone surrogates, U+FFFE and U+FFFF. A parser rejects the whole document for one.
 */
export const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|\p{Surrogate}/gu;

/** Text as it is shown: without what XML cannot carry, whitespace runs as one space. */
export const shown = (text: string) => collapse(text.replace(NOT_XML, ""));

/** The input, if a card can be drawn from it; else a clear error naming what is wrong. */
export function checkCardInput(input: CardInput): CardInput {
  const problems: string[] = [];
  if (typeof input.title !== "string" || shown(input.title) === "") problems.push("title is empty");
  if (typeof input.date !== "string" || Number.isNaN(Date.parse(input.date)))
    problems.push(`date ${JSON.stringify(input.date)} is not a date`);
  try {
    if (Intl.getCanonicalLocales(input.lang).length !== 1) throw new Error();
  } catch {
    problems.push(`lang ${JSON.stringify(input.lang)} is not a language tag`);
  }
  if (problems.length > 0) throw new Error(`social card for ${JSON.stringify(input.title)}: ${problems.join("; ")}`);
  return input;
}
