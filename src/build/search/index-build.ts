/**
 * A language's search index for a build, and its files. A rebuild starts from the index the last
 * build made (kept in the build cache with each document's keys and field lengths): while the
 * posts are the same ones in the same order and the average field lengths stay where they were
 * (src/shared/search/build.ts `stableAverages`), an edited post's postings are patched in
 * (src/build/search/patch.ts) and nothing else is read, split or scored. Anything else (a post
 * added, removed or moved, averages that drifted, no kept index) builds the index whole, from
 * the memo of every post's terms (src/build/search/memo.ts). Both make the same index, byte for
 * byte.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CorpusSource } from "../../shared/corpus.ts";
import { isPublished } from "../../shared/schedule.ts";
import { DOCS_PER_FILE, docsFile, shardFile } from "../../shared/search/assets.ts";
import {
  buildSearchIndex,
  byNewest,
  type DocTerms,
  fieldAverages,
  searchManifest,
  stableAverages,
} from "../../shared/search/build.ts";
import type { SearchDoc, SearchDocRecord, SearchManifest, SearchShard } from "../../shared/search/types.ts";
import { type SearchedPost, searchDoc } from "./doc.ts";
import { keyOf, searchMemo, textKey } from "./memo.ts";
import { type DocChange, patchShards } from "./patch.ts";

/** One document of the kept index. */
interface KeptDoc {
  slug: string;
  /** Everything its record is made of (recordKey). */
  key: string;
  /** Its text's and terms' keys in the memo. */
  text: string;
  terms: string;
  lengths: number[];
  ascii: boolean;
}

/** The index as the last build left it (index.json), but for its shards. */
interface Kept {
  version: string;
  language: string;
  keyLength: 0 | 1 | 2;
  averages: number[];
  docs: KeptDoc[];
  /** A digest of shards.txt as written with it: a damaged or other build's file is not patched. */
  shards?: string;
}

/**
 * The shards, each as the JSON its file holds, by name: kept beside index.json one to a line
 * (`name<TAB>json`: neither has a tab or a newline), so a rebuild reads them as text and parses
 * only those an edit touches, and writes the rest as they were.
 */
type Shards = Map<string, string>;
const SHARDS = "shards.txt";
const readShards = (text: string): Shards =>
  new Map(
    text
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => {
        const tab = line.indexOf("\t");
        return [line.slice(0, tab), line.slice(tab + 1)] as const;
      }),
  );
const digestOf = (text: string) => createHash("sha256").update(text).digest("base64url");
const shardsText = (shards: Shards) => [...shards].map(([name, json]) => `${name}\t${json}\n`).join("");

export interface BuiltSearch {
  manifest: SearchManifest;
  /** The index's files under `base`, made when asked (src/build/write-corpus.ts). */
  files(base: string): Generator<CorpusSource>;
  /** How it was made: patched (with how many posts changed), or whole. */
  how: { patched: number } | { whole: true };
}

/**
 * `dir`: this language's folder in the build cache. `posts` as the collection gives them; the
 * index orders them newest first (ids are positions in that order).
 */
