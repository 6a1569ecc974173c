import { isPublished } from "../schedule.ts";
import { encodeNumbers } from "./codec.ts";
import { hasNonAsciiWordChar, terms } from "./text.ts";
import type { SearchDoc, SearchDocRecord, SearchIndex, SearchLoaders, SearchManifest, SearchShard } from "./types.ts";

/**
 * Ranking: BM25 per field, summed with field weights (as Lucene's and MiniSearch's
 * multi-field scoring do). Everything but the term's idf depends only on the document, so
 * each posting stores its finished term-frequency part and a query just multiplies by idf
 * and adds: no document lengths are needed at query time.
 *
 * A field's BM25 term-frequency part is at most (K1 + 1) = 2.2, so a title weight of 6
 * (tags 4) makes a title (tag) match outrank any number of body matches of the same term,
 * even for titles 4× longer than average. Description: 2.5, just above a body match.
 */
export const K1 = 1.2;
export const FIELDS = [
  { name: "title", weight: 6, b: 0.5 },
  { name: "tags", weight: 4, b: 0.3 },
  { name: "description", weight: 2.5, b: 0.5 },
  { name: "text", weight: 1, b: 0.75 },
] as const;

/** Fixed-point scale of the stored scores: to 1/100. */
export const SCORE_SCALE = 100;

/** Shard names: the key's letters and digits as they are, anything else as `_<hex>`. */
export function shardName(term: string, keyLength: 0 | 1 | 2): string {
  if (keyLength === 0) return "all";
  let name = "";
  for (const ch of Array.from(term).slice(0, keyLength)) {
    name += /^[a-z0-9]$/.test(ch) ? ch : `_${(ch.codePointAt(0) ?? 0).toString(16)}`;
  }
  return name;
}

/** BM25's inverse document frequency, never negative. */
export function idf(docCount: number, docFrequency: number): number {
  return Math.log(1 + (docCount - docFrequency + 0.5) / (docFrequency + 0.5));
}

/** Newest first, then by slug: doc ids (and so ties in ranking) never depend on input order. */
export const byNewest = (a: { date: string; slug: string }, b: { date: string; slug: string }) =>
  a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;

export interface BuildOptions {
  /** 0 for one shard (a small blog, bundled in the script); 2 (default) for many. */
  shardKeyLength?: 0 | 1 | 2;
  /**
   * The build's instant (epoch ms; default: now). Posts dated later are indexed, to be found
   * from their instant on, but leave no mark on the published posts' scores (see below).
   */
  now?: number;
  /** The blog's language (BCP 47): how text in scripts without spaces is split into words. */
  language?: string;
  /**
   * A document's terms, when the caller kept them from an earlier build (src/build/search/memo.ts):
   * must return what `docTerms` would. Splitting text into terms is most of the index's cost,
   * and a rebuild after one edit has one document's to split.
   */
  termsOf?: (doc: SearchDoc) => DocTerms;
  /**
   * The average field lengths an earlier build scored with (`onAverages` gave them): kept while
   * this build's own are within AVERAGE_DRIFT of them. Every stored score depends on the averages,
   * so without this one edited post would change every posting in every shard; with it, it
   * changes its own postings only, until the blog has drifted enough to be scored afresh.
   */
  averages?: readonly number[];
  /** Told the averages this build scored with, to hand to the next as `averages`. */
  onAverages?: (averages: number[]) => void;
}

/** How far (relatively) the blog's average field lengths may move before scores are recomputed with the new ones. */
export const AVERAGE_DRIFT = 0.02;

/** The earlier averages while every field's is within AVERAGE_DRIFT of the current one; else the current ones. */
export function stableAverages(current: readonly number[], earlier: readonly number[] | undefined): number[] {
  const close =
    earlier?.length === current.length &&
    current.every((value, f) => Math.abs(value - (earlier[f] ?? 0)) <= AVERAGE_DRIFT * value);
  return [...(close ? earlier : current)];
}

/** Each field's average length over documents' field lengths (the published ones'), at least 1. */
export function fieldAverages(lengths: readonly (readonly number[])[]): number[] {
  return FIELDS.map((_, f) => {
    const total = lengths.reduce((sum, l) => sum + (l[f] ?? 0), 0);
    return Math.max(1, total / Math.max(1, lengths.length));
  });
}

/** A document's share of the index: each field's length in terms, and each term's count per field. */
export interface DocTerms {
  /** Whether every word is ASCII (SearchDocRecord.asciiWords). */
  ascii: boolean;
  /** Per field (FIELDS order): how many terms. */
  lengths: number[];
  /** Each term once, in order of first use. */
  terms: string[];
  /** Flat: for each of `terms`, its count in each field (FIELDS order). Plain numbers, so kept cheaply. */
  counts: number[];
}

/** What `buildSearchIndex` takes from a document's fields. Pure. */
export function docTerms(d: SearchDoc, language = "und"): DocTerms {
  const fields = [
    terms(d.title, language),
    terms(d.tags.join(" "), language),
    terms(d.description, language),
    terms(d.text, language),
  ];
  const at = new Map<string, number>();
  const counts: number[] = [];
  const width = FIELDS.length;
  // Plain loops: this runs once per word of every post (no array made per new term).
  for (let f = 0; f < width; f++) {
    for (const t of fields[f] as string[]) {
      let i = at.get(t);
      if (i === undefined) {
        i = at.size;
        at.set(t, i);
        for (let k = 0; k < width; k++) counts.push(0);
      }
      counts[i * width + f] = (counts[i * width + f] as number) + 1;
    }
  }
  return {
    ascii: ![d.title, d.description, ...d.tags, d.text].some(hasNonAsciiWordChar),
    lengths: fields.map((l) => l.length),
    terms: [...at.keys()],
    counts,
  };
}

