/**
 * Writes the corpus files (src/shared/corpus.ts) into the assets directory, touching only what
 * changed: a file whose bytes are already there is left alone (known from a manifest of what the
 * last build wrote, without reading it back), and a file no longer in the corpus is removed. A rebuild after editing one post rewrites that post's few files, so
 * `wrangler dev` and `wrangler deploy` see (and upload) only those.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { CORPUS_KEY, CORPUS_PREFIX, type CorpusFile, type CorpusSource, corpusLocation } from "../shared/corpus.ts";

/** A file to store in the corpus: its JSON files (made now or when asked), and the bytes of scheduled posts' cards. */
export type StoredFile = CorpusFile | CorpusSource | { path: string; body: Uint8Array };

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
 * What the last build wrote, by path under the assets directory: so a rebuild need not read its
 * files back. `from`: a digest of what a file was made from, when it names that (`inputs`).
 */
type Written = Record<string, { sha256: string; size: number; mtimeMs: number; from?: string }>;

/** Inputs this long are hashed once per build, however many files name them (a post's entry is in many lists and records). */
const SHARED_INPUT = 256;

/**
 * A digest of a file's inputs and the code that made it; each input's length first (or `#` and
 * its digest's fixed length), so no two lists run together. A long input counts by its own
 * digest, kept in `seen` for the next file that names the same string.
 */
function inputsDigest(code: string, inputs: readonly string[], seen: Map<string, string>): string {
  // One string hashed at once: a call into the hash per input cost more than the hashing.
  const parts = inputs.map((input) => {
    if (input.length < SHARED_INPUT) return `${input.length}:${input}`;
    let digest = seen.get(input);
    if (digest === undefined) {
      digest = createHash("sha256").update(input).digest("base64url");
      seen.set(input, digest);
    }
    return `#${digest}`;
  });
  return createHash("sha256").update(code).update("\0").update(parts.join("\0")).digest("base64url");
}

function readWritten(file: string | undefined): Written {
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Written;
  } catch {
    return {}; // none yet, or damaged: every file is compared with its bytes
  }
}

/**
 * Each file goes to its stored location under `key` (src/shared/corpus.ts); what is under the
 * corpus folder and not written now, an earlier key's folder included, is removed.
 *
 * With `manifest` (a file in the build cache), what was written is recorded with a hash of its
 * bytes, its size and its modification time: a file whose hash is the one recorded, still with
 * that size and time, is left alone without being read. Anything else (no record, a file
 * touched since) is compared byte for byte, as without a manifest.
 *
 * A file that names its inputs (a post's: src/shared/corpus.ts `CorpusSource`) is recorded with
 * a digest of them and of `code` (the version of the code that serialises it): while both are
 * what they were and the file is as written, it is left alone without being made at all.
 */
export async function writeCorpus(
  assetsDir: string,
  files: Iterable<StoredFile> | AsyncIterable<StoredFile>,
  key: string,
  manifest?: string,
  code = "",
): Promise<{ written: number; removed: number }> {
  const root = join(assetsDir, CORPUS_PREFIX);
  const before = readWritten(manifest);
  const after: Written = {};
  // Only the paths are kept: each file is written (or left) as it comes, then let go.
  const wanted = new Set<string>();
  let written = 0;
  const seen = new Map<string, string>();
  // Asynchronous only in what it is given: a build's search index comes from another thread, last.
  for await (const file of files) {
    const name = corpusLocation(file.path, key);
    const path = join(assetsDir, name);
    wanted.add(path);
    const known = before[name];
    const unchanged = () => {
      const stat = statSync(path, { throwIfNoEntry: false });
      return known !== undefined && stat !== undefined && stat.size === known.size && stat.mtimeMs === known.mtimeMs;
    };
    const from = "inputs" in file && file.inputs ? inputsDigest(code, file.inputs, seen) : undefined;
    if (from !== undefined && known?.from === from && unchanged()) {
      after[name] = known;
      continue;
    }
    const body = typeof file.body === "function" ? file.body() : file.body;
    // A string is hashed as it is (UTF-8, as it is written): copied into bytes only to be written.
    const sha256 = createHash("sha256").update(body).digest("base64url");
    const entry = (size: number, mtimeMs: number) => ({ sha256, size, mtimeMs, ...(from === undefined ? {} : { from }) });
    if (known?.sha256 === sha256 && unchanged()) {
      after[name] = entry(known.size, known.mtimeMs);
      continue;
    }
    const bytes = typeof body === "string" ? Buffer.from(body) : body;
    if (!(existsSync(path) && statSync(path).size === bytes.byteLength && readFileSync(path).equals(bytes))) {
      mkdirSync(dirname(path), { recursive: true });
      // Written aside and renamed: a dev server reading mid-build never sees half a file.
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, bytes);
      renameSync(tmp, path);
      written++;
    }
    const now = statSync(path);
    after[name] = entry(now.size, now.mtimeMs);
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
  if (manifest) {
    mkdirSync(dirname(manifest), { recursive: true });
    const tmp = `${manifest}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(after));
    renameSync(tmp, manifest);
  }
  return { written, removed };
}
