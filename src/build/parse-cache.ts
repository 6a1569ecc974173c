/**
 * The content build's memory of parsed posts (src/build/content/collection.ts `ParseMemo`), one file per
 * post under the cache directory. A key covers everything parsePost reads: the file's path and
 * text, its folder's files, what it reads of site.yaml (the origin, the alerts' titles), and the
 * pipeline itself (its source and the locked versions of the libraries it renders with), so a
 * changed post, a moved image, a new language or an upgraded marked all render again, and
 * nothing else does.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ParsedPost, ParseMemo, SourceFile } from "./content/index.ts";

const root = resolve(import.meta.dirname, "../..");

/** The pipeline's code: what parsePost runs, src/build/content and the shared modules it imports. */
export const PIPELINE_CODE = [join(root, "src", "build", "content"), join(root, "src", "shared")];

/** A hash of the pipeline's code (files, and folders walked in name order) and the locked dependency tree. */
export function pipelineVersion(code: readonly string[] = PIPELINE_CODE): string {
  const hash = createHash("sha256");
  const add = (path: string) => {
    if (!statSync(path).isDirectory()) return void hash.update(path.slice(root.length)).update(readFileSync(path));
    for (const name of readdirSync(path).sort()) add(join(path, name));
  };
  for (const path of code) add(path);
  hash.update(readFileSync(join(root, "package-lock.json")));
  return hash.digest("hex");
}

export interface ParseCache extends ParseMemo {
  /** Whether `get` would find the post (in this build, or kept from an earlier one), without counting it. */
  has(file: SourceFile, context: string): boolean;
  /** Posts parsed in this build, and posts taken from the cache. */
  readonly stats: { parsed: number; reused: number };
  /** Removes every entry this build did not use. */
  prune(): void;
}

export function parseCache(dir: string, version = pipelineVersion()): ParseCache {
  mkdirSync(dir, { recursive: true });
  const used = new Set<string>();
  const stats = { parsed: 0, reused: 0 };
  const keyOf = (file: SourceFile, context: string) =>
    createHash("sha256")
      .update(JSON.stringify([version, context, file.path, file.text, file.media ?? null]))
      .digest("hex");
  // Posts parsed in this build (ahead of the pipeline, by src/build/parse-pool.ts): `get` finds
  // them without reading them back, and without counting them as reused.
  const fresh = new Map<string, ParsedPost>();
  return {
    stats,
    has(file, context) {
      const key = keyOf(file, context);
      return fresh.has(key) || existsSync(join(dir, `${key}.json`));
    },
    get(file, context) {
      const key = keyOf(file, context);
      const mine = fresh.get(key);
      if (mine) return mine;
      const path = join(dir, `${key}.json`);
      if (!existsSync(path)) return undefined;
      try {
        const parsed = JSON.parse(readFileSync(path, "utf8")) as ParsedPost;
        used.add(key);
        stats.reused++;
        return parsed;
      } catch {
        return undefined; // a damaged entry is parsed again and rewritten
      }
    },
    set(file, context, parsed) {
      const key = keyOf(file, context);
      used.add(key);
      stats.parsed++;
      fresh.set(key, parsed);
      const path = join(dir, `${key}.json`);
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(parsed));
      renameSync(tmp, path);
    },
    prune() {
      for (const name of readdirSync(dir)) {
        if (!used.has(name.replace(/\.json$/, ""))) rmSync(join(dir, name), { force: true });
      }
    },
  };
}
