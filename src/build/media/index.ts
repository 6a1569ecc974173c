/**
 * The file-system half of folder posts: which files each post uses (found by the pure pipeline
 * in its Markdown), read and processed (process.ts), and what is left unused (a warning: it is
 * not published). Hands the pipeline a `PostMedia` per post; publish.ts copies the outputs.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, join } from "node:path";
import { INDEX_FILE } from "../../shared/languages.ts";
import type { BuildError } from "../../shared/types.ts";
import { splitFrontMatter } from "../content/frontmatter.ts";
import { lexMarkdown } from "../content/markdown.ts";
import {
  companionsOf,
  extensionOf,
  fileReference,
  imageSrc,
  type MediaFile,
  PLAYABLE_TYPES,
  type PostMedia,
  shareCandidate,
} from "../content/media.ts";
import { mediaReferences, showsImage } from "../content/media-refs.ts";
import { type Output, type ProcessedFile, processFile } from "./process.ts";

export { CARDS_DIR } from "../cards/names.ts";
export { type Output, pruneCache } from "./process.ts";
export { HEADERS, prepareAssets, publishMedia } from "./publish.ts";

export interface FolderPost {
  /** The folder on disk. */
  folder: string;
  /** The folder as messages name it (`content/posts/my-trip`). */
  display: string;
  /** The index file's name (`index.md`) and text. */
  index: string;
  text: string;
  /** In a blog in several languages, its translations (`index.pt-br.md`): they share its files. */
  translations?: { index: string; text: string }[];
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

/**
 * A video's poster (processed as an image; the player shows its largest copy) and its captions
 * (published as they are, once checked to be WebVTT), added to its record. Returns what to publish.
 */
async function withCompanions(
  result: ProcessedFile,
  folder: string,
  found: ReturnType<typeof companionsOf>,
  cacheDir: string,
): Promise<Output[]> {
  const playable = result.record.playable;
  if (!playable) return [];
  const outputs: Output[] = [];
  const problems: string[] = [];
  if (found.poster) {
    const poster = await processFile(join(folder, found.poster), found.poster, "image", cacheDir);
    const src = poster.record.image && imageSrc(poster.record.image);
    if (poster.record.problem || !src)
      problems.push(`${found.poster} (its poster) ${poster.record.problem ?? "is not an image"}`);
    else {
      playable.poster = src.url;
      outputs.push(...poster.outputs.filter((o) => o.url === src.url));
    }
  }
  for (const track of found.tracks) {
    const file = await processFile(join(folder, track.path), track.path, "file", cacheDir);
    const problem = file.record.problem ?? webVttProblem(readFileSync(join(folder, track.path)));
    if (problem) problems.push(`${track.path} (its captions) ${problem}`);
    else {
      playable.tracks.push({ url: file.record.url, language: track.language });
      outputs.push(...file.outputs);
    }
  }
  if (problems.length > 0) {
    result.record = { url: "", problem: `comes with a file that cannot be used: ${problems.join("; ")}` };
    return [];
  }
  return outputs;
}

/** Why `bytes` are not a WebVTT file (W3C WebVTT §4.1: it starts with "WEBVTT"), or undefined. */
function webVttProblem(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder().decode(bytes.subarray(0, 16)).replace(/^\uFEFF/, "");
  if (/^WEBVTT(?:[ \t\r\n]|$)/.test(head)) return undefined;
  const srt = /^\d+\r?\n\d\d:/.test(head)
    ? " (this looks like SubRip: rename the times' commas to dots and start it with WEBVTT)"
    : "";
  return `is not WebVTT: its first line must be WEBVTT${srt}`;
}

