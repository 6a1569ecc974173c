/**
 * The search index's memory of earlier builds: each post's search text (its HTML as plain text)
 * and terms (src/shared/search/build.ts `docTerms`), kept in the build cache under a hash of what
 * they are made from. A rebuild splits only the posts that changed into terms: an edit's are
 * patched into the last index (src/build/search/index-build.ts), and an index built whole is
 * assembled from every post's terms, most of them from here.
 *
 * The entries are kept in PARTS files by their key's first byte, so an edit rewrites the one or
 * two parts its post's entries are in, not megabytes of everyone's. The key covers the code that
 * makes them (this folder, src/shared/search, the HTML-to-text step) and the locked
 * dependencies, like the parse cache's.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { BODY_DIGEST, type DigestedPost } from "../../shared/corpus.ts";
import { type DocTerms, docTerms } from "../../shared/search/build.ts";
import type { SearchDoc } from "../../shared/search/types.ts";
import { pipelineVersion } from "../parse-cache.ts";
import { type SearchedPost, searchDoc } from "./doc.ts";

const root = resolve(import.meta.dirname, "../../..");
const CODE = [
  join(root, "src", "build", "search"),
  join(root, "src", "shared", "search"),
  join(root, "src", "build", "content", "markdown.ts"),
];

/** A document's terms as kept: `t` indexes the part's term table, so each term is stored once per part. */
interface StoredTerms {
  a: boolean;
  l: number[];
  t: number[];
  c: number[];
}

/** One part's file. */
interface Part {
  version: string;
  texts: Record<string, string>;
  table: string[];
  terms: Record<string, StoredTerms>;
}

/** How many files the entries are spread over: an edit reads and rewrites the few its post's entries are in. */
export const PARTS = 256;

export interface SearchMemo {
  /** The code's version: what the entries (and anything made from them) are made by. */
  readonly version: string;
  /** The post's search document (searchDoc), its text reused when its HTML is unchanged. */
  doc(post: SearchedPost): SearchDoc;
  /** The key a document's terms are kept under. */
  termsKey(doc: SearchDoc): string;
  /** For buildSearchIndex's `termsOf`. */
  termsOf(doc: SearchDoc): DocTerms;
  /** Terms kept under `key` (termsKey) by an earlier build, if any. */
  termsByKey(key: string): DocTerms | undefined;
  /** What this build split again, and what it reused. */
  readonly stats: { split: number; reused: number };
  /**
   * Keeps what this build made and, of what was kept before, the entries `keep` names (the
   * keys of every post's text and terms: `textKey`, `termsKey`); writes only the parts that
   * changed. `dropped`: the keys that may have gone (an edited post's old ones), when the caller
   * knows them: only their parts are read. Without it, every part is.
   */
  save(keep: ReadonlySet<string>, dropped?: Iterable<string>): void;
}

/** A key over strings, each length-prefixed so no two lists run together; hashed as they are, never copied into JSON. */
export function keyOf(parts: readonly string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`\0${part.length}\0`).update(part);
  return hash.digest("hex");
}
const partOf = (key: string) => Number.parseInt(key.slice(0, 2), 16) % PARTS;

/**
 * The key a post's search text is kept under: its bodies' digest when the build has one (so an
 * unchanged post's HTML is never read: src/shared/corpus.ts `BODY_DIGEST`), else its HTML's.
 */
export const textKey = (post: Pick<DigestedPost, "html" | typeof BODY_DIGEST>) => {
  const digest = post[BODY_DIGEST];
  return digest === undefined ? keyOf(["html", post.html]) : keyOf(["digest", digest]);
};

/** The search code's version (this folder, src/shared/search, the HTML-to-text step, the locked dependencies). */
export const searchCodeVersion = () => pipelineVersion(CODE);

/**
 * `dir`: the memo's folder in the build cache, one per language.
 * `language`: the blog's (BCP 47), which decides how text in scripts without spaces is split.
 */
