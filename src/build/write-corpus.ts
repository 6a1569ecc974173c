/**
 * Writes the corpus files (src/shared/corpus.ts) into the assets directory, touching only what
 * changed: a file whose bytes are already there is left alone, and a file no longer in the
 * corpus is removed. A rebuild after editing one post rewrites that post's few files, so
 * `wrangler dev` and `wrangler deploy` see (and upload) only those.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { CORPUS_KEY, CORPUS_PREFIX, type CorpusFile, corpusLocation } from "../shared/corpus.ts";

/** A file to store in the corpus: its JSON files, and the bytes of scheduled posts' cards. */
export type StoredFile = CorpusFile | { path: string; body: Uint8Array };

/**
 * The corpus key (src/shared/corpus.ts `corpusLocation`): made once and kept in the build
 * cache (gitignored, never deployed), so a rebuild on this machine keeps the corpus where it is
 * and rewrites only what changed. A clean clone (CI) makes a new one: every stored name changes
 * with that deploy, which costs nothing, since wrangler uploads assets by content hash.
 */
export function corpusKey(cacheDir: string): string {
  const file = join(cacheDir, "corpus-key");
  try {
    const kept = readFileSync(file, "utf8").trim();
    if (CORPUS_KEY.test(kept)) return kept;
  } catch {
    // None yet: make one.
  }
  const key = randomBytes(16).toString("hex");
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(file, `${key}\n`);
  return key;
}

/**
 * Each file goes to its stored location under `key` (src/shared/corpus.ts); what is under the
 * corpus folder and not written now, an earlier key's folder included, is removed.
 */
export function writeCorpus(assetsDir: string, files: Iterable<StoredFile>, key: string): { written: number; removed: number } {
  const root = join(assetsDir, CORPUS_PREFIX);
  // Only the paths are kept: each file is written (or left) as it comes, then let go.
  const wanted = new Set<string>();
  let written = 0;
  for (const file of files) {
    const path = join(assetsDir, corpusLocation(file.path, key));
    wanted.add(path);
    const bytes = Buffer.from(file.body);
    if (existsSync(path) && statSync(path).size === bytes.byteLength && readFileSync(path).equals(bytes)) continue;
    mkdirSync(dirname(path), { recursive: true });
    // Written aside and renamed: a dev server reading mid-build never sees half a file.
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
    written++;
  }
  let removed = 0;
  const sweep = (dir: string): boolean => {
    let empty = true;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (sweep(path)) rmSync(path, { recursive: true });
        else empty = false;
      } else if (wanted.has(path)) empty = false;
      else {
        rmSync(path);
        removed++;
      }
    }
    return empty;
  };
  if (existsSync(root)) sweep(root);
  return { written, removed };
}
