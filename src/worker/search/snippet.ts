import { lazyRegExp } from "../../shared/lazy-regexp.ts";
import {
  charLength,
  endsUnspaced,
  escapeRegExp,
  foldText,
  isUnspaced,
  MAX_TERM_LENGTH,
  markAt,
  runsOnAt,
  runsOnBefore,
  startsUnspaced,
} from "../../shared/search/text.ts";
import { escapeBlockStart, escapeMarkdownInline } from "../representations/markdown-text.ts";
import type { QueryTerm } from "./query.ts";

/**
 * A piece of a post's text with the matched words located, independent of any output
 * format: `text` is plain text (not escaped), each mark a [start, end) UTF-16 range in it.
 * snippetHtml and snippetMarkdown turn it into safe markup.
 */
export interface Snippet {
  text: string;
  marks: [number, number][];
}

export const SNIPPET_LENGTH = 200;

interface Match {
  /** The folded word, to count distinct words. */
  key: string;
  start: number;
  end: number;
}

/** Where a query's words are in folded text: [start, end) of each, in order (termPattern). */
export type TermPattern = (folded: string) => [number, number][];

/**
 * The query's words in folded text: each a whole word, a prefix term followed by at most the
 * letters that keep it a term. Null when there is nothing to find.
 *
 * A word of a script written without spaces (天気) has letters on either side in running text
 * (東京の天気は): its edges are where the segmenter put them, so no boundary is asked there. Nor
 * is one asked of another word against Han or kana, where the segmenter always ends a word
 * (runsOnAt: "api" in "APIを使う").
 *
 * The words are found with a plain alternation of them, and their boundaries tested in code: an
 * expression per query holding Unicode classes cost 2 to 4 ms to compile, for each new query.
 * What it finds is what that expression found (test/search-matchers.property.test.ts): at each
 * place, the longest word first, so an exact word is preferred over a shorter prefix there.
 */
export function termPattern(queryTerms: readonly QueryTerm[]): TermPattern | null {
  const sorted = queryTerms
    .filter((t) => t.term !== "")
    .sort((a, b) => b.term.length - a.term.length)
    .map((t) => ({
      term: t.term,
      before: !startsUnspaced(t.term),
      after: !endsUnspaced(t.term),
      // A prefix term completes to the rest of its word, but no further than a term's length; a
      // prefix of a script without spaces, to the segment (its own letters).
      rest: t.prefix && !isUnspaced(t.term) ? MAX_TERM_LENGTH - t.term.length : -1,
    }));
  if (sorted.length === 0) return null;
  const starts = new RegExp(sorted.map((t) => escapeRegExp(t.term)).join("|"), "g");
  /** Where the first of the words that fits at `p` ends, or -1. */
  const endAt = (s: string, p: number): number => {
    for (const t of sorted) {
      if (!s.startsWith(t.term, p) || (t.before && runsOnBefore(s, p))) continue;
      let end = p + t.term.length;
      if (t.rest >= 0) {
        let n = 0;
        while (end >= 0 && runsOnAt(s, end)) end = n++ === t.rest ? -1 : end + charLength(s, end);
        if (end < 0) continue;
      } else if (t.after && runsOnAt(s, end)) continue;
      if (markAt(s, end)) continue;
      return end;
    }
    return -1;
  };
  return (s) => {
    const out: [number, number][] = [];
    starts.lastIndex = 0;
    for (let m = starts.exec(s); m; m = starts.exec(s)) {
      const end = endAt(s, m.index);
      if (end >= 0) out.push([m.index, end]);
      starts.lastIndex = end >= 0 ? end : m.index + 1;
    }
    return out;
  };
}

/** The query's words in `text`, with offsets in the original text. */
function findMatches(text: string, pattern: TermPattern | null, asciiWords?: boolean): Match[] {
  if (!pattern) return [];
  const { folded, origin } = foldText(text, asciiWords);
  return pattern(folded).map(([start, end]) => ({ key: folded.slice(start, end), start: origin(start), end: origin(end) }));
}

/** Marks for `matches` within a window starting at `from`, shifted by `shift`; runs joined only by white space merge. */
function marksIn(text: string, matches: Match[], from: number, shift: number): [number, number][] {
  const marks: [number, number][] = [];
  let lastEnd = -1;
  for (const w of matches) {
    const last = marks.at(-1);
    if (last && /^\s*$/.test(text.slice(lastEnd, w.start))) last[1] = w.end - from + shift;
    else marks.push([w.start - from + shift, w.end - from + shift]);
    lastEnd = w.end;
  }
  return marks;
}

