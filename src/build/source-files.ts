/**
 * Reading content/ for a rebuild. A build remembers each source file it read (its size, times
 * and a digest of its bytes) in the build cache; a file whose size and times are still those is
 * not read again: it is handed on with the digest, and its text is read only if something asks
 * for it. The parse cache keys a post by that digest (src/build/parse-cache.ts), so a rebuild of
 * 10,000 unchanged posts makes 10,000 `stat` calls rather than 10,000 reads and decodes. What a
 * file's text is made into is decided in one place, decodeSource, whichever way it is read.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { BuildError, SourceFile } from "./content/index.ts";
import { decodeSource } from "./content/index.ts";

/** What a file was when it was last read. ctime moves on every write, even one that restores the old mtime. */
interface Seen {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  digest: string;
}

export interface SourceReader {
  /** The file at `path` as `shown`, or its problem (not UTF-8, too large); throws what reading throws. */
  read(path: string, shown: string): { file?: SourceFile; error?: BuildError };
  /** Remembers what this build read, and nothing else. */
  save(): void;
}

const VERSION = 1;

export function sourceReader(file: string): SourceReader {
  let before: Record<string, Seen> = {};
  try {
    const read = JSON.parse(readFileSync(file, "utf8")) as { version: number; files: Record<string, Seen> };
    if (read.version === VERSION) before = read.files;
  } catch {
    // None yet, or damaged: every file is read.
  }
  const after: Record<string, Seen> = {};
  let changed = false;
  const decode = (path: string, shown: string) => {
    // Its state before the read: a write during the read changes it, and the next build reads again.
    const stat = statSync(path);
    const bytes = readFileSync(path);
    const decoded = decodeSource(shown, bytes);
    const digest = createHash("sha256").update(bytes).digest("base64url");
    return { stat, decoded, digest };
  };
  return {
    read(path, shown) {
      const stat = statSync(path);
      const known = before[path];
      if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs && known.ctimeMs === stat.ctimeMs) {
        after[path] = known;
        let text: string | undefined;
        const file: SourceFile = {
          path: shown,
          digest: known.digest,
          get text() {
            if (text === undefined) {
              const again = decode(path, shown);
              if (again.decoded.text === undefined || again.digest !== known.digest)
                throw new Error(`${shown} changed while the build was reading it: build again`);
              text = again.decoded.text;
            }
            return text;
          },
        };
        return { file };
      }
      const { stat: was, decoded, digest } = decode(path, shown);
      if (decoded.text === undefined) return decoded.error ? { error: decoded.error } : {};
      after[path] = { size: was.size, mtimeMs: was.mtimeMs, ctimeMs: was.ctimeMs, digest };
      changed = true;
      return { file: { path: shown, text: decoded.text, digest } };
    },
    save() {
      if (!changed && Object.keys(after).length === Object.keys(before).length) return;
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ version: VERSION, files: after }));
      renameSync(tmp, file);
    },
  };
}
