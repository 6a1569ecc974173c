/**
 * The one definition of a searchable word, shared by the index builder, the query parser,
 * phrase checks and snippets, so a word found by one is found by the others.
 *
 * A word is a letter or digit followed by letters, digits and combining marks. Scripts written
 * without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Myanmar) are split further
 * by Intl.Segmenter for the blog's language (ICU's dictionaries): "東京の天気は晴れです" is
 * 東京 / の / 天気 / は / 晴れ / です. A word's term is the word folded: lower-cased, final sigma as
 * sigma, and accents removed where a script's marks are accents ("Café" → "cafe", "ΟΔΟΣ" →
 * "οδοσ", Arabic and Hebrew vowel points) but kept where they are part of the letter (Japanese
 * kana's dakuten: が is not か; the vowel signs of Devanagari, Thai and the other Brahmic
 * scripts). Words longer than MAX_TERM_LENGTH are not terms. Offsets always refer to the
 * original text, so snippets quote it exactly.
 */

import { lazyRegExp } from "../lazy-regexp.ts";

/** Terms longer than this are not indexed (hashes, base64, URLs run together). */
export const MAX_TERM_LENGTH = 40;

const ASCII = /^[\x20-\x7e]*$/;

/**
 * Marks that are accents, removed by folding: every combining mark but those that are part of
 * their letters, which are kana's voicing marks (が is not か) and the vowel signs and viramas
 * of the Brahmic scripts of South and South-East Asia (their marks have their script, where an
 * accent is "Inherited" or Latin, Greek, Arabic, Hebrew…). Decided per mark, so a text folds the
 * same whole or a character at a time. (`v`: set subtraction, ES2024, in Node and workerd.)
 */
const ACCENTS = lazyRegExp(
  String.raw`[\p{M}--[\u3099\u309a\p{sc=Devanagari}\p{sc=Bengali}\p{sc=Gurmukhi}\p{sc=Gujarati}\p{sc=Oriya}\p{sc=Tamil}\p{sc=Telugu}\p{sc=Kannada}\p{sc=Malayalam}\p{sc=Sinhala}\p{sc=Thai}\p{sc=Lao}\p{sc=Tibetan}\p{sc=Myanmar}\p{sc=Khmer}]]`,
  "gv",
);

/**
 * Case and diacritics folded. ASCII, the common case, skips normalisation. Final sigma is
 * the one lower-case mapping that depends on context (JavaScript lower-cases a word-final Σ
 * to ς), so it is folded to σ: a word folds the same whole or one character at a time.
 * Accents go (ACCENTS), in every language: a Japanese blog still finds "cafe" in "café".
 */
export function fold(s: string): string {
  if (ASCII.test(s)) return s.toLowerCase();
  const decomposed = s.normalize("NFD");
  // Most text has no compatibility form: then both decompositions are the same.
  const plain = s.normalize("NFKD") === decomposed ? decomposed : s.replace(LETTER_OR_DIGIT(), compatible).normalize("NFD");
  return plain.replace(ACCENTS(), "").replace(JOINERS, "").toLowerCase().replace(/ς/g, "σ");
}

/**
 * Compatibility forms, written as what Unicode says they stand for (their NFKD): a ligature
 * (ﬁ → fi), a full-width letter or digit (ＡＰＩ, ２０２６, common in Japanese text), an
 * Arabic presentation form (ﻻ → لا), a styled letter (ℌ, 𝐀, ſ). Readers type the plain
 * characters, so "finance" finds "ﬁnance" and "api" finds "ＡＰＩ".
 *
 * Only a letter or digit whose decomposition is a word of its own (a letter or digit, then
 * letters, digits and marks) is replaced. "½" (1⁄2), "⒈" (1.) and "ﷺ" (a phrase) are not: they
 * would fold into several words, or a word and punctuation, where the index sees one word or
 * none. The half-width kana voicing marks (ﾞ, ﾟ) are the one exception: they stand for the
 * combining marks (U+3099, U+309A) that folding keeps with kana, so ｶﾞｲﾄﾞ folds as ガイド does.
 * (They are kana's, UNSPACED: a word with one is split by the segmenter, never by WORD alone.)
 * Decided per character, so a text folds the same whole or a character at a time, and each
 * decision is kept: a post in Japanese meets the same few hundred characters again and again.
 */
