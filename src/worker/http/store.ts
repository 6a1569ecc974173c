import type { Format } from "../../shared/formats.ts";
import type { Prepared } from "./prepared.ts";

/**
 * The isolate's one cache of prepared representations, and of the builds under way, keyed by
 * the one identity a representation has: its canonical path, plus the format when the path is
 * negotiated (`/posts/x` has three representations, `/posts/x.json` and `/feed.xml` one each).
 * The warm path and the app look representations up here by that same key.
 */
export const keyOf = (path: string, variant?: Format): string => (variant ? `${path} ${variant}` : path);

interface Entry {
  prepared?: Prepared;
  /** A first build in progress: concurrent first requests share it instead of racing. */
  building?: Promise<Prepared | undefined>;
}

export interface Store {
  /** The representation at `key` if prepared, marked as just used. */
  get(key: string): Prepared | undefined;
  /**
   * The prepared representation at `key`, building it once however many ask at the same time;
   * undefined (and nothing kept) when `build` finds no such resource.
   */
  getOrBuild(
    key: string,
    build: () => Promise<Prepared | undefined>,
  ): Promise<{ prepared: Prepared; built: boolean } | undefined>;
  /** Keys held, least recently used first, and the bytes of their bodies. */
  stats(): { keys: string[]; bytes: number };
}

/**
 * Bytes of prepared bodies an isolate keeps (isolates have 128 MB). Past it the least recently
 * used are dropped and rebuilt on their next request: a crawler walking thousands of posts costs
 * some re-rendering, never an out-of-memory isolate, and the pages readers keep asking for stay.
 */
export const CACHE_BUDGET_BYTES = 32 * 1024 * 1024;

/**
 * No one representation may take more than this share of the budget: a larger one is served but
 * not kept, so it can never evict everything else (two huge feeds alternating would otherwise
 * rebuild on every request and empty the cache each time).
 */
export const MAX_ENTRY_SHARE = 8;

export function createStore(budget = CACHE_BUDGET_BYTES): Store {
  // Least recently used first: a Map iterates in insertion order, and every use re-inserts.
  const entries = new Map<string, Entry>();
  let bytes = 0;
  // The key used last: repeated hits on one page skip the re-insertion.
  let newest: string | undefined;

  const touch = (key: string, entry: Entry) => {
    if (key === newest) return;
    entries.delete(key);
    entries.set(key, entry);
    newest = key;
  };

  const keep = (key: string, entry: Entry, prepared: Prepared) => {
    // Serve it, don't keep it: see MAX_ENTRY_SHARE.
    if (prepared.body.byteLength > budget / MAX_ENTRY_SHARE) {
      entries.delete(key);
      return;
    }
    entry.prepared = prepared;
    entry.building = undefined;
    bytes += prepared.body.byteLength;
    touch(key, entry);
    for (const [oldKey, old] of entries) {
      if (bytes <= budget || oldKey === key) break;
      if (!old.prepared) continue; // a build under way holds no bytes yet
      entries.delete(oldKey);
      bytes -= old.prepared.body.byteLength;
    }
  };

  return {
    get(key) {
      const entry = entries.get(key);
      if (entry?.prepared === undefined) return undefined;
      touch(key, entry);
      return entry.prepared;
    },
    async getOrBuild(key, build) {
      const entry = entries.get(key);
      if (entry?.prepared) {
        touch(key, entry);
        return { prepared: entry.prepared, built: false };
      }
      if (entry?.building) {
        const prepared = await entry.building;
        return prepared && { prepared, built: false };
      }
      const fresh: Entry = {};
      fresh.building = build();
      entries.set(key, fresh);
      try {
        const prepared = await fresh.building;
        // Only representations that exist are kept: unknown paths must not grow the cache.
        if (prepared === undefined) {
          entries.delete(key);
          return undefined;
        }
        keep(key, fresh, prepared);
        return { prepared, built: true };
      } catch (e) {
        entries.delete(key); // a failed build is retried by the next request, never cached
        throw e;
      }
    },
    stats() {
      return { keys: [...entries].filter(([, e]) => e.prepared).map(([k]) => k), bytes };
    },
  };
}
