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
import { BODY_DIGEST, type DigestedPost } from "../shared/corpus.ts";
import type { Post } from "../shared/types.ts";
import { type ParsedPost, type ParseMemo, parseSafely, type SourceFile } from "./content/index.ts";
import type { RenderSettings } from "./content/render-settings.ts";

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
  /** Remembers a post parsed in this build; `stored`: its record is in its file already (`pathOf`). */
  set(file: SourceFile, context: string, parsed: ParsedPost, stored?: boolean): void;
  /** The file a post's record is kept in, for a thread that parses it to write (then `set` with `stored`). */
  pathOf(file: SourceFile, context: string): string;
}

/** Where the cache keeps what every remembered post is, but for its bodies: a folder of parts, read at once. */
const SNAPSHOT = "snapshot";
const SNAPSHOT_PARTS = 64;

/** A remembered result as the snapshot keeps it: the post's HTML and Markdown left out (null, in their places), and their digest. */
type Light = Omit<ParsedPost, "post"> & { post?: Post; digest?: string };

/** A digest of a post's HTML and Markdown (src/shared/corpus.ts `BODY_DIGEST`). */
export function bodyDigest(post: Pick<Post, "html" | "markdown">): string {
  return createHash("sha256")
    .update(`${post.html.length}\0`)
    .update(post.html)
    .update("\0")
    .update(post.markdown)
    .digest("base64url");
}

/** A post's record, as the cache keeps it at `path` (ParseCache `pathOf`). */
export function writeRecord(path: string, parsed: ParsedPost): void {
  write(path, JSON.stringify(parsed));
}

