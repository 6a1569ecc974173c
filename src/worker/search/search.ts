import { idf, SCORE_SCALE, shardName } from "../../shared/search/build.ts";
import { decodeNumbers } from "../../shared/search/codec.ts";
import {
  endsUnspaced,
  foldAll,
  hasNonAsciiWordChar,
  markAt,
  meetWithoutSpace,
  runsOnAt,
  runsOnBefore,
  skipNonWord,
  startsUnspaced,
} from "../../shared/search/text.ts";
import type { SearchDocRecord, SearchLoaders, SearchManifest, SearchShard } from "../../shared/search/types.ts";
import { MAX_QUERY_TERMS, type ParsedQuery, type QueryTerm } from "./query.ts";
import { highlight, makeSnippet, SNIPPET_LENGTH, type Snippet, snippetHtml, termPattern } from "./snippet.ts";

/** Completions of a prefix that take part, the most frequent first: bounds a short prefix's work. */
export const MAX_PREFIX_EXPANSIONS = 64;
/** A completion counts a little less than the word exactly as typed. */
export const PREFIX_FACTOR = 0.8;
/** Phrase queries check candidates' text in rank order; past this many, the total is a lower bound. */
export const MAX_PHRASE_CHECKS = 200;
/**
 * Files of documents a phrase query may read. The best candidates are spread over the whole
 * corpus, one file each (16 docs a file): reading 200 files would parse ~26 MB of JSON, more
 * than the isolate keeps, on every request. Candidates are checked in rank order within the
 * files of the best ones; enough files for MAX_PHRASE_CHECKS candidates packed together.
 */
export const MAX_PHRASE_FILES = 13;
/** Candidate docs read at once for phrase checks. */
const PHRASE_BATCH = 20;
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 50;

export interface SearchOptions {
  offset?: number;
  limit?: number;
  /**
   * How many of the first documents (the newest) are not published yet (0 when absent): they
   * are indexed with the rest but neither found nor counted in idf until their instant, so the
   * ranking readers see never depends on them.
   */
  hidden?: number;
}

export interface SearchHit {
  id: number;
  slug: string;
  title: string;
  date: string;
  /** The date as readers see it, when the build formatted it. */
  dateText?: string;
  score: number;
  /** The title with its matches located, and as HTML with <mark>. */
  titleMarks: Snippet;
  titleHtml: string;
  /** A passage of the text around the matches; snippetHtml is it escaped with <mark> added. */
  snippet: Snippet;
  snippetHtml: string;
}

export interface SearchResults {
  query: string;
  /** The folded terms searched, for highlighting elsewhere (prefix terms end with "*"). */
  terms: string[];
  /** Matching posts, all pages. */
  total: number;
  /** False when a phrase query stopped checking candidates: `total` is then a lower bound. */
  exact: boolean;
  /** True when the query had more than MAX_QUERY_TERMS words and phrases (the rest were ignored). */
  truncated: boolean;
  offset: number;
  limit: number;
  hits: SearchHit[];
}