/** The whole of a short text (a title) with its matches marked. */
export function highlight(text: string, pattern: TermPattern | null): Snippet {
  return { text, marks: marksIn(text, findMatches(text, pattern), 0, 0) };
}

/** Cut at a space within `max` characters, with "…" where text was left out. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * About `length` characters of `text` around the densest run of matches: most distinct
 * words first, then most matches; widened at spaces, a third of the room before the first
 * match. Without a match, the opening of the text. `asciiWords` as for foldText.
 */
export function makeSnippet(text: string, pattern: TermPattern | null, length = SNIPPET_LENGTH, asciiWords?: boolean): Snippet {
  const matches = findMatches(text, pattern, asciiWords);
  if (matches.length === 0) return { text: clip(text.trim(), length), marks: [] };

  // Sliding window over the matches whose span fits in `length`.
  let best = { from: 0, to: 1, distinct: 0, count: 0 };
  const counts = new Map<string, number>();
  let right = 0;
  for (let left = 0; left < matches.length; left++) {
    const first = matches[left] as Match;
    if (right <= left) right = left;
    while (right < matches.length && (matches[right] as Match).end - first.start <= length) {
      const key = (matches[right] as Match).key;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      right++;
    }
    if (right > left && (counts.size > best.distinct || (counts.size === best.distinct && right - left > best.count))) {
      best = { from: left, to: right, distinct: counts.size, count: right - left };
    }
    const n = (counts.get(first.key) ?? 0) - 1;
    if (n <= 0) counts.delete(first.key);
    else counts.set(first.key, n);
  }

  const first = matches[best.from] as Match;
  const last = matches[best.to - 1] as Match;
  const room = Math.max(0, length - (last.end - first.start));
  // Back to a space at most a third of the room before the first match (or the text's start;
  // text written without spaces, such as Chinese or Japanese, is cut between characters).
  let start = Math.max(0, first.start - Math.floor(room / 3));
  if (start > 0) {
    const space = text.indexOf(" ", start);
    start = clusterStart(text, space >= 0 && space < first.start ? space + 1 : start);
  }
  // On to the last space that keeps the snippet within `length` (or the text's end).
  let end = Math.min(text.length, start + length);
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    end = space > last.end ? space : Math.max(last.end, clusterStart(text, end));
  }
  const body = text.slice(start, end).trimEnd();
  end = start + body.length;
  const before = start > 0 ? "…" : "";
  const after = end < text.length ? "…" : "";
  const inside = matches.filter((m) => m.start >= start && m.end <= end);
  return { text: `${before}${body}${after}`, marks: marksIn(text, inside, start, before.length) };
}

const LOW_SURROGATE_OR_MARK = lazyRegExp(String.raw`[\udc00-\udfff\p{M}]`, "u");

/** `i`, moved back so it does not split a surrogate pair or a letter from its combining marks. */
function clusterStart(text: string, i: number): number {
  let at = i;
  while (at > 0 && at < text.length && LOW_SURROGATE_OR_MARK().test(text[at] as string)) at--;
  return at;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

/** Text escaped for HTML, each mark wrapped in <mark>: the only markup in the result. */
export function snippetHtml(s: Snippet): string {
  return render(s, escapeHtml, "<mark>", "</mark>");
}

/**
 * Markdown that reads as the plain text, escaped as every other text the Markdown
 * representations quote (markdown-text.ts: no `*`, `<`, `[` or `&` in a post can become markup,
 * and `back-end` stays `back-end`), white space collapsed to one line, marks in **bold**. Marks
 * start and end on a word character, so the ** delimiters always pair.
 */
export function snippetMarkdown(s: Snippet): string {
  return escapeBlockStart(render(s, (t) => escapeMarkdownInline(t.replace(/\s+/g, " ")), "**", "**"));
}

function render(s: Snippet, escapeText: (t: string) => string, open: string, close: string): string {
  let out = "";
  let at = 0;
  for (const [start, end] of s.marks) {
    out += `${escapeText(s.text.slice(at, start))}${open}${escapeText(s.text.slice(start, end))}${close}`;
    at = end;
  }
  return out + escapeText(s.text.slice(at));
}
