/**
 * A post's files as they are published, made at build time (Node only: sharp is a native module).
 * Every file is named by a hash of its content; an image is read for its size and, unless it is
 * animated or an SVG, copied at the widths and in the formats the page offers (AVIF, WebP and its
 * own), with its metadata (EXIF, GPS position, XMP) removed.
 *
 * Image work is cached by content hash in `cacheDir`: a rebuild processes only images it has not
 * seen, and a clean assets directory (or another branch) costs a copy, not an encode.
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import type { Metadata, Sharp } from "sharp";
import {
  extensionOf,
  IMAGE_TYPES,
  IMAGE_WIDTHS,
  MAX_MEDIA_BYTES,
  type MediaFile,
  type MediaImage,
  mediaUrl,
  publicName,
  variantUrl,
} from "../content/media.ts";
import { readPlayable } from "./playable.ts";

/** A file to publish: where it goes (a URL path under the assets directory) and where its bytes are. */
export interface Output {
  url: string;
  from: string;
}

export interface ProcessedFile {
  record: MediaFile;
  outputs: Output[];
  /** Whether sharp ran for it (not found in the cache). */
  processed: boolean;
  /** An image's entry in the cache. */
  cacheKey?: string;
}

/**
 * How images are encoded. It is part of every image's hash, so changing it changes every image's
 * URL: a copy made differently is never served under a URL a browser has cached for ever.
 */
const RECIPE = {
  widths: IMAGE_WIDTHS,
  avif: { quality: 55, effort: 2 },
  webp: { quality: 80 },
  jpeg: { quality: 82, mozjpeg: true },
  png: {},
} as const;
const RECIPE_KEY = JSON.stringify(RECIPE);

/** sharp's format names, by the extension's MIME type. */
const SHARP_FORMAT: Record<string, string> = {
  "image/jpeg": "jpeg",
  "image/png": "png",
  "image/webp": "webp",
  "image/avif": "heif",
  "image/gif": "gif",
  "image/svg+xml": "svg",
};
const EXT: Record<string, string> = { "image/avif": "avif", "image/webp": "webp" };

/** What the cache keeps per image: names relative to its directory. */
interface CachedImage {
  width: number;
  height: number;
  /** The full-size file to publish under the original's name: `full.<ext>` (metadata removed), or null for the original bytes. */
  full: string | null;
  /** `file: null` is the published original itself. */
  formats: { type: string; candidates: { file: string | null; width: number; height: number; ext?: string }[] }[];
}

const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
const sha256 = (...parts: (string | Uint8Array)[]) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest("hex");
};

function encode(pipeline: Sharp, type: string): Sharp {
  if (type === "image/avif") return pipeline.avif(RECIPE.avif);
  if (type === "image/webp") return pipeline.webp(RECIPE.webp);
  if (type === "image/jpeg") return pipeline.jpeg(RECIPE.jpeg);
  return pipeline.png(RECIPE.png);
}

/** Reads and encodes an image into `dir` (a fresh directory); returns what it made, or why it could not. */
async function makeImage(bytes: Uint8Array, type: string, dir: string): Promise<CachedImage | { problem: string }> {
  // Loaded on the first image not in the cache: most builds never need it.
  const { default: sharp } = await import("sharp");
  let meta: Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch (e) {
    return { problem: `could not be read as an image: ${(e as Error).message}` };
  }
  const expected = SHARP_FORMAT[type];
  if (meta.format !== expected) {
    return {
      problem: `is not what its name says: it holds ${meta.format.toUpperCase()} data, not ${type.split("/")[1]?.toUpperCase()}`,
    };
  }
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.pages && meta.pages > 1 && meta.pageHeight ? meta.pageHeight : (meta.autoOrient?.height ?? meta.height);
  if (!width || !height) return { problem: "could not be read as an image: it has no width and height" };
  const own = { file: null, width, height };
  // Animations and drawings are published as they are: resizing an SVG gains nothing, and
  // re-encoding an animation is slow and loses frames' timing in some formats.
  if (type === "image/svg+xml" || type === "image/gif" || (meta.pages ?? 1) > 1) {
    return { width, height, full: null, formats: [{ type, candidates: [own] }] };
  }

  const oriented = () => sharp(bytes).autoOrient();
  const ext = (t: string) => EXT[t] ?? (t === "image/jpeg" ? "jpg" : "png");
  // The published original carries no EXIF (camera, GPS position), XMP or IPTC: re-encoded
  // (and turned upright) when it has any, else published byte for byte.
  let full: string | null = null;
  if (meta.exif || meta.xmp || meta.iptc || (meta.orientation ?? 1) !== 1) {
    full = `full.${ext(type)}`;
    await encode(oriented(), type).toFile(join(dir, full));
  }
  const widths = [...new Set([...RECIPE.widths.filter((w) => w < width), Math.min(width, RECIPE.widths.at(-1) ?? width)])];
  // Preferred formats first; the image's own (the `<img>` fallback) last. An AVIF original falls
  // back to WebP, which every browser reads.
  const order =
    type === "image/avif" ? ["image/avif", "image/webp"] : [...["image/avif", "image/webp"].filter((t) => t !== type), type];
  const formats: CachedImage["formats"] = [];
  for (const t of order) {
    const candidates: CachedImage["formats"][number]["candidates"] = [];
    for (const w of widths) {
      const h = Math.max(1, Math.round((height * w) / width));
      if (t === type && w === width) {
        candidates.push(own);
        continue;
      }
      const file = `${w}.${ext(t)}`;
      await encode(oriented().resize({ width: w }), t).toFile(join(dir, file));
      candidates.push({ file, width: w, height: h, ext: ext(t) });
    }
    formats.push({ type: t, candidates });
  }
  return { width, height, full, formats };
}

