// The query's words and phrases are found in code (src/worker/search/snippet.ts `termPattern`,
// search.ts `phrasePattern`), not with an expression compiled per query. They must find what
// that expression found (kept in test/search-reference), on any text and any query.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldText, hasNonAsciiWordChar, terms } from "../src/shared/search/text.ts";
import { phrasePattern } from "../src/worker/search/search.ts";
import { termPattern } from "../src/worker/search/snippet.ts";
import { phraseRegExp, termRegExp } from "./search-reference/regex-matchers.ts";

/** Pieces of text in the scripts and edges that decide where a word ends. */
const piece = fc.constantFrom(
  "a",
  "ab",
  "abc",
  "edge",
  "Edge",
  "edges",
  "1",
  "x".repeat(39),
  " ",
  "-",
  ".",
  "’",
  "\n",
  "é",
  "e\u0301",
  "\u0301",
  "東京",
  "の",
  "天気",
  "ガ",
  "ー",
  "データー",
  "ไทย",
  "ภาษา",
  "हिन्दी",
  "𝐀",
  "𐐀",
  "\ud800",
  "\udc00",
  "ﬁ",
  "ＡＰＩ",
);
const text = fc.oneof(
  fc.array(piece, { maxLength: 16 }).map((xs) => xs.join("")),
  fc
    .array(fc.constantFrom("edge", "EDGE", "Cache", "a", "A1", " ", "-", "—", "’", ".", "\n", "𝌆"), { maxLength: 12 })
    .map((xs) => xs.join("")),
  fc.string({ unit: "grapheme", maxLength: 40 }),
);
/** Terms as a query has them: folded words, some of them prefixes. */
const queryTerm = fc.record({
  term: fc.oneof(
    fc.constantFrom("a", "ab", "edge", "x".repeat(39), "東京", "の", "天気", "ไทย", "1", "hin"),
    text.map((t) => terms(t)[0] ?? "a"),
  ),
  prefix: fc.boolean(),
});

/** Each run compiles the reference's expressions, a few milliseconds apiece. */
const RUNS = Number(process.env.MATCHER_RUNS ?? 400);
const TIMEOUT = 60_000;

const byRegExp = (re: RegExp | null, s: string) => (re ? [...s.matchAll(re)].map((m) => [m.index, m.index + m[0].length]) : []);

describe("the query's words, found in code", () => {
  it(
    "are found where one expression per query found them",
    () => {
      fc.assert(
        fc.property(text, fc.array(queryTerm, { maxLength: 4 }), (t, qs) => {
          const { folded } = foldText(t);
          const found = termPattern(qs)?.(folded) ?? [];
          expect(found).toEqual(byRegExp(termRegExp(qs), folded));
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "are found in the words' own text too: each term at every place it occurs",
    () => {
      fc.assert(
        fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), fc.boolean(), (pieces, prefix) => {
          const folded = foldText(pieces.join("")).folded;
          const qs = terms(pieces.join(""), "ja").map((term) => ({ term, prefix }));
          expect(termPattern(qs)?.(folded) ?? []).toEqual(byRegExp(termRegExp(qs), folded));
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});

describe("phrases, tested in code", () => {
  it(
    "match where one expression per phrase matched, folded and plain",
    () => {
      const words = fc.array(
        fc.oneof(
          fc.constantFrom("edge", "a", "東京", "の", "天気", "ไทย", "ภาษา", "1"),
          queryTerm.map((q) => q.term),
        ),
        { minLength: 2, maxLength: 4 },
      );
      fc.assert(
        fc.property(text, words, (t, phrase) => {
          const { folded } = foldText(t);
          const code = phrasePattern(phrase);
          const re = phraseRegExp(phrase);
          expect(code.folded.test(folded)).toBe(re.folded.test(folded));
          // `plain` is for text whose letters and digits are all ASCII (containsPhrases).
          if (!hasNonAsciiWordChar(t)) expect(code.plain.test(t)).toBe(re.plain.test(t));
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "match a phrase taken from the text itself",
    () => {
      fc.assert(
        fc.property(fc.array(piece, { minLength: 2, maxLength: 12 }), (pieces) => {
          const t = pieces.join("");
          const phrase = terms(t, "ja").slice(0, 3);
          fc.pre(phrase.length >= 2);
          const { folded } = foldText(t);
          expect(phrasePattern(phrase).folded.test(folded)).toBe(phraseRegExp(phrase).folded.test(folded));
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});
