/**
 * The file-system half of folder posts: which files each post uses (found by the pure pipeline
 * in its Markdown), read and processed (process.ts), and what is left unused (a warning: it is
 * not published). Hands the pipeline a `PostMedia` per post; publish.ts copies the outputs.
 */
import { readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, join } from "node:path";
import type { BuildError } from "../../shared/types.ts";
import { splitFrontMatter } from "../content/frontmatter.ts";
import { lexMarkdown } from "../content/markdown.ts";
import { fileReference, type MediaFile, type PostMedia, shareCandidate } from "../content/media.ts";
import { mediaReferences, showsImage } from "../content/media-refs.ts";
import { type Output, type ProcessedFile, processFile } from "./process.ts";

export { type Output, pruneCache } from "./process.ts";
export { CARDS_DIR, HEADERS, prepareAssets, publishMedia } from "./publish.ts";

export interface FolderPost {
  /** The folder on disk. */
  folder: string;
  /** The folder as messages name it (`content/posts/my-trip`). */
  display: string;
  /** The index file's name (`index.md`) and text. */
  index: string;
  text: string;
}

export interface FolderMedia {
  media: PostMedia;
  /** What to publish if the post is published. */
  outputs: Output[];
}

export interface MediaBuild {
  /** By folder (as given). */
  posts: Map<string, FolderMedia>;
  /** Files read, and images sharp processed (not found in the cache). */
  files: number;
  processed: number;
  /** Cache entries in use (for pruning). */
  used: Set<string>;
  warnings: BuildError[];
}

/** Every file under `dir` but dotfiles (and what is in dot-folders), as `/`-separated relative paths. */
export function listFiles(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith(".")) continue;
    const path = `${prefix}${entry.name}`;
    if (entry.isDirectory()) out.push(...listFiles(join(dir, entry.name), `${path}/`));
    else out.push(path);
  }
  return out;
}

/** Runs `jobs` at most `limit` at a time (sharp is multithreaded already; this keeps memory bounded). */
async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < jobs.length; i = next++) results[i] = await (jobs[i] as () => Promise<T>)();
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

const concurrency = () => Math.max(1, Math.min(4, availableParallelism()));

export async function buildFolderMedia(posts: readonly FolderPost[], cacheDir: string): Promise<MediaBuild> {
  const build: MediaBuild = { posts: new Map(), files: 0, processed: 0, used: new Set(), warnings: [] };
  const jobs: (() => Promise<void>)[] = [];
  for (const post of posts) {
    const present = listFiles(post.folder).filter((f) => f !== post.index);
    const split = splitFrontMatter(post.text);
    // A post whose front matter is broken reports that; its files are not looked at until it is fixed.
    const refs = split.ok ? mediaReferences(split.body, lexMarkdown) : [];
    const used = new Map<string, boolean>(); // path → used as an image
    for (const ref of refs) {
      if ("path" in ref.target) used.set(ref.target.path, used.get(ref.target.path) === true || showsImage(ref));
    }
    const files: Record<string, MediaFile> = {};
    const outputs: Output[] = [];
    build.posts.set(post.folder, { media: { files }, outputs });
    for (const name of present) {
      if (!used.has(name)) {
        if (split.ok) {
          build.warnings.push({
            file: `${post.display}/${name}`,
            field: "file",
            message: `is not used by ${post.index} (no link or image refers to it), so it is not published`,
          });
        }
        continue;
      }
      jobs.push(async () => {
        const result: ProcessedFile = await processFile(join(post.folder, name), name, used.get(name) === true, cacheDir);
        files[name] = result.record;
        outputs.push(...result.outputs);
        build.files++;
        if (result.processed) build.processed++;
        if (result.cacheKey) build.used.add(result.cacheKey);
      });
    }
  }
  await pool(jobs, concurrency());
  return build;
}

/**
 * site.yaml's `image` as an absolute URL: an https URL as it is, a site path on the origin, a
 * file in content/ published like a post's image.
 */
export async function siteImage(
  value: string,
  contentDir: string,
  origin: string,
  cacheDir: string,
): Promise<{ url?: string; outputs: Output[]; problem?: string; cacheKey?: string }> {
  if (/^https:\/\//i.test(value)) return { url: value, outputs: [] };
  if (value.startsWith("/")) return { url: `${origin}${value}`, outputs: [] };
  const target = fileReference(value);
  if (!target)
    return { outputs: [], problem: "must be an https URL, a path on the site (/image.png) or a file in content/ (./image.png)" };
  if ("problem" in target) return { outputs: [], problem: `${value} is not a file in content/` };
  const path = join(contentDir, target.path);
  // Compared by exact name, as on a case-sensitive file system, so a build passes or fails the same everywhere.
  const exists = (() => {
    try {
      return statSync(path).isFile() && readdirSync(dirname(path)).includes(basename(path));
    } catch {
      return false;
    }
  })();
  if (!exists) return { outputs: [], problem: `${value} does not exist in content/` };
  const result = await processFile(path, target.path, true, cacheDir);
  const candidate = result.record.image && shareCandidate(result.record.image);
  if (result.record.problem || !candidate) {
    return {
      outputs: [],
      problem: `${value} ${result.record.problem ?? "is not an image link previews can show: use JPEG, PNG, WebP or GIF"}`,
    };
  }
  return { url: `${origin}${candidate.url}`, outputs: result.outputs, cacheKey: result.cacheKey };
}
