/**
 * The query's words and phrases found with one regular expression per query, as the Worker did
 * before it found them in code (src/worker/search/snippet.ts `termPattern`, search.ts
 * `phrasePattern`), and with the rule it gained since: no word ends before a combining mark
 * (`(?!\p{M})`: か is not found in が). Kept as the reference the code is held to
 * (test/search-matchers.property.test.ts): each new query compiled two or three expressions with
 * Unicode classes, 2 to 4 ms apiece.
 */
import {
  endsUnspaced,
  escapeRegExp,
  isUnspaced,
  MAX_TERM_LENGTH,
  meetWithoutSpace,
  startsUnspaced,
  WORD_CHAR,
  WORD_CHAR_NOT_CJK,
} from "../../src/shared/search/text.ts";
import type { QueryTerm } from "../../src/worker/search/query.ts";

export function termRegExp(queryTerms: readonly QueryTerm[]): RegExp | null {
  if (queryTerms.length === 0) return null;
  const sorted = [...queryTerms].sort((a, b) => b.term.length - a.term.length);
  const rest = (t: QueryTerm) => `${WORD_CHAR_NOT_CJK}{0,${MAX_TERM_LENGTH - t.term.length}}`;
  const body = (t: QueryTerm) => (t.prefix ? `${escapeRegExp(t.term)}${rest(t)}` : escapeRegExp(t.term));
  if (!sorted.some((t) => isUnspaced(t.term))) {
    return new RegExp(`(?<!${WORD_CHAR_NOT_CJK})(?:${sorted.map(body).join("|")})(?!${WORD_CHAR_NOT_CJK})(?!\\p{M})`, "gu");
  }
  const bounded = (t: QueryTerm) => {
    const before = startsUnspaced(t.term) ? "" : `(?<!${WORD_CHAR_NOT_CJK})`;
    const after = endsUnspaced(t.term) ? "" : `(?!${WORD_CHAR_NOT_CJK})`;
    return `${before}${t.prefix && !isUnspaced(t.term) ? body(t) : escapeRegExp(t.term)}${after}(?!\\p{M})`;
  };
  return new RegExp(`(?:${sorted.map(bounded).join("|")})`, "gu");
}

export function phraseRegExp(phrase: readonly string[]): { folded: RegExp; plain: RegExp } {
  const gap = (a: string, b: string) => `[^${WORD_CHAR.slice(1, -1)}]${meetWithoutSpace(a, b) ? "*" : "+"}`;
  const body = phrase
    .map((w, i) => (i === 0 ? escapeRegExp(w) : `${gap(phrase[i - 1] as string, w)}${escapeRegExp(w)}`))
    .join("");
  const first = phrase[0] ?? "";
  const last = phrase.at(-1) ?? "";
  const source = `${startsUnspaced(first) ? "" : `(?<!${WORD_CHAR_NOT_CJK})`}${body}${endsUnspaced(last) ? "" : `(?!${WORD_CHAR_NOT_CJK})`}(?!\\p{M})`;
  return { folded: new RegExp(source, "u"), plain: new RegExp(source, "iu") };
}