/** Index of the first term ≥ `key` in the sorted list. */
function lowerBound(list: readonly string[], key: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The documents a query may show: ids from `hidden` on, `count` of them. */
interface Visible {
  hidden: number;
  count: number;
}

/**
 * Adds one query term's scores into `acc` for the documents that matched every earlier term
 * (`hits[id] === round`), and moves those documents to the next round. A prefix term scores
 * each document by its best completion. Typed arrays, not Maps: a common word has a posting
 * for nearly every post. Each completion's idf counts only the visible documents.
 */
function addTerm(
  shard: SearchShard | undefined,
  q: QueryTerm,
  round: number,
  hits: Uint8Array,
  acc: Float64Array,
  visible: Visible,
): void {
  if (!shard) return;
  const first = lowerBound(shard.terms, q.term);
  const found: number[] = [];
  if (q.prefix) {
    for (let i = first; i < shard.terms.length && (shard.terms[i] as string).startsWith(q.term); i++) found.push(i);
    // Longer postings strings = more documents: keep the most frequent completions.
    if (found.length > MAX_PREFIX_EXPANSIONS) {
      found.sort((a, b) => (shard.postings[b]?.length ?? 0) - (shard.postings[a]?.length ?? 0) || a - b);
      found.length = MAX_PREFIX_EXPANSIONS;
    }
  } else if (shard.terms[first] === q.term) found.push(first);

  // Several completions: each document's best, then added once.
  const best = found.length > 1 ? new Float64Array(acc.length).fill(-1) : undefined;
  const touched: number[] = [];
  for (const i of found) {
    const numbers = decodeNumbers(shard.postings[i] ?? "");
    // Ids ascend, and the hidden ones come first: skip them, and count the rest.
    let start = 0;
    let id = 0;
    while (start < numbers.length && id + (numbers[start] ?? 0) < visible.hidden) {
      id += numbers[start] ?? 0;
      start += 2;
    }
    const frequency = (numbers.length - start) / 2;
    if (frequency === 0) continue;
    const weight = (idf(visible.count, frequency) / SCORE_SCALE) * (shard.terms[i] === q.term ? 1 : PREFIX_FACTOR);
    for (let j = start; j < numbers.length; j += 2) {
      id += numbers[j] ?? 0;
      if (hits[id] !== round) continue;
      const score = (numbers[j + 1] ?? 0) * weight;
      if (!best) {
        acc[id] = (acc[id] ?? 0) + score;
        hits[id] = round + 1;
      } else if (score > (best[id] ?? -1)) {
        if (best[id] === -1) touched.push(id);
        best[id] = score;
      }
    }
  }
  for (const id of touched) {
    acc[id] = (acc[id] ?? 0) + (best?.[id] ?? 0);
    hits[id] = round + 1;
  }
}

/**
 * A phrase as tests: its words in order, separated only by characters that are not part of a
 * word. `folded` is for folded text; `plain` gives the same answer directly on text whose
 * letters are all ASCII, without folding it first.
 */
export interface PhrasePattern {
  folded: { test(text: string): boolean };
  plain: { test(text: string): boolean };
}

/**
 * Tested in code, as termPattern (snippet.ts) finds words, not with an expression compiled per
 * phrase (2 to 4 ms each, twice per phrase); it answers as that expression did
 * (test/search-matchers.property.test.ts).
 */
export function phrasePattern(phrase: readonly string[]): PhrasePattern {
  const first = phrase[0] ?? "";
  const last = phrase.at(-1) ?? "";
  const before = !startsUnspaced(first);
  const after = !endsUnspaced(last);
  // Between two words of scripts written without spaces (東京 の 天気), or where one is Han or
  // kana (Rust の), nothing need separate them.
  const gaps = phrase.map((w, i) => (i > 0 && meetWithoutSpace(phrase[i - 1] as string, w) ? 0 : 1));
  /** Whether the phrase starts at `p` of `s`, its boundaries included. */
  const startsAt = (s: string, p: number): boolean => {
    if (before && runsOnBefore(s, p)) return false;
    let at = p + first.length;
    for (let i = 1; i < phrase.length; i++) {
      const next = skipNonWord(s, at);
      if (next - at < (gaps[i] as number) || !s.startsWith(phrase[i] as string, next)) return false;
      at = next + (phrase[i] as string).length;
    }
    return !((after && runsOnAt(s, at)) || markAt(s, at));
  };
  const test = (s: string): boolean => {
    if (first === "") return false;
    for (let p = s.indexOf(first); p >= 0; p = s.indexOf(first, p + 1)) if (startsAt(s, p)) return true;
    return false;
  };
  // Text whose letters are all ASCII has no other word characters: a plain expression, with no
  // Unicode class to compile, tests it as it is. A word outside ASCII is not in it.
  const ascii = phrase.every((w) => /^[a-z0-9]+$/.test(w));
  const plain = ascii ? new RegExp(`(?<![a-z0-9])${phrase.join("[^a-z0-9]+")}(?![a-z0-9])`, "i") : { test: () => false };
  return { folded: { test }, plain };
}

/**
 * Whether every phrase occurs in some field of the doc (the title, description, a tag, the
 * text). Each field is folded once, whatever the number of phrases, and only when it has
 * letters outside ASCII.
 */
export function containsPhrases(doc: SearchDocRecord, phrases: readonly PhrasePattern[]): boolean {
  const fields = [doc.title, doc.description, ...doc.tags, doc.text];
  const plain = doc.asciiWords ?? !fields.some(hasNonAsciiWordChar);
  const texts = plain ? fields : fields.map(foldAll);
  return phrases.every((p) => texts.some((f) => (plain ? p.plain : p.folded).test(f)));
}

/** The `k` best of `ids` by score (ties: lower id, the newer post), best first. */
function topK(ids: Int32Array, acc: Float64Array, k: number): number[] {
  const better = (a: number, b: number) => (acc[a] ?? 0) > (acc[b] ?? 0) || (acc[a] === acc[b] && a < b);
  if (k >= ids.length) return Array.from(ids).sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
  // A min-heap of the k best so far: O(n log k), and k is a page or a few.
  const heap: number[] = [];
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && better(heap[m] as number, heap[l] as number)) m = l;
      if (r < heap.length && better(heap[m] as number, heap[r] as number)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m] as number, heap[i] as number];
      i = m;
    }
  };
  for (const id of ids) {
    if (heap.length < k) {
      heap.push(id);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!better(heap[parent] as number, heap[i] as number)) break;
        [heap[i], heap[parent]] = [heap[parent] as number, heap[i] as number];
        i = parent;
      }
    } else if (k > 0 && better(id, heap[0] as number)) {
      heap[0] = id;
      down(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}

const clampInt = (n: number | undefined, min: number, max: number, fallback: number) =>
  n === undefined || !Number.isFinite(n) ? fallback : Math.min(max, Math.max(min, Math.trunc(n)));

/**
 * Ranked, paginated matches for a parsed query. Reads only the shards the query's terms
 * live in, and the docs of the hits on the requested page (plus, for phrase queries, the
 * candidates it checks).
 */
export async function search(
  manifest: SearchManifest,
  query: ParsedQuery,
  loaders: SearchLoaders,
  options: SearchOptions = {},
): Promise<SearchResults> {
  const offset = clampInt(options.offset, 0, Number.MAX_SAFE_INTEGER, 0);
  const limit = clampInt(options.limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
  const base = {
    query: query.text,
    terms: query.terms.map((t) => (t.prefix ? `${t.term}*` : t.term)),
    truncated: query.truncated,
    offset,
    limit,
  };
  if (query.terms.length === 0) return { ...base, total: 0, exact: true, hits: [] };
  // parseQuery never gives more; the per-document counters below are bytes, and each phrase
  // is a pass over every candidate's text.
  if (query.terms.length + query.phrases.length > MAX_QUERY_TERMS) {
    throw new RangeError(`at most ${MAX_QUERY_TERMS} terms and phrases`);
  }

  const known = new Set(manifest.shards);
  const names = [...new Set(query.terms.map((t) => shardName(t.term, manifest.shardKeyLength)))];
  const loaded = new Map<string, SearchShard | undefined>(
    await Promise.all(names.map(async (n) => [n, known.has(n) ? await loaders.loadShard(n) : undefined] as const)),
  );
  const n = manifest.docCount;
  const hidden = clampInt(options.hidden, 0, n, 0);
  const visible = { hidden, count: n - hidden };
  const acc = new Float64Array(n);
  const matched = new Uint8Array(n);
  query.terms.forEach((t, round) => {
    addTerm(loaded.get(shardName(t.term, manifest.shardKeyLength)), t, round, matched, acc, visible);
  });
  let ids = new Int32Array(n);
  let count = 0;
  for (let id = hidden; id < n; id++) if (matched[id] === query.terms.length) ids[count++] = id;
  ids = ids.subarray(0, count);

  const docs = new Map<number, SearchDocRecord | undefined>();
  const doc = async (id: number) => {
    if (!docs.has(id)) docs.set(id, await loaders.loadDoc(id));
    return docs.get(id);
  };
  // Phrases: check candidates in rank order, at most MAX_PHRASE_CHECKS of them.
  let exact = true;
  let total = ids.length;
  let page: number[];
  if (query.phrases.length > 0) {
    const patterns = query.phrases.map(phrasePattern);
    const best = topK(ids, acc, MAX_PHRASE_CHECKS);
    const fileOf = loaders.docFile;
    const files = new Set<number>();
    for (const id of fileOf ? best : []) {
      if (files.size >= MAX_PHRASE_FILES) break;
      files.add(fileOf?.(id) ?? id);
    }
    const ranked = fileOf ? best.filter((id) => files.has(fileOf(id))) : best;
    exact = ids.length <= MAX_PHRASE_CHECKS && ranked.length === best.length;
    const checked: number[] = [];
    // Docs may come from storage: read them a batch at a time, in parallel.
    for (let i = 0; i < ranked.length; i += PHRASE_BATCH) {
      const batch = ranked.slice(i, i + PHRASE_BATCH);
      const loadedDocs = await Promise.all(batch.map(doc));
      batch.forEach((id, k) => {
        const d = loadedDocs[k];
        if (d && containsPhrases(d, patterns)) checked.push(id);
      });
    }
    total = checked.length;
    page = checked.slice(offset, offset + limit);
  } else {
    page = offset >= total ? [] : topK(ids, acc, offset + limit).slice(offset);
  }

  const pattern = termPattern(query.terms);
  const hits: SearchHit[] = [];
  await Promise.all(page.map(doc));
  for (const id of page) {
    const d = await doc(id);
    if (!d) continue;
    const titleMarks = highlight(d.title, pattern);
    // A post matched by its title or tags alone may not have the words in its text.
    let snippet = makeSnippet(d.text, pattern, SNIPPET_LENGTH, d.asciiWords);
    if (snippet.marks.length === 0 && d.description) {
      const fromDescription = makeSnippet(d.description, pattern, SNIPPET_LENGTH, d.asciiWords);
      if (fromDescription.marks.length > 0 || d.text.trim() === "") snippet = fromDescription;
    }
    hits.push({
      id,
      slug: d.slug,
      title: d.title,
      date: d.date,
      ...(d.dateText ? { dateText: d.dateText } : {}),
      score: Math.round((acc[id] ?? 0) * 1000) / 1000,
      titleMarks,
      titleHtml: snippetHtml(titleMarks),
      snippet,
      snippetHtml: snippetHtml(snippet),
    });
  }
  return { ...base, total, exact, hits };
}