const LETTER_OR_DIGIT = lazyRegExp(String.raw`[\p{L}\p{N}]`, "gu");
const A_WORD = lazyRegExp(String.raw`^[\p{L}\p{N}][\p{L}\p{N}\p{M}]*$`, "u");
const compatibilityOf = new Map<string, string>();
function compatible(ch: string): string {
  let plain = compatibilityOf.get(ch);
  if (plain === undefined) {
    const k = ch.normalize("NFKD");
    plain = k !== ch.normalize("NFD") && (A_WORD().test(k) || ch === "\uff9e" || ch === "\uff9f") ? k : ch;
    compatibilityOf.set(ch, plain);
  }
  return plain;
}

/**
 * The zero-width non-joiner and joiner (U+200C, U+200D) inside a word: Persian writes many words
 * in parts joined by a non-joiner (می‌خواهم), the Indic scripts use both to choose a conjunct's
 * shape. Writers and keyboards are inconsistent about them and a query loses them (the search
 * strips format characters), so they are part of their word (WORD) but not of its term.
 */
const JOINERS = /[\u200c\u200d]/g;

/**
 * Han and kana, with the characters that go only with kana: its voicing marks (as folding
 * leaves them, U+3099, U+309A), the prolonged sound mark (ー), the half-width forms of those, and
 * the repeat marks. (They are of no script of their own, so `\p{sc=…}` leaves them out.)
 */
const CJK = String.raw`\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u3031-\u3035\u303c\u3099\u309a\u30fc\uff70\uff9e\uff9f`;

/**
 * Scripts written without spaces between words: a run of them is one regular-expression word,
 * and Intl.Segmenter splits it into the words a reader sees.
 */
const UNSPACED = lazyRegExp(`[${CJK}\\p{sc=Thai}\\p{sc=Lao}\\p{sc=Khmer}\\p{sc=Myanmar}]`, "u");

/** Whether `s` has a character of a script written without spaces (and so needs a segmenter). */
export const isUnspaced = (s: string): boolean => UNSPACED().test(s);
const first = (word: string) => String.fromCodePoint(word.codePointAt(0) ?? 32);
const last = (word: string) => Array.from(word.slice(-2)).at(-1) ?? " ";
/** Whether a word's first (last) character is of a script written without spaces: no word boundary is asked there. */
export const startsUnspaced = (word: string): boolean => UNSPACED().test(first(word));
export const endsUnspaced = (word: string): boolean => UNSPACED().test(last(word));

const CJK_CHAR = lazyRegExp(`[${CJK}]`, "u");
/**
 * Whether two words can be written with nothing between them and still be two words: both of
 * scripts written without spaces (東京の), or either of them Han or kana. The segmenter always
 * ends a word where Han or kana meets another script (APIを使う is API / を / 使う), but not
 * where Latin meets Thai, Lao, Khmer or Myanmar (abcไทย is one word).
 */
export const meetWithoutSpace = (a: string, b: string): boolean =>
  (endsUnspaced(a) && startsUnspaced(b)) || CJK_CHAR().test(last(a)) || CJK_CHAR().test(first(b));

/**
 * What a word is made of once accents are folded away: letters, digits and the marks folding
 * keeps (kana voicing, Brahmic vowel signs and viramas, nukta), which are part of their letters.
 */
export const WORD_CHAR = "[\\p{L}\\p{N}\\p{M}]";

/**
 * A word character that a word of a script written with spaces runs on into, as a pattern
 * (for `u` expressions): any but Han and kana, where a word always ends (meetWithoutSpace).
 * "api" is a whole word in "APIを使う", and "rust" in "Rustの話"; not in "rusty".
 */
export const WORD_CHAR_NOT_CJK = `(?:(?![${CJK}])${WORD_CHAR})`;

