import { lazyRegExp } from "../../shared/lazy-regexp.ts";
import { words } from "../../shared/search/text.ts";

/**
 * What a search box may send, and what the search reads from it.
 *
 * Longer queries are rejected, not cut: a cut query silently searches for something the
 * reader did not type, while "at most 200 characters" is an answer they can act on (the
 * route answers 400). 200 characters is several sentences; no one types more into a
 * search box on purpose.
 */
export const MAX_QUERY_LENGTH = 200;
/**
 * Terms and phrases a query may use together (a phrase's words count as terms, and the phrase
 * itself as one more): bounds the work of any one query. A phrase costs a check of each
 * candidate's text, as a term costs a walk over its postings, so phrases share the budget.
 */
export const MAX_QUERY_TERMS = 10;

/**
 * `message` is for developers (an Error's text in benches and tests, lower-case as those are);
 * readers are told in their language by the catalogue's `searchQueryTooLong`, from `length`.
 */
export type NormalisedQuery =
  | { ok: true; query: string }
  | { ok: false; reason: "empty" | "too-long"; message: string; length?: number };

// Control characters (NUL included) and invisible format characters (bidi overrides,
// zero-width joiners) carry no meaning in a query and can disguise one; lone surrogates
// are not text.
const INVISIBLE = lazyRegExp(String.raw`[\p{Cc}\p{Cf}\p{Cs}]`, "gu");

/**
 * The query as typed, cleaned: control and format characters removed, white space collapsed,
 * NFC. Markup and `javascript:` are just text here: every output escapes it.
 */
export function normaliseQuery(q: string): NormalisedQuery {
  const query = q.replace(/\s+/g, " ").replace(INVISIBLE(), "").normalize("NFC").replace(/\s+/g, " ").trim();
  if (query === "") return { ok: false, reason: "empty", message: "the query is empty" };
  const length = Array.from(query).length;
  if (length > MAX_QUERY_LENGTH) {
    return {
      ok: false,
      reason: "too-long",
      message: `the query is ${length} characters long; at most ${MAX_QUERY_LENGTH} are allowed`,
      length,
    };
  }
  return { ok: true, query };
}

export interface QueryTerm {
  /** Folded, as in the index. */
  term: string;
  /** Also match terms that start with it: only the last word typed, and only from 2 characters. */
  prefix: boolean;
}

export interface ParsedQuery {
  /** The normalised query. */
  text: string;
  /** Every document must match each of these (a prefix term: any of its completions). */
  terms: QueryTerm[];
  /**
   * Quoted phrases of two or more words, each once: matching documents must contain the words
   * in order.
   */
  phrases: string[][];
  /** True when words or phrases beyond MAX_QUERY_TERMS were ignored. */
  truncated: boolean;
}

/**
 * Terms, phrases and the prefix term of a normalised query, its words split as the index's
 * were (`language`, the manifest's).
 */
export function parseQuery(text: string, language = "und"): ParsedQuery {
  // Quoted parts alternate with bare parts; a final unmatched quote is ignored.
  const parts = text.split('"');
  if (parts.length % 2 === 0) parts.push(parts.splice(-2).join(" "));
  const terms: QueryTerm[] = [];
  const phrases: string[][] = [];
  let truncated = false;
  const seen = new Set<string>();
  const full = () => terms.length + phrases.length >= MAX_QUERY_TERMS;
  const add = (term: string, prefix: boolean): boolean => {
    const known = terms.find((t) => t.term === term);
    if (known) {
      known.prefix &&= prefix;
      return true;
    }
    if (full()) {
      truncated = true;
      return false;
    }
    terms.push({ term, prefix });
    return true;
  };
  const lastBare = parts.length % 2 === 1 && (parts.at(-1) ?? "").trim() !== "" ? parts.length - 1 : -1;
  parts.forEach((part, i) => {
    const ws = words(part, language).map((w) => w.term);
    if (i % 2 === 1) {
      const kept = ws.filter((t) => add(t, false));
      // The same phrase twice asks nothing more: it is checked once.
      const key = ws.join(" ");
      if (kept.length < ws.length || ws.length < 2 || seen.has(key)) return;
      if (full()) truncated = true;
      else {
        phrases.push(ws);
        seen.add(key);
      }
      return;
    }
    ws.forEach((t, j) => {
      add(t, i === lastBare && j === ws.length - 1 && t.length >= 2);
    });
  });
  return { text, terms, phrases, truncated };
}