/** Cache entries unused this long are deleted, so the cache does not grow for ever. */
const CACHE_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

export function pruneCache(cacheDir: string, used: ReadonlySet<string>): void {
  if (!existsSync(cacheDir)) return;
  const cutoff = Date.now() - CACHE_MAX_AGE_MS;
  for (const name of readdirSync(cacheDir)) {
    const path = join(cacheDir, name);
    if (/^[0-9a-f]{64}$/.test(name) && !used.has(name) && statSync(path).mtimeMs < cutoff) rmSync(path, { recursive: true });
  }
}

/** Images being read or made in this process, by cache entry. */
const inFlight = new Map<string, Promise<{ image: CachedImage; processed: boolean } | { problem: string }>>();

/** The cache entry `dir` for an image, made if it is not there yet. */
async function cachedOrMade(
  bytes: Uint8Array,
  type: string,
  dir: string,
): Promise<{ image: CachedImage; processed: boolean } | { problem: string }> {
  const metaFile = join(dir, "meta.json");
  if (existsSync(metaFile)) {
    const now = new Date();
    utimesSync(dir, now, now); // in use: not to be pruned
    return { image: JSON.parse(readFileSync(metaFile, "utf8")) as CachedImage, processed: false };
  }
  // Made in a temporary directory and renamed into place, so an interrupted build never leaves
  // half an entry that a later build would trust.
  const tmp = `${dir}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const made = await makeImage(bytes, type, tmp);
  if ("problem" in made) {
    rmSync(tmp, { recursive: true, force: true });
    return made;
  }
  writeFileSync(join(tmp, "meta.json"), JSON.stringify(made));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return { image: made, processed: true };
}

/**
 * Reads one of a post's files. `name` is its path in the post's folder (for its published name),
 * `path` where it is on disk, `use` how the post shows it: linked, as an image, or played.
 */
export async function processFile(
  path: string,
  name: string,
  use: "file" | "image" | "playable",
  cacheDir: string,
): Promise<ProcessedFile> {
  const fail = (problem: string): ProcessedFile => ({ record: { url: "", problem }, outputs: [], processed: false });
  const stat = statSync(path);
  if (stat.isDirectory()) return fail("is a folder, not a file");
  if (stat.size > MAX_MEDIA_BYTES) {
    // A video that large is better served by a video host, which adapts it to each reader's connection.
    const advice =
      use === "playable" ? ": compress it, or upload it to a video host and put its link alone on a line (docs/writing.md)" : "";
    return fail(
      `is ${mib(stat.size)}; a file may be at most ${mib(MAX_MEDIA_BYTES)} (the largest file Workers Static Assets serves)${advice}`,
    );
  }
  const bytes = readFileSync(path);
  const published = publicName(name);
  const type = IMAGE_TYPES[extensionOf(name)];
  if (use === "playable") {
    const info = await readPlayable(bytes, extensionOf(name));
    if ("problem" in info) return fail(info.problem);
    const url = mediaUrl(sha256(bytes), published);
    return { record: { url, playable: { ...info, tracks: [] } }, outputs: [{ url, from: path }], processed: false };
  }
  if (use === "file" || !type) {
    if (use === "image")
      return fail(
        "is not an image, video or audio file the blog can show: use JPEG, PNG, WebP, AVIF, GIF or SVG; MP4 or WebM for a video; MP3, M4A or Ogg for audio",
      );
    const url = mediaUrl(sha256(bytes), published);
    return { record: { url }, outputs: [{ url, from: path }], processed: false };
  }

  const key = sha256(RECIPE_KEY, "\n", type, "\n", bytes);
  const dir = join(cacheDir, key);
  // The same image twice in one build (two posts, two names) is made once.
  let making = inFlight.get(dir);
  const first = making === undefined;
  if (!making) {
    making = cachedOrMade(bytes, type, dir);
    inFlight.set(dir, making);
  }
  const made = await making;
  if ("problem" in made) return fail(made.problem);
  const { image: cached, processed } = made;
  const url = mediaUrl(key, published);
  const outputs: Output[] = [{ url, from: cached.full ? join(dir, cached.full) : path }];
  const image: MediaImage = {
    width: cached.width,
    height: cached.height,
    formats: cached.formats.map((f) => ({
      type: f.type,
      candidates: f.candidates.map((c) => {
        if (c.file === null) return { url, width: c.width, height: c.height };
        const u = variantUrl(url, c.width, c.ext ?? extensionOf(c.file));
        outputs.push({ url: u, from: join(dir, c.file) });
        return { url: u, width: c.width, height: c.height };
      }),
    })),
  };
  return { record: { url, image }, outputs, processed: processed && first, cacheKey: key };
}
