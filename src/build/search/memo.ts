/**
 * The search index's memory of earlier builds: each post's search text (its HTML as plain text)
 * and terms (src/shared/search/build.ts `docTerms`), kept in the build cache under a hash of what
 * they are made from. A rebuild after one edit splits one post into terms, not all of them; the
 * index is then assembled from every post's terms as a full build would, byte for byte, but for
 * the average field lengths BM25 normalises with: those of the last build are kept while the
 * blog's stay within 2% of them (src/shared/search/build.ts `averages`), so an edit rewrites its
 * own post's postings, not every shard.
 *
 * The entries are kept in PARTS files by their key's first byte, so an edit rewrites the one or
 * two parts its post's entries are in, not megabytes of everyone's. The key covers the code that
 * makes them (this folder, src/shared/search, the HTML-to-text step) and the locked
 * dependencies, like the parse cache's.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
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

/** How many files the entries are spread over. */
export const PARTS = 32;

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
  /** Keeps what this build used, and nothing else; writes only the parts that changed. */
  save(): void;
}

/** A key over strings, each length-prefixed so no two lists run together; hashed as they are, never copied into JSON. */
function keyOf(parts: readonly string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`\0${part.length}\0`).update(part);
  return hash.digest("hex");
}
const partOf = (key: string) => Number.parseInt(key.slice(0, 2), 16) % PARTS;

/**
 * `dir`: the memo's folder in the build cache, one per language.
 * `language`: the blog's (BCP 47), which decides how text in scripts without spaces is split.
 */
export function searchMemo(dir: string, language = "und", version = pipelineVersion(CODE)): SearchMemo {
  const read = <T>(name: string): T | undefined => {
    try {
      const found = JSON.parse(readFileSync(join(dir, name), "utf8")) as T & { version: string };
      return found.version === version ? found : undefined;
    } catch {
      return undefined; // none yet, or damaged: made again
    }
  };
  const storedAverages = read<{ averages?: number[] }>("averages.json")?.averages;
  const parts = Array.from({ length: PARTS }, (_, i) => read<Part>(`${i}.json`));
  /** What this build used, per part: texts by key, and terms by key. */
  const used = Array.from({ length: PARTS }, () => ({ texts: new Map<string, string>(), terms: new Map<string, DocTerms>() }));
  const stats = { split: 0, reused: 0 };
  let averages: number[] | undefined;
  return {
    stats,
    averages: storedAverages,
    onAverages(a) {
      averages = a;
    },
    doc(post) {
      const key = keyOf([post.html]);
      const i = partOf(key);
      const text = parts[i]?.texts[key] ?? used[i]?.texts.get(key);
      const doc = text === undefined ? searchDoc(post) : searchDoc(post, text);
      used[i]?.texts.set(key, doc.text);
      return doc;
    },
    termsOf(doc) {
      const key = keyOf([language, doc.title, String(doc.tags.length), ...doc.tags, doc.description, doc.text]);
      const i = partOf(key);
      const part = parts[i];
      const kept = part?.terms[key];
      let terms = used[i]?.terms.get(key);
      if (terms) {
        stats.reused++;
      } else if (kept && part) {
        stats.reused++;
        terms = { ascii: kept.a, lengths: kept.l, terms: kept.t.map((t) => part.table[t] ?? ""), counts: kept.c };
      } else {
        terms = docTerms(doc, language);
        stats.split++;
      }
      used[i]?.terms.set(key, terms);
      return terms;
    },
    save() {
      mkdirSync(dir, { recursive: true });
      const write = (name: string, value: object) => {
        const file = join(dir, name);
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(value));
        renameSync(tmp, file);
      };
      if (JSON.stringify(averages) !== JSON.stringify(storedAverages)) write("averages.json", { version, averages });
      used.forEach(({ texts, terms }, i) => {
        const part = parts[i];
        // Unchanged (the same entries: nothing new, nothing dropped): the file stays as it is.
        const same = (kept: Record<string, unknown> | undefined, now: Map<string, unknown>) =>
          kept !== undefined && Object.keys(kept).length === now.size && [...now.keys()].every((k) => Object.hasOwn(kept, k));
        if (part && same(part.texts, texts) && same(part.terms, terms)) return;
        const next: Part = { version, texts: Object.fromEntries(texts), table: [], terms: {} };
        const tableAt = new Map<string, number>();
        for (const [key, t] of terms) {
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
        write(`${i}.json`, next);
      });
      // The memo of builds before the parts: one file beside the folder.
      rmSync(`${dir}.json`, { force: true });
    },
  };
}
