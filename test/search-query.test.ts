// The search box's input: normaliseQuery (what is accepted) and parseQuery (what is searched).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_QUERY_LENGTH, MAX_QUERY_TERMS, normaliseQuery, parseQuery } from "../src/worker/search/index.ts";

describe("normaliseQuery", () => {
  it("keeps markup and URLs as plain text (outputs escape them)", () => {
    expect(normaliseQuery("<script>alert(1)</script>")).toEqual({ ok: true, query: "<script>alert(1)</script>" });
    expect(normaliseQuery("javascript:alert(1)")).toEqual({ ok: true, query: "javascript:alert(1)" });
    expect(normaliseQuery('"edge cache"')).toEqual({ ok: true, query: '"edge cache"' });
  });

  it("removes NUL, control and invisible format characters, and collapses white space", () => {
    expect(normaliseQuery("ru\u0000st")).toEqual({ ok: true, query: "rust" });
    expect(normaliseQuery("\u0007edge\u007f\u0085 \u200bcache\u202e")).toEqual({ ok: true, query: "edge cache" });
    expect(normaliseQuery("  edge\t\n\r cache  ")).toEqual({ ok: true, query: "edge cache" });
    expect(normaliseQuery("cafe\u0301")).toEqual({ ok: true, query: "café" });
    expect(normaliseQuery("a\ud800b")).toEqual({ ok: true, query: "ab" });
  });

  it("refuses an empty query", () => {
    for (const q of ["", "   ", "\u0000\u0001", "\u200b"]) {
      expect(normaliseQuery(q)).toEqual({ ok: false, reason: "empty", message: "the query is empty" });
    }
  });

  it(`refuses more than ${MAX_QUERY_LENGTH} characters, counted after cleaning, in code points`, () => {
    expect(normaliseQuery("a".repeat(MAX_QUERY_LENGTH))).toEqual({ ok: true, query: "a".repeat(MAX_QUERY_LENGTH) });
    expect(normaliseQuery("😀".repeat(MAX_QUERY_LENGTH))).toEqual({ ok: true, query: "😀".repeat(MAX_QUERY_LENGTH) });
    expect(normaliseQuery("a".repeat(MAX_QUERY_LENGTH + 1))).toEqual({
      ok: false,
      reason: "too-long",
      message: "the query is 201 characters long; at most 200 are allowed",
      length: 201,
    });
    expect(normaliseQuery("x".repeat(10_000))).toEqual({
      ok: false,
      reason: "too-long",
      message: "the query is 10000 characters long; at most 200 are allowed",
      length: 10_000,
    });
    expect(normaliseQuery(`rust${" ".repeat(10_000)}`)).toEqual({ ok: true, query: "rust" });
  });

  it("always returns clean text of bounded length, or a reason", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: "binary", maxLength: 300 }), fc.string({ unit: "grapheme", maxLength: 300 })),
        (q) => {
          const r = normaliseQuery(q);
          if (!r.ok) return ["empty", "too-long"].includes(r.reason);
          return (
            r.query === r.query.trim() &&
            !/[\p{Cc}\p{Cf}\p{Cs}]/u.test(r.query) &&
            !/\s\s/.test(r.query) &&
            Array.from(r.query).length <= MAX_QUERY_LENGTH
          );
        },
      ),
    );
  });
});

