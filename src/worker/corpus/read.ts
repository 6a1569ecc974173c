import { corpusKey } from "../../generated/build.ts";
import { corpusLocation } from "../../shared/corpus.ts";

/**
 * Reads the corpus's files (src/shared/corpus.ts) from Workers Static Assets through the
 * `ASSETS` binding, at their stored location (`corpusLocation`: a secret folder). Each file is parsed once and kept in this isolate, within a byte budget,
 * least recently used dropped first: the corpus can be far larger than an isolate's memory.
 */

/** A file the Worker needs could not be read: the reader gets a 503 to retry, never a partial page. */
export class ContentUnavailable extends Error {
  override name = "ContentUnavailable";
}

export interface AssetsBinding {
  fetch(request: Request): Promise<Response>;
}

export interface AssetReader {
  /** The parsed file, or undefined when there is no such file (a slug nobody wrote). */
  read<T>(path: string): Promise<T | undefined>;
  /** The parsed file, which the build guarantees exists: missing is a broken deploy, so unavailable. */
  require<T>(path: string): Promise<T>;
  /** Paths held, least recently used first, and the bytes of their text. */
  stats(): { paths: string[]; bytes: number };
}

/**
 * Bytes of parsed files an isolate keeps (by their JSON text; isolates have 128 MB). A post's
 * file is read once for its three representations and its neighbours' listings are shared, so
 * this mostly saves re-reading; the rendered pages are kept apart (src/worker/http/store.ts).
 */
export const ASSET_CACHE_BYTES = 16 * 1024 * 1024;

// Any host will do: the binding serves the assets of this Worker's version, whatever the URL's.
const BASE = "https://assets.invalid";

/**
 * `locate` maps a corpus path to where it is stored; errors name the corpus path, never the
 * stored one (they reach `wrangler tail`, and the stored name is the corpus's only secret).
 */
export function createAssetReader(
  assets: () => AssetsBinding | undefined,
  budget = ASSET_CACHE_BYTES,
  locate: (path: string) => string = (path) => path,
): AssetReader {
  const kept = new Map<string, { value: unknown; bytes: number }>();
  const pending = new Map<string, Promise<unknown>>();
  let bytes = 0;

  const keep = (path: string, value: unknown, size: number) => {
    if (size > budget / 4) return; // served, not kept: one file never empties the cache
    kept.set(path, { value, bytes: size });
    bytes += size;
    for (const [old, entry] of kept) {
      if (bytes <= budget) break;
      kept.delete(old);
      bytes -= entry.bytes;
    }
  };

  const load = async (path: string): Promise<unknown> => {
    const binding = assets();
    if (!binding) throw new ContentUnavailable(`no ASSETS binding to read ${path}`);
    let res: Response;
    let text: string;
    try {
      res = await binding.fetch(new Request(BASE + locate(path)));
      if (res.status === 404) {
        await res.body?.cancel();
        return undefined;
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new ContentUnavailable(`${path} answered ${res.status}`);
      }
      text = await res.text();
    } catch (e) {
      throw e instanceof ContentUnavailable ? e : new ContentUnavailable(`${path}: ${(e as Error).message}`);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new ContentUnavailable(`${path} is not JSON`);
    }
    keep(path, value, text.length);
    return value;
  };

  const read = async <T>(path: string): Promise<T | undefined> => {
    const hit = kept.get(path);
    if (hit) {
      kept.delete(path);
      kept.set(path, hit);
      return hit.value as T;
    }
    let p = pending.get(path);
    if (!p) {
      // Concurrent first requests share one read; a failure is not remembered.
      p = load(path).finally(() => pending.delete(path));
      pending.set(path, p);
    }
    return (await p) as T | undefined;
  };

  return {
    read,
    async require<T>(path: string): Promise<T> {
      const value = await read<T>(path);
      if (value === undefined) throw new ContentUnavailable(`${path} is missing from the assets`);
      return value;
    },
    stats: () => ({ paths: [...kept.keys()], bytes }),
  };
}

let binding: AssetsBinding | undefined;

/** Called with every request's `env`: the binding is the same for the isolate's life. */
export function useAssets(env: unknown): void {
  const found = (env as { ASSETS?: AssetsBinding } | undefined)?.ASSETS;
  if (found) binding = found;
}

const locate = (path: string) => corpusLocation(path, corpusKey);

/** This isolate's reader of the corpus. */
export const corpusReader = createAssetReader(() => binding, ASSET_CACHE_BYTES, locate);

/**
 * A corpus file as the asset server answers it (bytes, not parsed or kept): a scheduled post's
 * card. Undefined when there is no such file; a failure to read is ContentUnavailable.
 */
export async function fetchCorpusFile(path: string): Promise<Response | undefined> {
  if (!binding) throw new ContentUnavailable(`no ASSETS binding to read ${path}`);
  let res: Response;
  try {
    res = await binding.fetch(new Request(BASE + locate(path)));
  } catch (e) {
    throw new ContentUnavailable(`${path}: ${(e as Error).message}`);
  }
  if (res.status === 404) {
    await res.body?.cancel();
    return undefined;
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new ContentUnavailable(`${path} answered ${res.status}`);
  }
  return res;
}