/*
 * Word boundaries tested in code, one character at a time, with two expressions built once per
 * isolate. A pattern per query holding these classes cost 2 to 4 ms to compile, for every new
 * query (src/worker/search/snippet.ts `termPattern`, search.ts `phrasePattern`).
 */
const RUNS_ON = lazyRegExp(WORD_CHAR_NOT_CJK, "uy");
const WORD_CHAR_Y = lazyRegExp(WORD_CHAR, "uy");
const matchesAt = (re: RegExp, s: string, i: number) => {
  re.lastIndex = i;
  return re.test(s);
};
/** Most text is ASCII: its letters and digits are word characters, the rest are not. */
const asciiWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
/** The length (1 or 2 UTF-16 units) of the character at `i`. */
export const charLength = (s: string, i: number): number => ((s.codePointAt(i) ?? 0) > 0xffff ? 2 : 1);
/** Whether the character at `i` is one a word runs on into (WORD_CHAR_NOT_CJK). */
export function runsOnAt(s: string, i: number): boolean {
  if (i >= s.length) return false;
  const c = s.charCodeAt(i);
  return c < 0x80 ? asciiWordChar(c) : matchesAt(RUNS_ON(), s, i);
}
/** Whether the character that ends at `i` is one a word runs on into. */
export function runsOnBefore(s: string, i: number): boolean {
  if (i <= 0) return false;
  const c = s.charCodeAt(i - 1);
  if (c < 0x80) return asciiWordChar(c);
  const pair = i >= 2 && c >= 0xdc00 && c <= 0xdfff && (s.charCodeAt(i - 2) & 0xfc00) === 0xd800;
  return matchesAt(RUNS_ON(), s, pair ? i - 2 : i - 1);
}
const MARK_Y = lazyRegExp("\\p{M}", "uy");
/**
 * Whether a combining mark folding kept is at `i`: it belongs to the letter before it, so no
 * word ends there (か is not a word in が, which folds to か and a voicing mark).
 */
export const markAt = (s: string, i: number): boolean => i < s.length && s.charCodeAt(i) >= 0x300 && matchesAt(MARK_Y(), s, i);
/** Where the characters from `i` that are not part of any word (WORD_CHAR) end. */
export function skipNonWord(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c < 0x80 ? asciiWordChar(c) : matchesAt(WORD_CHAR_Y(), s, i)) break;
    i += c < 0x80 ? 1 : charLength(s, i);
  }
  return i;
}

/**
 * One word segmenter per language, made on first use: a Segmenter costs far more to make than
 * to use, and a query must not pay for one each time.
 */
const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(language: string): Intl.Segmenter {
  let s = segmenters.get(language);
  if (s === undefined) {
    s = new Intl.Segmenter(language, { granularity: "word" });
    segmenters.set(language, s);
  }
  return s;
}

/**
 * The words of one regular-expression word `run` found at `at`: itself, or, when it holds a
 * script written without spaces, the word-like segments Intl.Segmenter finds in it.
 */
function* split(run: string, at: number, language: string): Generator<[string, number]> {
  if (!UNSPACED().test(run)) {
    yield [run, at];
    return;
  }
  for (const piece of segmenter(language).segment(run)) if (piece.isWordLike) yield [piece.segment, at + piece.index];
}

const NON_ASCII_RUN = /[^\x00-\x7f]+/g;

/**
 * A whole text folded, without offsets (for phrase checks): the same result as fold(text), but
 * only its non-ASCII runs go through NFD, so a long post with one accented letter costs about
 * a lower-casing, not a normalisation of every character (several times faster). Folding is
 * per character but for final sigma, which fold() maps to σ whatever its context, so folding
 * the runs apart gives the same text.
 */
export function foldAll(text: string): string {
  return text.replace(NON_ASCII_RUN, fold).toLowerCase();
}

export interface Word {
  term: string;
  /** UTF-16 offsets of the word in the original text. */
  start: number;
  end: number;
}

// A letter or digit, then any letters, digits, marks and joiners: a stray mark is not a word.
const WORD = lazyRegExp(String.raw`[\p{L}\p{N}][\p{L}\p{N}\p{M}\u200c\u200d]*`, "gu");