export function searchMemo(dir: string, language = "und", version = searchCodeVersion()): SearchMemo {
  const partsDir = join(dir, "parts");
  /** Parts as read, each on first use: an edit needs a few. */
  const parts = new Map<number, Part | undefined>();
  const part = (i: number): Part | undefined => {
    if (!parts.has(i)) {
      let found: Part | undefined;
      try {
        const read = JSON.parse(readFileSync(join(partsDir, `${i}.json`), "utf8")) as Part;
        if (read.version === version) found = read;
      } catch {
        // None yet, or damaged: made again.
      }
      parts.set(i, found);
    }
    return parts.get(i);
  };
  /** What this build made or reused, per part. */
  const made = new Map<number, { texts: Map<string, string>; terms: Map<string, DocTerms> }>();
  const mine = (i: number) => {
    let entry = made.get(i);
    if (!entry) {
      entry = { texts: new Map(), terms: new Map() };
      made.set(i, entry);
    }
    return entry;
  };
  const stored = (key: string): DocTerms | undefined => {
    const found = part(partOf(key));
    const kept = found?.terms[key];
    return kept && found
      ? { ascii: kept.a, lengths: kept.l, terms: kept.t.map((t) => found.table[t] ?? ""), counts: kept.c }
      : undefined;
  };
  const termsKey = (doc: SearchDoc) =>
    keyOf([language, doc.title, String(doc.tags.length), ...doc.tags, doc.description, doc.text]);
  const stats = { split: 0, reused: 0 };
  return {
    version,
    stats,
    termsKey,
    doc(post) {
      const key = textKey(post);
      const i = partOf(key);
      const text = mine(i).texts.get(key) ?? part(i)?.texts[key];
      const doc = text === undefined ? searchDoc(post) : searchDoc(post, text);
      mine(i).texts.set(key, doc.text);
      return doc;
    },
    termsOf(doc) {
      const key = termsKey(doc);
      const i = partOf(key);
      let terms = mine(i).terms.get(key) ?? stored(key);
      if (terms) stats.reused++;
      else {
        terms = docTerms(doc, language);
        stats.split++;
      }
      mine(i).terms.set(key, terms);
      return terms;
    },
    termsByKey: (key) => made.get(partOf(key))?.terms.get(key) ?? stored(key),
    save(keep, dropped) {
      mkdirSync(partsDir, { recursive: true });
      const suspects = dropped
        ? [...dropped].filter((k) => !keep.has(k)).map(partOf)
        : readdirSync(partsDir).flatMap((name) => (/^\d+\.json$/.test(name) ? [Number.parseInt(name, 10)] : []));
      for (const i of suspects) part(i);
      for (const i of new Set([...parts.keys(), ...made.keys()])) {
        const before = parts.get(i);
        const now = made.get(i);
        const texts = new Map(Object.entries(before?.texts ?? {}).filter(([k]) => keep.has(k)));
        for (const [k, v] of now?.texts ?? []) texts.set(k, v);
        const terms = new Map<string, DocTerms | undefined>(
          Object.keys(before?.terms ?? {})
            .filter((k) => keep.has(k))
            .map((k) => [k, undefined]),
        );
        for (const [k, v] of now?.terms ?? []) terms.set(k, v);
        // Unchanged (the same entries: nothing new, nothing dropped): the file stays as it is.
        const same = (kept: Record<string, unknown> | undefined, next: Map<string, unknown>) =>
          kept !== undefined && Object.keys(kept).length === next.size && [...next.keys()].every((k) => Object.hasOwn(kept, k));
        if (before ? same(before.texts, texts) && same(before.terms, terms) : texts.size === 0 && terms.size === 0) continue;
        const next: Part = { version, texts: Object.fromEntries(texts), table: [], terms: {} };
        const tableAt = new Map<string, number>();
        for (const [key, value] of terms) {
          const t = value ?? stored(key);
          if (!t) continue;
          next.terms[key] = {
            a: t.ascii,
            l: t.lengths,
            t: t.terms.map((term) => {
              let at = tableAt.get(term);
              if (at === undefined) {
                at = next.table.length;
                next.table.push(term);
                tableAt.set(term, at);
              }
              return at;
            }),
            c: t.counts,
          };
        }
        const file = join(partsDir, `${i}.json`);
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(next));
        renameSync(tmp, file);
      }
    },
  };
}
