/**
 * The one definition of a searchable word, shared by the index builder, the query parser,
 * phrase checks and snippets, so a word found by one is found by the others.
 *
 * A word is a letter or digit followed by letters, digits and combining marks; its term is
 * the word folded: NFD, combining marks removed, lower-cased, final sigma as sigma ("Café"
 * → "cafe", "CAFÉ" → "cafe", "ΟΔΟΣ" → "οδοσ"). Words longer than MAX_TERM_LENGTH are not
 * terms. Offsets always refer to the original text, so snippets quote it exactly.
 */

/** Terms longer than this are not indexed (hashes, base64, URLs run together). */
export const MAX_TERM_LENGTH = 40;

const ASCII = /^[\x20-\x7e]*$/;
const MARKS = /\p{M}/gu;

/**
 * Case and diacritics folded. ASCII, the common case, skips normalisation. Final sigma is
 * the one lower-case mapping that depends on context (JavaScript lower-cases a word-final Σ
 * to ς), so it is folded to σ: a word folds the same whole or one character at a time.
 */
export function fold(s: string): string {
  return ASCII.test(s) ? s.toLowerCase() : s.normalize("NFD").replace(MARKS, "").toLowerCase().replace(/ς/g, "σ");
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

// A letter or digit, then any letters, digits and marks: a stray mark is not a word.
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

/** Every word of `text` with its folded term, in order; over-long words are skipped. */
export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const term = fold(m[0]);
    if (term.length > MAX_TERM_LENGTH) continue;
    out.push({ term, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The terms of `text`, in order: words() without the offsets (the index builder's hot loop). */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const [word] of text.matchAll(WORD)) {
    const term = fold(word);
    if (term.length <= MAX_TERM_LENGTH) out.push(term);
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
const WORD_CHAR_AT = /[\p{L}\p{M}\p{N}]/uy;

/**
 * Whether `text` has a letter, digit or mark outside ASCII. Text without one folds by
 * lower-casing alone and keeps its offsets: the characters whose lower case differs in
 * length (İ) or depends on context (Σ) are letters. Dashes, curly quotes and symbols do not
 * count. (Scanning for non-ASCII first, then testing only those characters, is several
 * times faster than one Unicode-class regular expression over the whole text.)
 */
export function hasNonAsciiWordChar(text: string): boolean {
  NON_ASCII.lastIndex = 0;
  for (let m = NON_ASCII.exec(text); m; m = NON_ASCII.exec(text)) {
    WORD_CHAR_AT.lastIndex = m.index;
    if (WORD_CHAR_AT.test(text)) return true;
  }
  return false;
}

/** `asciiWords`: what hasNonAsciiWordChar(text) would say, when already known. */
export function foldText(text: string, asciiWords = !hasNonAsciiWordChar(text)): FoldedText {
  if (asciiWords) return { folded: text.toLowerCase(), origin: (i) => i };
  let folded = "";
  const map: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = ch.charCodeAt(0) < 0x80 ? ch.toLowerCase() : fold(ch);
    folded += f;
    for (let k = 0; k < f.length; k++) map.push(i);
    i += ch.length;
  }
  map.push(text.length);
  return { folded, origin: (j) => map[j] ?? text.length };
}

/** Letters and digits: what a word is made of once marks are folded away. */
export const WORD_CHAR = "[\\p{L}\\p{N}]";

/** Terms are letters and digits only, but a pattern built from input escapes it anyway. */
export const escapeRegExp = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
