/**
 * Line breaking and fitting for a card's title: pure functions of text and a width function,
 * so they are tested without fonts. SVG has no automatic wrapping, and resvg none either: the
 * card decides every line itself, from widths measured with the same fonts the renderer uses.
 */

/** Width of a string at the size being tried, in pixels. */
export type Width = (text: string) => number;

// Line-breaking rules after UAX #14 and JIS X 4051 (kinsoku), reduced to what a title needs.
/** Never at the start of a line: closing punctuation, small kana, iteration and length marks. */
const NO_BREAK_BEFORE = new Set(
  "!),.:;?]}¢°’”‰′″℃、。〃〉》」』】〕〗〙〛〜ゝゞ・ーヽヾ！％），．：；？］｝｡｣､･ｰ…‥ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々〻",
);
/** Never at the end of a line: opening brackets and quotes. */
const NO_BREAK_AFTER = new Set("([{£¥‘“〈《「『【〔〖〘〚〝（［｛｢");
/** Scripts written without spaces between words, where a line may break between words (or characters). */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
const DASH = /[-‐–—/]$/u;

const segmenters = new Map<string, { words: Intl.Segmenter; graphemes: Intl.Segmenter }>();
function segmenter(lang: string) {
  let s = segmenters.get(lang);
  if (!s) {
    s = {
      words: new Intl.Segmenter(lang, { granularity: "word" }),
      graphemes: new Intl.Segmenter(lang, { granularity: "grapheme" }),
    };
    segmenters.set(lang, s);
  }
  return s;
}

export function graphemes(text: string, lang = "en"): string[] {
  return Array.from(segmenter(lang).graphemes.segment(text), (s) => s.segment);
}

/** Whitespace runs become one space, and the ends are trimmed: the title as one line of text. */
export const collapse = (text: string) => text.replace(/\s+/gu, " ").trim();

/**
 * Splits text into the smallest pieces a line may not break inside. Each piece carries the
 * space that follows it, so joining the pieces gives the text back. Words come from the
 * locale's word segmenter (dictionary-based for Japanese, Chinese, Thai), so a line in those
 * languages breaks between words rather than anywhere.
 */
export function breakUnits(text: string, lang: string): string[] {
  const segments = Array.from(segmenter(lang).words.segment(text), (s) => ({ text: s.segment, word: s.isWordLike === true }));
  const units: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const prev = segments[i - 1];
    if (prev && units.length > 0 && mayBreak(prev, seg)) units.push(seg.text);
    else if (units.length > 0) units[units.length - 1] += seg.text;
    else units.push(seg.text);
  }
  return units;
}

function mayBreak(prev: { text: string; word: boolean }, next: { text: string; word: boolean }): boolean {
  const before = prev.text.at(-1)!;
  const after = next.text[0]!;
  if (/\s/u.test(before)) return true;
  if (/\s/u.test(after) || NO_BREAK_BEFORE.has(after) || NO_BREAK_AFTER.has(before)) return false;
  if (prev.word && next.word) return true; // words that touch: a script without spaces
  if (CJK.test(before) || CJK.test(after)) return true;
  return DASH.test(prev.text) && next.word; // after the hyphen of "well-known", or a slash
}

/**
 * Greedy line filling: as many units on a line as fit in `maxWidth` (trailing space not
 * counted). A unit wider than a whole line (a long URL, a very long word) is cut between
 * graphemes, the only way it can be shown. Returns the units of each line.
 *
 * A line's width is the sum of its units' widths: `width` is asked about each unit alone,
 * never about every prefix of a line, which keeps a card's layout to a few dozen shapings.
 * (Kerning across a unit boundary, almost always a space, is not counted: the caller leaves
 * a little slack for it.)
 */