/**
 * A document's stored score for each of its terms (in `doc.terms` order): BM25's term-frequency
 * part per field, weighted and summed, × SCORE_SCALE, at least 1. Plain loops, and each field's
 * length norm once per document: this runs once per posting.
 */
export function docScores(doc: DocTerms, averages: readonly number[]): number[] {
  const width = FIELDS.length;
  const norms = new Array<number>(width);
  for (let f = 0; f < width; f++) {
    const field = FIELDS[f] as (typeof FIELDS)[number];
    norms[f] = 1 - field.b + (field.b * (doc.lengths[f] ?? 0)) / (averages[f] ?? 1);
  }
  const { terms: list, counts } = doc;
  const out = new Array<number>(list.length);
  for (let i = 0; i < list.length; i++) {
    let score = 0;
    for (let f = 0; f < width; f++) {
      const n = counts[i * width + f] ?? 0;
      if (n === 0) continue;
      score += ((FIELDS[f] as (typeof FIELDS)[number]).weight * (n * (K1 + 1))) / (n + K1 * (norms[f] as number));
    }
    out[i] = Math.max(1, Math.round(score * SCORE_SCALE));
  }
  return out;
}

/** A term's postings, [docId, score, docId, score, …] in ascending doc id, as stored: ids delta-encoded. */
export function encodePostings(list: readonly number[]): string {
  const numbers: number[] = [];
  let previous = 0;
  for (let i = 0; i < list.length; i += 2) {
    const id = list[i] ?? 0;
    numbers.push(id - previous, list[i + 1] ?? 0);
    previous = id;
  }
  return encodeNumbers(numbers);
}

/** The manifest of an index of `docCount` documents in the shards named `shards`. */
export function searchManifest(
  docCount: number,
  keyLength: 0 | 1 | 2,
  shards: readonly string[],
  language?: string,
): SearchManifest {
  return {
    version: 2,
    docCount,
    shardKeyLength: keyLength,
    shards: [...shards].sort(),
    ...(language ? { language } : {}),
  };
}

/**
 * The index of `docs`: pure, deterministic, and serialisable as it is.
 *
 * Nothing a reader can see may depend on a post that is not published yet: a word added to a
 * scheduled post must not move the public ranking. BM25 takes two numbers from the whole
 * corpus, and each is kept to the published posts:
 * - idf and the document count are not stored: the query counts them over the documents it
 *   may show, from the postings it reads anyway (search.ts). They are exact at every instant,
 *   so a scheduled post counts from the moment the Worker publishes it, with no rebuild.
 * - the average field lengths (for length normalisation) are part of each stored score, so
 *   they are taken over the posts published at `now`. A post that goes live later is scored
 *   against that average until the next build, which is as fair to it as any; the average
 *   cannot reveal it before its instant.
 */
export function buildSearchIndex(input: readonly SearchDoc[], options: BuildOptions = {}): SearchIndex {
  const keyLength = options.shardKeyLength ?? 2;
  const now = options.now ?? Date.now();
  const language = options.language ?? "und";
  const termsOf = options.termsOf ?? ((d: SearchDoc) => docTerms(d, language));
  const sorted = [...input].sort(byNewest);
  const docTermList = sorted.map(termsOf);
  const docs: SearchDocRecord[] = sorted.map((d, id) => ({ ...d, asciiWords: docTermList[id]?.ascii ?? false }));
  const live = docTermList.filter((_, id) => isPublished(docs[id] as SearchDoc, now));
  const avgLength = stableAverages(fieldAverages(live.map((d) => d.lengths)), options.averages);
  options.onAverages?.(avgLength);

  // term → [docId, score, docId, score, ...] in ascending doc id (docs are visited in order).
  const postings = new Map<string, number[]>();
  for (let id = 0; id < docTermList.length; id++) {
    const doc = docTermList[id] as DocTerms;
    const scores = docScores(doc, avgLength);
    const list = doc.terms;
    for (let i = 0; i < list.length; i++) {
      const t = list[i] as string;
      const found = postings.get(t);
      if (found) found.push(id, scores[i] as number);
      else postings.set(t, [id, scores[i] as number]);
    }
  }

  const shards: Record<string, SearchShard> = {};
  for (const t of [...postings.keys()].sort()) {
    const name = shardName(t, keyLength);
    const shard = shards[name] ?? { terms: [], postings: [] };
    shards[name] = shard;
    shard.terms.push(t);
    shard.postings.push(encodePostings(postings.get(t) ?? []));
  }
  return { manifest: searchManifest(docs.length, keyLength, Object.keys(shards), options.language), shards, docs };
}

/** Loaders over an index held in memory (bundled in the script, or in tests). */
export function memoryLoaders(index: SearchIndex): SearchLoaders {
  return {
    loadShard: async (name) => (Object.hasOwn(index.shards, name) ? index.shards[name] : undefined),
    loadDoc: async (id) => index.docs[id],
  };
}