/** Written aside and renamed: a build that stops midway never leaves half a file. */
function write(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

export function parseCache(dir: string, version = pipelineVersion()): ParseCache {
  mkdirSync(dir, { recursive: true });
  const used = new Set<string>();
  const stats = { parsed: 0, reused: 0 };
  // Each file's key is made once per build (`has` and then `get` ask for it), while its text and
  // files are the ones it was made from.
  // A file the build read with a digest of its bytes (src/build/source-files.ts) is keyed by
  // that, and its text is not read.
  const made = new WeakMap<SourceFile, { context: string; content: string; media: SourceFile["media"]; key: string }>();
  const keyOf = (file: SourceFile, context: string) => {
    const content = file.digest === undefined ? `text\0${file.text}` : `bytes\0${file.digest}`;
    const known = made.get(file);
    if (known && known.context === context && known.content === content && known.media === file.media) return known.key;
    const key = createHash("sha256")
      .update(JSON.stringify([version, context, file.path, file.media ?? null]))
      .update("\0")
      .update(content)
      .digest("hex");
    made.set(file, { context, content, media: file.media, key });
    return key;
  };
  // Posts parsed in this build (ahead of the pipeline, by src/build/parse-pool.ts): `get` finds
  // them without reading them back, and without counting them as reused.
  const fresh = new Map<string, ParsedPost>();
  // Every remembered post but for its bodies, in SNAPSHOT_PARTS files by key: a rebuild reads a
  // post's HTML and Markdown (its own file) only if something asks for them, which for an
  // unchanged post nothing does (src/shared/corpus.ts, src/build/search/index-build.ts use the
  // digest), and rewrites only the parts whose posts changed.
  const snapshotDir = join(dir, SNAPSHOT);
  const partOf = (key: string) => Number.parseInt(key.slice(0, 2), 16) % SNAPSHOT_PARTS;
  const parts = Array.from({ length: SNAPSHOT_PARTS }, (_, i): Record<string, Light> => {
    try {
      const read = JSON.parse(readFileSync(join(snapshotDir, `${i}.json`), "utf8")) as {
        version: string;
        entries: Record<string, Light>;
      };
      if (read.version === version) return read.entries;
    } catch {
      // None yet, or damaged: each post's own file is read instead.
    }
    return {};
  });
  const snapshot = {
    has: (key: string) => Object.hasOwn(parts[partOf(key)] ?? {}, key),
    get: (key: string) => parts[partOf(key)]?.[key],
  };
  /** This build's entries, per part, and the parts that gained one. */
  const next = Array.from({ length: SNAPSHOT_PARTS }, (): Record<string, Light> => ({}));
  const changed = new Set<number>();
  const light = (parsed: ParsedPost): Light =>
    parsed.post
      ? {
          ...parsed,
          post: { ...parsed.post, html: null, markdown: null } as unknown as Post,
          digest: (parsed.post as DigestedPost)[BODY_DIGEST] ?? bodyDigest(parsed.post),
        }
      : parsed;
  /**
   * The post of a light entry, its HTML and Markdown read from its own file when first asked
   * for. A file that is gone or is not what the digest says (a damaged cache) is made again from
   * the source, as a first build would, and written back.
   */
  const revive = (key: string, entry: Light, file: SourceFile, context: string): ParsedPost => {
    const { digest, ...rest } = entry;
    if (!rest.post || digest === undefined) return rest as ParsedPost;
    const post = { ...rest.post };
    const path = join(dir, `${key}.json`);
    let bodies: Pick<Post, "html" | "markdown"> | undefined;
    const kept = (): Pick<Post, "html" | "markdown"> | undefined => {
      try {
        const found = (JSON.parse(readFileSync(path, "utf8")) as ParsedPost).post;
        return found && bodyDigest(found) === digest ? { html: found.html, markdown: found.markdown } : undefined;
      } catch {
        return undefined;
      }
    };
    const load = () => {
      bodies ??= kept();
      if (!bodies) {
        // The context is what the pipeline read of site.yaml (collection.ts `parseContext`).
        const [origin, render] = JSON.parse(context) as [string, RenderSettings];
        const again = parseSafely(file, origin, render);
        if (!again.post || bodyDigest(again.post) !== digest)
          throw new Error(`the build cache does not match ${file.path}: delete ${dir} and build again`);
        write(path, JSON.stringify(again));
        bodies = { html: again.post.html, markdown: again.post.markdown };
      }
      return bodies;
    };
    // Accessors in the places the fields had (null in the snapshot), so the post serialises as
    // it always did; copies made by `withFields` (collection.ts) share the one read.
    for (const field of ["html", "markdown"] as const) {
      Object.defineProperty(post, field, {
        get: () => load()[field],
        set(this: Post, value: string) {
          Object.defineProperty(this, field, { value, writable: true, enumerable: true, configurable: true });
        },
        enumerable: true,
        configurable: true,
      });
    }
    (post as DigestedPost)[BODY_DIGEST] = digest;
    return { ...rest, post };
  };
  const digested = (parsed: ParsedPost): ParsedPost => {
    if (parsed.post) (parsed.post as DigestedPost)[BODY_DIGEST] = bodyDigest(parsed.post);
    return parsed;
  };
  return {
    stats,
    has(file, context) {
      const key = keyOf(file, context);
      return fresh.has(key) || snapshot.has(key) || existsSync(join(dir, `${key}.json`));
    },
    get(file, context) {
      const key = keyOf(file, context);
      const mine = fresh.get(key);
      if (mine) return mine;
      const entry = snapshot.get(key);
      if (entry) {
        used.add(key);
        (next[partOf(key)] as Record<string, Light>)[key] = entry;
        stats.reused++;
        return revive(key, entry, file, context);
      }
      const path = join(dir, `${key}.json`);
      if (!existsSync(path)) return undefined;
      try {
        const parsed = digested(JSON.parse(readFileSync(path, "utf8")) as ParsedPost);
        used.add(key);
        (next[partOf(key)] as Record<string, Light>)[key] = light(parsed);
        changed.add(partOf(key));
        stats.reused++;
        return parsed;
      } catch {
        return undefined; // a damaged entry is parsed again and rewritten
      }
    },
    set(file, context, parsed, stored = false) {
      const key = keyOf(file, context);
      used.add(key);
      stats.parsed++;
      fresh.set(key, digested(parsed));
      (next[partOf(key)] as Record<string, Light>)[key] = light(parsed);
      changed.add(partOf(key));
      if (!stored) writeRecord(join(dir, `${key}.json`), parsed);
    },
    pathOf(file, context) {
      return join(dir, `${keyOf(file, context)}.json`);
    },
    prune() {
      for (const name of readdirSync(dir)) {
        if (name !== SNAPSHOT && !used.has(name.replace(/\.json$/, ""))) rmSync(join(dir, name), { force: true });
      }
      // (A snapshot of one file, as an earlier build wrote it, makes way for the folder.)
      if (existsSync(snapshotDir) && !statSync(snapshotDir).isDirectory()) rmSync(snapshotDir);
      mkdirSync(snapshotDir, { recursive: true });
      next.forEach((entries, i) => {
        // A part that gained nothing and lost nothing stays as it is.
        if (!changed.has(i) && Object.keys(entries).length === Object.keys(parts[i] ?? {}).length) return;
        write(join(snapshotDir, `${i}.json`), JSON.stringify({ version, entries }));
      });
    },
  };
}
