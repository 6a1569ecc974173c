/**
 * The search index's memory of earlier builds: each post's search text (its HTML as plain text)
 * and terms (src/shared/search/build.ts `docTerms`), kept in one file in the build cache under a
 * hash of what they are made from. A rebuild after one edit splits one post into terms, not all
 * of them; the index is then assembled from every post's terms as a full build would, byte for
 * byte, but for the average field lengths BM25 normalises with: those of the last build are kept
 * while the blog's stay within 2% of them (src/shared/search/build.ts `averages`), so an edit
 * rewrites its own post's postings, not every shard.
 *
 * The key covers the code that makes them (this folder, src/shared/search, the HTML-to-text
 * step) and the locked dependencies, like the parse cache's.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { type DocTerms, docTerms } from "../../shared/search/build.ts";
import type { SearchDoc } from "../../shared/search/types.ts";
import type { Post } from "../../shared/types.ts";
import { pipelineVersion } from "../parse-cache.ts";
import { searchDoc } from "./doc.ts";

const root = resolve(import.meta.dirname, "../../..");
const CODE = [
  join(root, "src", "build", "search"),
  join(root, "src", "shared", "search"),
  join(root, "src", "build", "content", "markdown.ts"),
];

/** A document's terms as kept: `t` indexes the file's term table, so each term is stored once. */
interface StoredTerms {
  a: boolean;
  l: number[];
  t: number[];
  c: number[];
}

interface Stored {
  version: string;
  /** The average field lengths the last index was scored with (buildSearchIndex `averages`). */
  averages?: number[];
  texts: Record<string, string>;
  table: string[];
  terms: Record<string, StoredTerms>;
}

export interface SearchMemo {
  /** The post's search document (searchDoc), its text reused when its HTML is unchanged. */
  doc(post: Post): SearchDoc;
  /** For buildSearchIndex's `termsOf`. */
  termsOf(doc: SearchDoc): DocTerms;
  /** The averages the last build scored with, for buildSearchIndex's `averages`. */
  readonly averages: number[] | undefined;
  /** For buildSearchIndex's `onAverages`. */
  onAverages(averages: number[]): void;
  /** What this build split again, and what it reused. */
  readonly stats: { split: number; reused: number };
  /** Keeps what this build used, and nothing else. */
  save(): void;
}

const hash = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("base64url");

/** `language`: the blog's (BCP 47), which decides how text in scripts without spaces is split. */
export function searchMemo(file: string, language = "und", version = pipelineVersion(CODE)): SearchMemo {
  let stored: Stored = { version, texts: {}, table: [], terms: {} };
  try {
    const read = JSON.parse(readFileSync(file, "utf8")) as Stored;
    if (read.version === version) stored = read;
  } catch {
    // None yet, or damaged: everything is made again.
  }
  const next: Stored = { version, texts: {}, table: [], terms: {} };
  const tableAt = new Map<string, number>();
  const keep = (terms: DocTerms): StoredTerms => ({
    a: terms.ascii,
    l: terms.lengths,
    t: terms.terms.map((term) => {
      let i = tableAt.get(term);
      if (i === undefined) {
        i = next.table.length;
        next.table.push(term);
        tableAt.set(term, i);
      }
      return i;
    }),
    c: terms.counts,
  });
  const stats = { split: 0, reused: 0 };
  let fresh = false;
  return {
    stats,
    averages: stored.averages,
    onAverages(averages) {
      next.averages = averages;
    },
    doc(post) {
      const key = hash(post.html);
      const text = stored.texts[key];
      if (text === undefined) fresh = true;
      const doc = text === undefined ? searchDoc(post) : searchDoc(post, text);
      next.texts[key] = doc.text;
      return doc;
    },
    termsOf(doc) {
      const key = hash([language, doc.title, doc.tags, doc.description, doc.text]);
      const kept = stored.terms[key];
      let terms: DocTerms;
      if (kept) {
        stats.reused++;
        terms = { ascii: kept.a, lengths: kept.l, terms: kept.t.map((i) => stored.table[i] ?? ""), counts: kept.c };
      } else {
        terms = docTerms(doc, language);
        stats.split++;
      }
      next.terms[key] = keep(terms);
      return terms;
    },
    save() {
      // Unchanged (nothing new, nothing dropped): the file stays as it is.
      const same = (a: object, b: object) => Object.keys(a).length === Object.keys(b).length;
      const sameAverages = JSON.stringify(next.averages) === JSON.stringify(stored.averages);
      if (!fresh && stats.split === 0 && sameAverages && same(next.texts, stored.texts) && same(next.terms, stored.terms)) return;
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(next));
      renameSync(tmp, file);
    },
  };
}