describe("parseQuery", () => {
  it("folds terms and matches the last one as a prefix", () => {
    expect(parseQuery("Edge CAFÉ")).toEqual({
      text: "Edge CAFÉ",
      terms: [
        { term: "edge", prefix: false },
        { term: "cafe", prefix: true },
      ],
      phrases: [],
      truncated: false,
    });
  });

  it("does not expand a one-letter last term, nor a term that ends a phrase", () => {
    expect(parseQuery("rust a").terms).toEqual([
      { term: "rust", prefix: false },
      { term: "a", prefix: false },
    ]);
    expect(parseQuery('rust "edge cache"')).toEqual({
      text: 'rust "edge cache"',
      terms: [
        { term: "rust", prefix: false },
        { term: "edge", prefix: false },
        { term: "cache", prefix: false },
      ],
      phrases: [["edge", "cache"]],
      truncated: false,
    });
  });

  it("reads a quoted single word as an exact term and ignores an unmatched quote", () => {
    expect(parseQuery('"cache"').terms).toEqual([{ term: "cache", prefix: false }]);
    expect(parseQuery('"edge cache" "workers')).toEqual({
      text: '"edge cache" "workers',
      terms: [
        { term: "edge", prefix: false },
        { term: "cache", prefix: false },
        { term: "workers", prefix: true },
      ],
      phrases: [["edge", "cache"]],
      truncated: false,
    });
  });

  it("finds no terms in punctuation, markup only as words", () => {
    expect(parseQuery("!!! ...").terms).toEqual([]);
    expect(parseQuery("<script>alert(1)</script>").terms).toEqual([
      { term: "script", prefix: false },
      { term: "alert", prefix: false },
      { term: "1", prefix: false },
    ]);
    expect(parseQuery("javascript:alert(1)").terms.map((t) => t.term)).toEqual(["javascript", "alert", "1"]);
  });

  it(`keeps at most ${MAX_QUERY_TERMS} distinct terms, and no phrase that lost a word`, () => {
    const q = parseQuery('a b c d e f g h i j k "l m" a');
    expect(q.terms.map((t) => t.term)).toEqual(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]);
    expect(q.phrases).toEqual([]);
    expect(q.truncated).toBe(true);
    expect(parseQuery("x x x x x x x x x x x x x").terms).toEqual([{ term: "x", prefix: false }]);
  });

  it("keeps each phrase once: the audit's query (the same phrase 22 times) is one phrase", () => {
    const text = Array(22).fill('"of the"').join(" ");
    expect(parseQuery(text)).toEqual({
      text,
      terms: [
        { term: "of", prefix: false },
        { term: "the", prefix: false },
      ],
      phrases: [["of", "the"]],
      truncated: false,
    });
    // The same words after folding are the same phrase.
    expect(parseQuery('"Café Au" "cafe au" "CAFE\u0301 AU"').phrases).toEqual([["cafe", "au"]]);
  });

  it(`counts each phrase toward the ${MAX_QUERY_TERMS} terms, as one more`, () => {
    // "a b" (2 words + 1 phrase), "c d" (6), "e f" (9): then "g" fills the budget, so "h" and "g h" go.
    expect(parseQuery('"a b" "c d" "e f" "g h" "i j"')).toEqual({
      text: '"a b" "c d" "e f" "g h" "i j"',
      terms: ["a", "b", "c", "d", "e", "f", "g"].map((term) => ({ term, prefix: false })),
      phrases: [
        ["a", "b"],
        ["c", "d"],
        ["e", "f"],
      ],
      truncated: true,
    });
    // Phrases of words already counted still take a place each.
    const pairs = parseQuery('"a b" "b a" "a a" "b b" "a b a" "b a b" "a a b" "b b a" "a b b" "b a a"');
    expect(pairs.terms.length + pairs.phrases.length).toBe(MAX_QUERY_TERMS);
    expect(pairs.phrases).toHaveLength(MAX_QUERY_TERMS - 2);
    expect(pairs.truncated).toBe(true);
  });

  it(`never gives more than ${MAX_QUERY_TERMS} terms and phrases, whatever the query`, () => {
    const word = fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "é", "Σ");
    const part = fc.oneof(
      word,
      fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => `"${ws.join(" ")}"`),
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 40 }), (parts) => {
        const q = parseQuery(parts.join(" "));
        expect(q.terms.length + q.phrases.length).toBeLessThanOrEqual(MAX_QUERY_TERMS);
        expect(new Set(q.phrases.map((p) => p.join(" "))).size).toBe(q.phrases.length);
      }),
    );
  });
});
