import type { SearchDocRecord, SearchIndex, SearchLoaders, SearchShard } from "./types.ts";

/**
 * A large blog's index lives in Workers Static Assets rather than in the script: one file per
 * shard and one per chunk of documents, under a folder named by the index's content hash, so a
 * query fetches only the shards its words live in and the documents on its page.
 */
export const DOCS_PER_FILE = 64;

export const shardFile = (base: string, name: string) => `${base}/shards/${encodeURIComponent(name)}.json`;
export const docsFile = (base: string, chunk: number) => `${base}/docs/${chunk}.json`;

/** The files to write under the assets directory: shards, and documents in chunks. */
export function searchAssetFiles(index: SearchIndex, base: string): { path: string; body: string }[] {
  const files = Object.entries(index.shards).map(([name, shard]) => ({
    path: shardFile(base, name),
    body: JSON.stringify(shard),
  }));
  for (let chunk = 0; chunk * DOCS_PER_FILE < index.docs.length; chunk++) {
    const docs = index.docs.slice(chunk * DOCS_PER_FILE, (chunk + 1) * DOCS_PER_FILE);
    files.push({ path: docsFile(base, chunk), body: JSON.stringify(docs) });
  }
  return files;
}

/** Reads a JSON asset; throws when it cannot (the route answers 503, never a partial result). */
export type ReadJson = (path: string) => Promise<unknown>;

/**
 * Loaders over the asset files, each file read and parsed once per isolate. A shard the
 * manifest names but the assets lack is an error, not an empty result: it means a broken deploy.
 */
export function assetLoaders(read: ReadJson, base: string): SearchLoaders {
  const shards = new Map<string, Promise<SearchShard>>();
  const chunks = new Map<number, Promise<SearchDocRecord[]>>();
  const once = <K, V>(map: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> => {
    let p = map.get(key);
    if (!p) {
      p = load();
      map.set(key, p);
      // A failed read is retried by the next query, not remembered.
      p.catch(() => map.delete(key));
    }
    return p;
  };
  return {
    loadShard: (name) => once(shards, name, async () => (await read(shardFile(base, name))) as SearchShard),
    async loadDoc(id) {
      const chunk = Math.floor(id / DOCS_PER_FILE);
      const docs = await once(chunks, chunk, async () => (await read(docsFile(base, chunk))) as SearchDocRecord[]);
      return docs[id % DOCS_PER_FILE];
    },
  };
}

/** A reader over the ASSETS binding: any answer but a 200 with JSON is a failure. */
export function assetsReader(assets: { fetch(request: Request): Promise<Response> }): ReadJson {
  return async (path) => {
    const res = await assets.fetch(new Request(`https://assets.invalid${path}`));
    if (!res.ok) throw new Error(`search index: ${path} answered ${res.status}`);
    return res.json();
  };
}
