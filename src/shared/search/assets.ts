import type { SearchDocRecord, SearchIndex, SearchLoaders, SearchShard } from "./types.ts";

/**
 * The index lives in Workers Static Assets rather than in the script: one file per shard and one
 * per chunk of documents, so a query fetches only the shards its words live in and the documents
 * on its page, and the script does not grow with the blog.
 */
/**
 * Documents per file. Each holds its post's plain text (for snippets and phrases), several KB:
 * 16 keeps a file near 100 KB, so the ten hits of a results page parse at most ~1 MB, for
 * about one file per 16 posts.
 */
export const DOCS_PER_FILE = 16;

const utf8 = new TextEncoder();
/**
 * A shard's file name: its key's UTF-8 bytes in hex. Keys are a term's first characters, any
 * script; hex keeps every name plain ASCII, so no layer's URL decoding can miss the file.
 */
const fileName = (name: string) => Array.from(utf8.encode(name), (b) => b.toString(16).padStart(2, "0")).join("");

export const shardFile = (base: string, name: string) => `${base}/shards/${fileName(name)}.json`;
export const docsFile = (base: string, chunk: number) => `${base}/docs/${chunk}.json`;

/**
 * The files of an index held whole, shards and then documents in chunks, one at a time. The
 * build writes its own from the index it keeps (src/build/search/index-build.ts), under the same
 * names.
 */
export function* searchAssetStream(index: SearchIndex, base: string): Generator<{ path: string; body: string }> {
  for (const [name, shard] of Object.entries(index.shards)) yield { path: shardFile(base, name), body: JSON.stringify(shard) };
  for (let chunk = 0; chunk * DOCS_PER_FILE < index.docs.length; chunk++) {
    const docs = index.docs.slice(chunk * DOCS_PER_FILE, (chunk + 1) * DOCS_PER_FILE);
    yield { path: docsFile(base, chunk), body: JSON.stringify(docs) };
  }
}

/** Reads a JSON asset; throws when it cannot (the route answers 503, never a partial result). */
export type ReadJson = (path: string) => Promise<unknown>;

/**
 * Loaders over the asset files; `read` keeps what it parsed (src/worker/corpus/read.ts, within the
 * isolate's budget). A shard the manifest names but the assets lack is an error, not an empty
 * result: it means a broken deploy, and `read` throws for it.
 */
export function assetLoaders(read: ReadJson, base: string): SearchLoaders {
  return {
    loadShard: async (name) => (await read(shardFile(base, name))) as SearchShard,
    docFile: (id) => Math.floor(id / DOCS_PER_FILE),
    async loadDoc(id) {
      const chunk = Math.floor(id / DOCS_PER_FILE);
      const docs = (await read(docsFile(base, chunk))) as SearchDocRecord[];
      return docs[id % DOCS_PER_FILE];
    },
  };
}