export function wrap(units: readonly string[], maxWidth: number, width: Width, lang = "en"): string[][] {
  const lines: string[][] = [];
  let line: string[] = [];
  let used = 0;
  const push = (unit: string) => {
    if (line.length > 0 && used + width(unit.trimEnd()) > maxWidth) {
      lines.push(line);
      line = [];
      used = 0;
    }
    line.push(unit);
    used += width(unit);
  };
  for (const unit of units) {
    if (width(unit.trimEnd()) <= maxWidth) push(unit);
    else for (const piece of cut(unit, maxWidth, width, lang)) push(piece);
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/**
 * Cuts one over-long unit into pieces that each fit in `maxWidth`. A character that may not
 * start a line (a full stop, a small kana) takes the one before it along to the next piece.
 */
function cut(unit: string, maxWidth: number, width: Width, lang: string): string[] {
  const pieces: string[][] = [];
  let piece: string[] = [];
  let used = 0;
  for (const g of graphemes(unit, lang)) {
    if (piece.length > 0 && used + width(g.trimEnd()) > maxWidth) {
      const carried = NO_BREAK_BEFORE.has(g[0]!) && piece.length > 1 ? piece.splice(-1) : [];
      pieces.push(piece);
      piece = carried;
      used = carried.reduce((sum, c) => sum + width(c), 0);
    }
    piece.push(g);
    used += width(g);
  }
  if (piece.length > 0) pieces.push(piece);
  return pieces.map((p) => p.join(""));
}

const lineText = (units: readonly string[]) => units.join("").trimEnd();

/**
 * The same number of lines, as even as they go (CSS `text-wrap: balance`, which the site's
 * headings use): the narrowest width that still needs no more lines than the greedy fill.
 */
export function balance(units: readonly string[], maxWidth: number, width: Width, lang = "en"): string[][] {
  const greedy = wrap(units, maxWidth, width, lang);
  if (greedy.length < 2) return greedy;
  // Never narrower than the widest unit: balancing must not cut a word.
  let lo = Math.min(maxWidth, Math.max(...units.map((u) => width(u.trimEnd()))));
  let hi = maxWidth;
  if (wrap(units, lo, width, lang).length <= greedy.length) return wrap(units, lo, width, lang);
  let best = greedy;
  for (let i = 0; i < 12 && hi - lo > 1; i++) {
    const mid = (lo + hi) / 2;
    const lines = wrap(units, mid, width, lang);
    if (lines.length <= greedy.length) {
      hi = mid;
      best = lines;
    } else lo = mid;
  }
  return best;
}

const ELLIPSIS = "…";
const TRAILING = /[\s,.;:!?、。，．：；！？·\-–—/]+$/u;

/**
 * One line ending in "…" that fits in `maxWidth`, for text that goes on past it: whole units
 * dropped from the end first, so a word is cut only when it alone fills the line.
 */
export function ellipsize(units: readonly string[], maxWidth: number, width: Width, lang = "en"): string {
  const kept = [...units];
  const text = () => lineText(kept).replace(TRAILING, "") + ELLIPSIS;
  while (kept.length > 1 && width(text()) > maxWidth) kept.pop();
  if (width(text()) <= maxWidth) return text();
  const gs = graphemes(lineText(kept), lang);
  while (gs.length > 0 && width(gs.join("").replace(TRAILING, "") + ELLIPSIS) > maxWidth) gs.pop();
  return gs.join("").replace(TRAILING, "") + ELLIPSIS;
}

export interface FitOptions {
  maxWidth: number;
  maxHeight: number;
  maxLines: number;
  /** Font sizes to try, largest first: the first at which the whole text fits wins. */
  sizes: readonly number[];
  lineHeight: number;
  lang: string;
}

export interface Fit {
  size: number;
  lines: string[];
  /** True when the text did not fit even at the smallest size and the last line ends in "…". */
  truncated: boolean;
}

/**
 * Sets text in a box: the largest size at which it fits in the lines the box has room for,
 * lines balanced; past the smallest size, the lines that fit with the last one ellipsised.
 */
export function fitText(text: string, widthAt: (size: number) => Width, o: FitOptions): Fit {
  const units = breakUnits(collapse(text), o.lang);
  const linesAt = (size: number) => Math.max(1, Math.min(o.maxLines, Math.floor(o.maxHeight / (size * o.lineHeight))));
  for (const size of o.sizes) {
    const width = widthAt(size);
    // A size at which a word must be cut is only the last resort.
    if (units.some((u) => width(u.trimEnd()) > o.maxWidth)) continue;
    if (wrap(units, o.maxWidth, width, o.lang).length <= linesAt(size)) {
      return { size, lines: balance(units, o.maxWidth, width, o.lang).map(lineText), truncated: false };
    }
  }
  const size = o.sizes.at(-1)!;
  const width = widthAt(size);
  const all = wrap(units, o.maxWidth, width, o.lang);
  const n = linesAt(size);
  if (all.length <= n) return { size, lines: balance(units, o.maxWidth, width, o.lang).map(lineText), truncated: false };
  const lines = all.slice(0, n - 1).map(lineText);
  lines.push(ellipsize(all.slice(n - 1).flat(), o.maxWidth, width, o.lang));
  return { size, lines, truncated: true };
}