export function buildSearch(
  posts: readonly SearchedPost[],
  options: { dir: string; language: string; now: number; keyLength?: 0 | 1 | 2 },
): BuiltSearch {
  const { dir, language, now } = options;
  const keyLength = options.keyLength ?? 2;
  const memo = searchMemo(dir, language);
  const file = join(dir, "index.json");
  let kept: { index: Kept; shards: Shards } | undefined;
  try {
    const index = JSON.parse(readFileSync(file, "utf8")) as Kept;
    if (index.version === memo.version && index.language === language && index.keyLength === keyLength) {
      const text = readFileSync(join(dir, SHARDS), "utf8");
      if (digestOf(text) === index.shards) kept = { index, shards: readShards(text) };
    }
  } catch {
    // None yet, or damaged: built whole.
  }

  const sorted = [...posts].sort(byNewest);
  const texts = sorted.map((p) => textKey(p));
  // Everything a document's record is made of: the code, the language, the post's fields, its HTML.
  const keys = sorted.map((p, i) =>
    keyOf([
      memo.version,
      language,
      p.slug,
      p.title,
      p.date,
      p.dateText ?? "",
      String(p.tags.length),
      ...p.tags,
      p.description,
      texts[i] as string,
    ]),
  );
  const live = sorted.map((p) => isPublished(p, now));

  /** What the next build keeps of document `id`. */
  const keptDoc = (id: number, doc: SearchDoc, terms: DocTerms): KeptDoc => ({
    slug: doc.slug,
    key: keys[id] as string,
    text: texts[id] as string,
    terms: memo.termsKey(doc),
    lengths: terms.lengths,
    ascii: terms.ascii,
  });

  const patched = kept ? patch(kept) : undefined;
  const result = patched ?? whole();

  /** The last build's index, with the posts that changed patched in; undefined when it cannot be. */
  function patch({ index: k, shards: before }: { index: Kept; shards: Shards }) {
    if (k.docs.length !== sorted.length || k.docs.some((d, i) => d.slug !== sorted[i]?.slug)) return undefined;
    const docs = [...k.docs];
    const changes: DocChange[] = [];
    const records = new Map<number, SearchDocRecord>();
    for (let id = 0; id < sorted.length; id++) {
      const was = k.docs[id] as KeptDoc;
      if (was.key === keys[id]) continue;
      const before = memo.termsByKey(was.terms);
      if (!before) return undefined;
      const doc = memo.doc(sorted[id] as SearchedPost);
      const after = memo.termsOf(doc);
      changes.push({ id, before, after });
      records.set(id, { ...doc, asciiWords: after.ascii });
      docs[id] = keptDoc(id, doc, after);
    }
    const averages = stableAverages(fieldAverages(docs.filter((_, id) => live[id]).map((d) => d.lengths)), k.averages);
    if (averages.some((a, f) => a !== k.averages[f])) return undefined;
    const shards = new Map(before);
    const read = (name: string) => {
      const json = before.get(name);
      return json === undefined ? undefined : (JSON.parse(json) as SearchShard);
    };
    for (const [name, shard] of patchShards(read, changes, averages, keyLength)) {
      if (shard) shards.set(name, JSON.stringify(shard));
      else shards.delete(name);
    }
    const record = (id: number): SearchDocRecord =>
      records.get(id) ?? { ...searchDoc(sorted[id] as SearchedPost), asciiWords: (docs[id] as KeptDoc).ascii };
    return { kept: { ...k, docs }, shards, record, changed: changes.length };
  }

  function whole() {
    const docs = sorted.map((p) => memo.doc(p));
    let averages: number[] = [];
    const termsOf = new Map<SearchDoc, DocTerms>();
    const index = buildSearchIndex(docs, {
      now,
      language,
      shardKeyLength: keyLength,
      termsOf: (d) => {
        const terms = memo.termsOf(d);
        termsOf.set(d, terms);
        return terms;
      },
      ...(kept ? { averages: kept.index.averages } : {}),
      onAverages: (a) => {
        averages = a;
      },
    });
    const kept_: Kept = {
      version: memo.version,
      language,
      keyLength,
      averages,
      docs: docs.map((d, id) => keptDoc(id, d, termsOf.get(d) as DocTerms)),
    };
    const shards: Shards = new Map(Object.entries(index.shards).map(([name, shard]) => [name, JSON.stringify(shard)]));
    return { kept: kept_, shards, record: (id: number) => index.docs[id] as SearchDocRecord, changed: -1 };
  }

  // What the next build starts from: written only when it changed.
  if (result.changed !== 0) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    // index.json goes first and comes back last: a build stopped in between leaves none, and
    // the next builds whole rather than pair an index with another build's shards.
    rmSync(file, { force: true });
    const shardsTmp = `${join(dir, SHARDS)}.${process.pid}.tmp`;
    const text = shardsText(result.shards);
    writeFileSync(shardsTmp, text);
    renameSync(shardsTmp, join(dir, SHARDS));
    writeFileSync(tmp, JSON.stringify({ ...result.kept, shards: digestOf(text) }));
    renameSync(tmp, file);
  }
  // Patched, only an edited post's old entries may have gone; built whole, anything may have.
  memo.save(
    new Set(result.kept.docs.flatMap((d) => [d.text, d.terms])),
    patched && kept ? kept.index.docs.flatMap((d, id) => (d.key === keys[id] ? [] : [d.text, d.terms])) : undefined,
  );

  const { shards } = result;
  return {
    manifest: searchManifest(sorted.length, keyLength, [...shards.keys()], language),
    how: patched ? { patched: patched.changed } : { whole: true },
    *files(base) {
      for (const [name, json] of shards) yield { path: shardFile(base, name), body: () => json };
      for (let chunk = 0; chunk * DOCS_PER_FILE < sorted.length; chunk++) {
        const ids = keys.slice(chunk * DOCS_PER_FILE, (chunk + 1) * DOCS_PER_FILE).map((_, i) => chunk * DOCS_PER_FILE + i);
        yield {
          path: docsFile(base, chunk),
          // A record's key covers all of it, and the search code: the same keys, the same file.
          inputs: ["search documents", ...ids.map((id) => keys[id] as string)],
          body: () => JSON.stringify(ids.map(result.record)),
        };
      }
    },
  };
}
