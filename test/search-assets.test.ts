import { describe, expect, it } from "vitest";
import { assetLoaders, DOCS_PER_FILE, searchAssetStream } from "../src/shared/search/assets.ts";
import type { SearchDoc } from "../src/shared/search/types.ts";
import { createAssetReader } from "../src/worker/corpus/read.ts";
import { buildSearchIndex, memoryLoaders, searchQuery } from "../src/worker/search/index.ts";

/** A large blog's index in the static assets: the same results, reading only what a query needs. */
const docs: SearchDoc[] = Array.from({ length: 150 }, (_, i) => ({
  slug: `post-${i}`,
  title: i === 7 ? "Zeppelins over fields" : `Post ${i}`,
  date: `2025-01-${String((i % 28) + 1).padStart(2, "0")}T00:00:00Z`,
  tags: i % 2 ? ["odd"] : ["even"],
  description: `Number ${i}`,
  text: `Some words about number ${i}. ${i % 10 === 0 ? "Balloons drift." : ""}`,
}));
const index = buildSearchIndex(docs);
const files = new Map([...searchAssetStream(index, "/_search/abc")].map((f) => [f.path, f.body]));

function fakeAssets(failing = new Set<string>()) {
  const asked: string[] = [];
  const assets = {
    async fetch(request: Request) {
      const path = new URL(request.url).pathname;
      asked.push(path);
      const body = files.get(path);
      if (failing.has(path)) return new Response("boom", { status: 500 });
      return body === undefined ? new Response("not found", { status: 404 }) : new Response(body);
    },
  };
  return { assets, asked };
}

describe("the search index in the static assets", () => {
  it("is one file per shard and one per chunk of documents", () => {
    expect(files.size).toBe(Object.keys(index.shards).length + Math.ceil(docs.length / DOCS_PER_FILE));
    expect(DOCS_PER_FILE).toBe(16);
    expect([...files.keys()].filter((p) => p.startsWith("/_search/abc/docs/"))).toEqual(
      Array.from({ length: 10 }, (_, i) => `/_search/abc/docs/${i}.json`),
    );
  });

  it("gives the same results as the bundled index, reading only the shards and documents it needs", async () => {
    const { assets, asked } = fakeAssets();
    const fromAssets = assetLoaders(createAssetReader(() => assets).require, "/_search/abc");
    for (const q of ["zeppelins", "balloons", "number 42", '"drift"']) {
      const a = await searchQuery(index.manifest, q, fromAssets);
      const b = await searchQuery(index.manifest, q, memoryLoaders(index));
      expect(a).toEqual(b);
    }
    expect(asked.length).toBeLessThan(files.size);
    const before = asked.length;
    await searchQuery(index.manifest, "zeppelins", fromAssets);
    expect(asked.length).toBe(before); // read once per isolate
  });

  it("fails loudly when an asset cannot be read, and retries on the next query", async () => {
    const shard = [...files.keys()].find((p) => p.includes("/shards/7a65."));
    const failing = new Set([shard as string]);
    const { assets } = fakeAssets(failing);
    const fromAssets = assetLoaders(createAssetReader(() => assets).require, "/_search/abc");
    await expect(searchQuery(index.manifest, "zeppelins", fromAssets)).rejects.toThrow(/answered 500/);
    failing.clear();
    const ok = await searchQuery(index.manifest, "zeppelins", fromAssets);
    expect(ok.ok && ok.results.hits.map((h) => h.slug)).toEqual(["post-7"]);
  });
});
