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
/** Terms a query may use, phrase words included: bounds the work of any one query. */
export const MAX_QUERY_TERMS = 10;

export type NormalisedQuery = { ok: true; query: string } | { ok: false; reason: "empty" | "too-long"; message: string };

// Control characters (NUL included) and invisible format characters (bidi overrides,
// zero-width joiners) carry no meaning in a query and can disguise one; lone surrogates
// are not text.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}]/gu;

/**
 * The query as typed, cleaned: control and format characters removed, white space collapsed,
 * NFC. Markup and `javascript:` are just text here: every output escapes it.
 */
export function normaliseQuery(q: string): NormalisedQuery {
  const query = q.replace(/\s+/g, " ").replace(INVISIBLE, "").normalize("NFC").replace(/\s+/g, " ").trim();
  if (query === "") return { ok: false, reason: "empty", message: "the query is empty" };
  const length = Array.from(query).length;
  if (length > MAX_QUERY_LENGTH) {
    return {
      ok: false,
      reason: "too-long",
      message: `the query is ${length} characters long; at most ${MAX_QUERY_LENGTH} are allowed`,
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
  /** Quoted phrases of two or more words: matching documents must contain the words in order. */
  phrases: string[][];
  /** True when words beyond MAX_QUERY_TERMS were ignored. */
  truncated: boolean;
}

/** Terms, phrases and the prefix term of a normalised query. */
export function parseQuery(text: string): ParsedQuery {
  // Quoted parts alternate with bare parts; a final unmatched quote is ignored.
  const parts = text.split('"');
  if (parts.length % 2 === 0) parts.push(parts.splice(-2).join(" "));
  const terms: QueryTerm[] = [];
  const phrases: string[][] = [];
  let truncated = false;
  const add = (term: string, prefix: boolean): boolean => {
    const known = terms.find((t) => t.term === term);
    if (known) {
      known.prefix &&= prefix;
      return true;
    }
    if (terms.length >= MAX_QUERY_TERMS) {
      truncated = true;
      return false;
    }
    terms.push({ term, prefix });
    return true;
  };
  const lastBare = parts.length % 2 === 1 && (parts.at(-1) ?? "").trim() !== "" ? parts.length - 1 : -1;
  parts.forEach((part, i) => {
    const ws = words(part).map((w) => w.term);
    if (i % 2 === 1) {
      const kept = ws.filter((t) => add(t, false));
      if (kept.length === ws.length && ws.length > 1) phrases.push(ws);
      return;
    }
    ws.forEach((t, j) => {
      add(t, i === lastBare && j === ws.length - 1 && t.length >= 2);
    });
  });
  return { text, terms, phrases, truncated };
}
