/** What the index is built from: one record per published post. */
export interface SearchDoc {
  slug: string;
  title: string;
  /** RFC 3339, as in the post records; newer posts win ties. */
  date: string;
  /** The date as readers see it, formatted by the build (PostMeta `dateText`). */
  dateText?: string;
  tags: string[];
  description: string;
  /** The body as plain text (no markup): indexed, and quoted in snippets. */
  text: string;
}

/** A post as the query reads it back, only for the hits on the page (and phrase checks). */
export interface SearchDocRecord extends SearchDoc {
  /**
   * True when no field has a letter, digit or mark outside ASCII, so phrase checks and
   * snippets can skip folding; set by buildSearchIndex, computed when absent.
   */
  asciiWords?: boolean;
}

/**
 * One shard of the term dictionary: terms sorted by UTF-16 code unit, and for each term
 * its postings string (see codec.ts): (doc-id delta, score × SCORE_SCALE) pairs in ascending
 * doc-id order. The score is BM25's term-frequency part; the query multiplies it by the idf it
 * counts over the documents it may show.
 */
export interface SearchShard {
  terms: string[];
  postings: string[];
}

/** Loaded always: small, independent of the number of posts except `shards`. */
export interface SearchManifest {
  /** 2: postings carry no idf (the query counts it). */
  version: 2;
  /** Documents indexed, scheduled ones included: ids run from 0 (the newest) to docCount - 1. */
  docCount: number;
  /** 0: one shard named "all"; 1 or 2: shards keyed by the first characters of each term. */
  shardKeyLength: 0 | 1 | 2;
  /** Names of the shards that exist, sorted: a query never asks for a missing one. */
  shards: string[];
  /**
   * The BCP 47 language the text was split into words for (the blog's): a query is split the
   * same way (Intl.Segmenter, for scripts written without spaces). Absent: "und".
   */
  language?: string;
}

/** The index as built: all of it serialisable with JSON.stringify. */
export interface SearchIndex {
  manifest: SearchManifest;
  shards: Record<string, SearchShard>;
  /** By doc id. */
  docs: SearchDocRecord[];
}

/**
 * Where the query reads the index from: the same code serves an index bundled in the
 * script (see memoryLoaders) or shards and docs fetched as static assets.
 */
export interface SearchLoaders {
  loadShard(name: string): Promise<SearchShard | undefined>;
  loadDoc(id: number): Promise<SearchDocRecord | undefined>;
  /**
   * Which file holds doc `id`, when docs are stored several to a file: phrase checks read the
   * candidates of a bounded number of files, not of as many files as they have candidates.
   * Absent: each doc is its own.
   */
  docFile?(id: number): number;
}
