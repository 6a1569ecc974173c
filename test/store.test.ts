import { describe, expect, it } from "vitest";
import { prepare, type RepresentationSpec } from "../src/worker/http/representation.ts";
import { createStore, keyOf, MAX_ENTRY_SHARE } from "../src/worker/http/store.ts";

/** The isolate cache on its own: keys, LRU eviction within a byte budget, shared first builds. */

const spec = (size: number): RepresentationSpec => ({
  contentType: "text/plain; charset=utf-8",
  body: "x".repeat(size),
  cacheControl: "no-store",
  cacheTags: [],
  kind: "data",
});
const build = (size: number) => () => prepare(spec(size));

describe("one key per representation", () => {
  it("is the canonical path, with the format at a negotiated path", () => {
    expect(keyOf("/posts/x")).toBe("/posts/x");
    expect(keyOf("/posts/x.json")).toBe("/posts/x.json");
    expect(keyOf("/posts/x", "json")).toBe("/posts/x json");
    expect(new Set([keyOf("/posts/x", "html"), keyOf("/posts/x", "json"), keyOf("/posts/x.json")]).size).toBe(3);
  });
});

describe("the isolate cache is bounded in bytes and keeps the pages in use", () => {
  const EIGHT = ["/a", "/b", "/c", "/d", "/e", "/f", "/g", "/h"];
  const filled = async (budget = 8000) => {
    const store = createStore(budget);
    for (const k of EIGHT) await store.getOrBuild(k, build(1000));
    return store;
  };

  it("drops the least recently used past the budget, and rebuilds them on demand", async () => {
    const store = await filled(8500);
    await store.getOrBuild("/i", build(1000));
    expect(store.stats()).toEqual({ keys: ["/b", "/c", "/d", "/e", "/f", "/g", "/h", "/i"], bytes: 8000 });
    expect(store.get("/a")).toBeUndefined();
    expect((await store.getOrBuild("/a", build(1000)))?.built).toBe(true);
    expect(store.get("/b")).toBeUndefined();
  });

  it("evicts the least recently used, not the oldest: a hit counts as a use", async () => {
    const store = await filled();
    expect((await store.getOrBuild("/a", build(1000)))?.built).toBe(false);
    await store.getOrBuild("/i", build(1000));
    expect(store.stats().keys).toEqual(["/c", "/d", "/e", "/f", "/g", "/h", "/a", "/i"]);
  });

  it("counts a lookup by the warm path as a use too", async () => {
    const store = await filled();
    expect(store.get("/a")).toBeDefined();
    await store.getOrBuild("/i", build(1000));
    await store.getOrBuild("/j", build(1000));
    expect(store.stats().keys).toEqual(["/d", "/e", "/f", "/g", "/h", "/a", "/i", "/j"]);
  });

  it("serves two giants in turn without keeping them or evicting anything else", async () => {
    const store = await filled();
    for (let round = 0; round < 3; round++) {
      for (const big of ["/big-1", "/big-2"]) {
        const found = await store.getOrBuild(big, build(8000 / MAX_ENTRY_SHARE + 1));
        expect(found?.built).toBe(true);
        expect(found?.prepared.body.byteLength).toBe(8000 / MAX_ENTRY_SHARE + 1);
      }
    }
    expect(store.stats()).toEqual({ keys: EIGHT, bytes: 8000 });
  });

  it("keeps one exactly at the limit", async () => {
    const store = createStore(8000);
    await store.getOrBuild("/edge", build(8000 / MAX_ENTRY_SHARE));
    expect(store.stats().keys).toEqual(["/edge"]);
  });
});

describe("first builds", () => {
  it("are shared by concurrent requests: one build, one result", async () => {
    const store = createStore();
    let builds = 0;
    const slow = async () => {
      builds++;
      await new Promise((r) => setTimeout(r, 5));
      return prepare(spec(10));
    };
    const [a, b] = await Promise.all([store.getOrBuild("/x", slow), store.getOrBuild("/x", slow)]);
    expect(builds).toBe(1);
    expect([a?.built, b?.built]).toEqual([true, false]);
    expect(a?.prepared).toBe(b?.prepared);
  });

  it("keep nothing for a resource that does not exist, or a build that fails", async () => {
    const store = createStore();
    expect(await store.getOrBuild("/missing", async () => undefined)).toBeUndefined();
    await expect(store.getOrBuild("/broken", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(store.stats()).toEqual({ keys: [], bytes: 0 });
    expect((await store.getOrBuild("/broken", build(3)))?.built).toBe(true);
  });
});