/**
 * Every word of `text` with its folded term, in order; over-long words are skipped. `language`
 * (a BCP 47 tag, the blog's) picks the segmenter for scripts written without spaces.
 */
export function words(text: string, language = "und"): Word[] {
  const out: Word[] = [];
  const unspaced = UNSPACED().test(text);
  for (const m of text.matchAll(WORD())) {
    if (!unspaced) {
      const term = fold(m[0]);
      if (term.length <= MAX_TERM_LENGTH) out.push({ term, start: m.index, end: m.index + m[0].length });
      continue;
    }
    for (const [word, start] of split(m[0], m.index, language)) {
      const term = fold(word);
      if (term.length <= MAX_TERM_LENGTH) out.push({ term, start, end: start + word.length });
    }
  }
  return out;
}

/**
 * The terms of `text`, in order: words() without the offsets (the index builder's hot loop).
 * Text without a script written without spaces (any Latin-script post) never meets a segmenter.
 */
export function terms(text: string, language = "und"): string[] {
  const out: string[] = [];
  if (!UNSPACED().test(text)) {
    // The words alone, as strings: a match object per word (matchAll) cost about 40% of this.
    for (const word of text.match(WORD()) ?? []) {
      const term = fold(word);
      if (term.length <= MAX_TERM_LENGTH) out.push(term);
    }
    return out;
  }
  for (const m of text.matchAll(WORD())) {
    for (const [word] of split(m[0], m.index, language)) {
      const term = fold(word);
      if (term.length <= MAX_TERM_LENGTH) out.push(term);
    }
  }
  return out;
}

/**
 * A whole text folded at once, for searching it with one regular expression (much faster
 * than splitting it into words): `folded` holds the same terms as `words(text)`, separated
 * by the same non-word characters, and `origin(i)` maps an offset in `folded` back to the
 * original text. For text whose letters are ASCII (most posts) folding keeps every offset.
 */
export interface FoldedText {
  folded: string;
  origin(i: number): number;
}

const NON_ASCII = /[^\x00-\x7f]/g;
const WORD_CHAR_AT = lazyRegExp(String.raw`[\p{L}\p{M}\p{N}\u200c\u200d]`, "uy");

/**
 * Whether `text` has a letter, digit, mark or joiner outside ASCII. Text without one folds by
 * lower-casing alone and keeps its offsets: the characters whose lower case differs in
 * length (İ) or depends on context (Σ) are letters. Dashes, curly quotes and symbols do not
 * count. (Scanning for non-ASCII first, then testing only those characters, is several
 * times faster than one Unicode-class regular expression over the whole text.)
 */
export function hasNonAsciiWordChar(text: string): boolean {
  NON_ASCII.lastIndex = 0;
  for (let m = NON_ASCII.exec(text); m; m = NON_ASCII.exec(text)) {
    const at = WORD_CHAR_AT();
    at.lastIndex = m.index;
    if (at.test(text)) return true;
  }
  return false;
}

/** `asciiWords`: what hasNonAsciiWordChar(text) would say, when already known. */
export function foldText(text: string, asciiWords = !hasNonAsciiWordChar(text)): FoldedText {
  if (asciiWords) return { folded: text.toLowerCase(), origin: (i) => i };
  let folded = "";
  const map: number[] = [];
  let i = 0;
  // Text in Chinese or Japanese is thousands of non-ASCII characters from a few hundred: each is
  // folded (normalised) once.
  const seen = new Map<string, string>();
  for (const ch of text) {
    let f: string | undefined;
    if (ch.charCodeAt(0) < 0x80) f = ch.toLowerCase();
    else {
      f = seen.get(ch);
      if (f === undefined) {
        f = fold(ch);
        seen.set(ch, f);
      }
    }
    folded += f;
    for (let k = 0; k < f.length; k++) map.push(i);
    i += ch.length;
  }
  map.push(text.length);
  return { folded, origin: (j) => map[j] ?? text.length };
}

/** Terms are letters and digits only, but a pattern built from input escapes it anyway. */
export const escapeRegExp = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