export async function buildFolderMedia(
  posts: readonly FolderPost[],
  cacheDir: string,
  /** The blog's language: that of captions named like the video (`clip.vtt`). */
  language = "en",
): Promise<MediaBuild> {
  const build: MediaBuild = { posts: new Map(), files: 0, processed: 0, used: new Set(), warnings: [] };
  const jobs: (() => Promise<void>)[] = [];
  const captionless: BuildError[] = [];
  for (const post of posts) {
    const indexes = [{ index: post.index, text: post.text }, ...(post.translations ?? [])];
    const present = listFiles(post.folder).filter((f) => !indexes.some((i) => i.index === f));
    const splits = indexes.map((i) => splitFrontMatter(i.text));
    const split = { ok: splits.every((s) => s.ok) };
    // A post whose front matter is broken reports that; its files are not looked at until it is fixed.
    const refs = splits.flatMap((s) => (s.ok ? mediaReferences(s.body, lexMarkdown) : []));
    const used = new Map<string, "file" | "image" | "playable">(); // path → how the post uses it
    for (const ref of refs) {
      if (!("path" in ref.target)) continue;
      const path = ref.target.path;
      const use = !showsImage(ref) ? "file" : ref.kind === "image" && PLAYABLE_TYPES[extensionOf(path)] ? "playable" : "image";
      // Shown beats linked: a file both shown and linked is processed for showing.
      if (used.get(path) === undefined || used.get(path) === "file") used.set(path, use);
    }
    const files: Record<string, MediaFile> = {};
    const outputs: Output[] = [];
    build.posts.set(post.folder, { media: { files }, outputs });
    // A video's poster and captions go with it: used, though no link names them.
    const companions = new Map<string, ReturnType<typeof companionsOf>>();
    const goesWith = new Set<string>();
    for (const [name, use] of used) {
      if (use !== "playable") continue;
      const found = companionsOf(name, present, language);
      companions.set(name, found);
      if (found.poster) goesWith.add(found.poster);
      for (const t of found.tracks) goesWith.add(t.path);
    }
    for (const name of present) {
      if (!used.has(name)) {
        if (split.ok && !goesWith.has(name)) {
          build.warnings.push({
            file: `${post.display}/${name}`,
            field: "file",
            message: `is not used by ${indexes.map((i) => i.index).join(" or ")} (no link or image refers to it), so it is not published${translationHint(name)}`,
          });
        }
        continue;
      }
      const use = used.get(name) ?? "file";
      jobs.push(async () => {
        const result: ProcessedFile = await processFile(join(post.folder, name), name, use, cacheDir);
        const found = companions.get(name);
        const extra = found ? await withCompanions(result, post.folder, found, cacheDir) : [];
        // The poster and captions are files of the post too.
        build.files += found ? found.tracks.length + (found.poster ? 1 : 0) : 0;
        if (result.record.playable?.kind === "video" && result.record.playable.tracks.length === 0) {
          captionless.push({
            file: `${post.display}/${name}`,
            field: "file",
            message: `has no captions: readers who cannot hear it miss what it says (write them in ${name.replace(/\.[^.]+$/, ".vtt")}, WebVTT)`,
          });
        }
        files[name] = result.record;
        outputs.push(...result.outputs, ...extra);
        build.files++;
        if (result.processed) build.processed++;
        if (result.cacheKey) build.used.add(result.cacheKey);
      });
    }
  }
  await pool(jobs, concurrency());
  // Found in whatever order the jobs finished: sorted, so every build says them the same way.
  build.warnings.push(...captionless.sort((a, b) => (a.file < b.file ? -1 : 1)));
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
  if (!target) return { outputs: [], problem: "must be an https URL or a file in content/ (./image.png)" };
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
  const result = await processFile(path, target.path, "image", cacheDir);
  const candidate = result.record.image && shareCandidate(result.record.image);
  if (result.record.problem || !candidate) {
    return {
      outputs: [],
      problem: `${value} ${result.record.problem ?? "is not an image link previews can show: use JPEG, PNG, WebP or GIF"}`,
    };
  }
  return { url: `${origin}${candidate.url}`, outputs: result.outputs, cacheKey: result.cacheKey };
}

/**
 * In a blog in one language, `index.pt-br.md` beside a folder post is a file like any other:
 * when its name is a language's, the warning says how to publish it as a translation.
 */
function translationHint(name: string): string {
  const tag = INDEX_FILE.exec(name)?.[1]?.slice(1);
  if (!tag) return "";
  try {
    const language = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" }).of(tag);
    const canonical = Intl.getCanonicalLocales(tag)[0];
    return language ? `; if it is a translation into ${language}, add ${canonical} to languages: in site.yaml` : "";
  } catch {
    return ""; // not a tag Intl takes: not a language
  }
}
