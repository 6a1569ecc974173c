/**
 * Writes the corpus files (src/content/corpus.ts) into the assets directory, touching only what
 * changed: a file whose bytes are already there is left alone, and a file no longer in the
 * corpus is removed. A rebuild after editing one post rewrites that post's few files, so
 * `wrangler dev` and `wrangler deploy` see (and upload) only those.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { CORPUS_PREFIX, type CorpusFile } from "../src/content/corpus.ts";

export function writeCorpus(assetsDir: string, files: Iterable<CorpusFile>): { written: number; removed: number } {
  const root = join(assetsDir, CORPUS_PREFIX);
  // Only the paths are kept: each file is written (or left) as it comes, then let go.
  const wanted = new Set<string>();
  let written = 0;
  for (const file of files) {
    const path = join(assetsDir, file.path);
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
