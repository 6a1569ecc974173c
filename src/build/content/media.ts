import { LANGUAGE_TAG } from "../../shared/languages.ts";
import { urlScheme } from "./sanitize.ts";

/**
 * A post's own files: a folder post (`content/posts/<slug>/index.md`) keeps its images and other
 * files beside its Markdown and refers to them relatively (`![A map](./map.png)`,
 * `[slides](slides.pdf)`). The build publishes each file under a name that carries a hash of its
 * content, `/media/<hash12>/<name>`, so a URL never changes meaning and can be cached for ever.
 *
 * This module is the pure half: what counts as a reference to a file, the names files are
 * published under, and the markup an image becomes. The file-system half (reading, hashing,
 * image processing with sharp) is src/build/media/.
 */

/** Where published files live, under the assets directory and in URLs. */
export const MEDIA_DIR = "media";

/** Workers Static Assets serves files up to 25 MiB. */
export const MAX_MEDIA_BYTES = 25 * 1024 * 1024;

/**
 * The widths (CSS pixels) an image is offered at, capped at its own width. The content column is
 * `.wrap{max-width:68ch}` (src/shared/styles.ts), about 40rem: 640 fits it on a phone or a
 * standard screen, 1280 on a high-density one. Nothing wider is ever shown.
 */
export const IMAGE_WIDTHS = [640, 1280] as const;

/** How wide the image is shown, for choosing among the widths: the column, or the viewport minus its padding. */
export const IMAGE_SIZES = "(min-width: 42.5rem) 40rem, calc(100vw - 2.5rem)";

/** Image files by extension, with their MIME type. Only these may be used in `![alt](…)`. */
export const IMAGE_TYPES: Readonly<Record<string, string>> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  avif: "image/avif",
  gif: "image/gif",
  svg: "image/svg+xml",
};

/**
 * Video and audio files by extension: what `![A description](./clip.mp4)` may name, with the
 * container the file must hold (as MediaInfo names it) so a renamed file is caught at build time.
 */
export const PLAYABLE_TYPES: Readonly<
  Record<string, { kind: "video" | "audio"; type: string; container: string; label: string }>
> = {
  mp4: { kind: "video", type: "video/mp4", container: "MPEG-4", label: "MP4" },
  webm: { kind: "video", type: "video/webm", container: "WebM", label: "WebM" },
  mp3: { kind: "audio", type: "audio/mpeg", container: "MPEG Audio", label: "MP3" },
  m4a: { kind: "audio", type: "audio/mp4", container: "MPEG-4", label: "M4A" },
  ogg: { kind: "audio", type: "audio/ogg", container: "Ogg", label: "Ogg" },
};

/** A poster is an image beside the video with the same name: `clip.mp4` → `clip.jpg`. */
export const POSTER_EXTENSIONS = ["jpg", "jpeg", "png", "webp"] as const;

/** What og:image accepts everywhere (not AVIF, not SVG). */
const SHARE_TYPES = new Set(["image/jpeg", "image/png", "image/webp", "image/gif"]);

/** One published copy of an image at one width. */
export interface ImageCandidate {
  /** Root-relative: `/media/<hash12>/<name>`. */
  url: string;
  width: number;
  height: number;
}

/** What the build learnt about an image file and the copies it made of it. */
export interface MediaImage {
  /** Intrinsic size as displayed (after EXIF orientation), for `width`/`height`: no layout shift. */
  width: number;
  height: number;
  /**
   * Copies by MIME type, narrowest first. The last entry is the image's own format: the `<img>`
   * fallback; the others become `<source>`s, in order of preference (AVIF, then WebP).
   * Animated GIFs and SVGs have one entry with one candidate: the file itself.
   */
  formats: { type: string; candidates: ImageCandidate[] }[];
}

/** A video or audio file the build read, with what plays beside it. */
export interface MediaPlayable {
  kind: "video" | "audio";
  /** Its MIME type, from its extension and checked against its content. */
  type: string;
  /** A video's size as displayed (rotation applied), for `width`/`height`: no layout shift. */
  width?: number;
  height?: number;
  /** A video's poster: the URL of its image beside it (`clip.jpg`), published like a post's image. */
  poster?: string;
  /** Captions (`clip.vtt`, `clip.pt-BR.vtt`): published URL and language tag. */
  tracks: { url: string; language: string }[];
}

/** A file of a folder post, as the build script found it. */
export interface MediaFile {
  /** Root-relative URL of the file itself: `/media/<hash12>/<name>`. */
  url: string;
  /** Set when the file is an image the build read (only files used as images are read as images). */
  image?: MediaImage;
  /** Set when the file is a video or audio file the build read (used as `![…](clip.mp4)`). */
  playable?: MediaPlayable;
  /** Why the file cannot be published (too large, not an image it is used as): reported at each use. */
  problem?: string;
}

/** The files a folder post may refer to, as the build script hands them to the pipeline. */
export interface PostMedia {
  /** Files by path relative to the post's folder, `/`-separated: `map.png`, `img/a.jpg`. */
  files: Readonly<Record<string, MediaFile>>;
}

/**
 * A relative reference resolved inside the post's folder, or why it cannot be one (`outside`: it
 * climbs out of the folder, `../x.png`).
 */
export type FileReference = { path: string; suffix: string } | { problem: string; outside?: true };

/**
 * Whether `href` refers to a file beside the post, and which: relative URLs do (`./a.png`,
 * `a.png`, `img/a.png`, `a%20b.png`); absolute URLs, root-relative paths (`/posts/x`), fragments
 * and queries do not (undefined). The path is percent-decoded, so `a%20b.png` is the file
 * `a b.png`. A `?query` or `#fragment` is kept apart as `suffix` (`slides.pdf#page=3`). `of`:
 * what the folder is, a post's or a page's, as its problems name it.
 */
export function fileReference(href: string, of: "post" | "page" = "post"): FileReference | undefined {
  const h = href.trim();
  if (h === "" || /^[/#?\\]/.test(h) || urlScheme(h) !== undefined) return undefined;
  const cut = h.search(/[?#]/);
  const raw = cut < 0 ? h : h.slice(0, cut);
  const suffix = cut < 0 ? "" : h.slice(cut);
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { problem: `${href} is not a valid path (a % must be followed by two hex digits)` };
  }
  const segments: string[] = [];
  for (const segment of decoded.replace(/\\/g, "/").split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (segments.length === 0) {
        return { problem: outsideFolder(href, of), outside: true };
      }
      segments.pop();
    } else segments.push(segment);
  }
  if (segments.length === 0) return { problem: `${href} is the ${of}'s folder, not a file in it` };
  return { path: segments.join("/"), suffix };
}

/** Why `href`, which climbs out of a post's (or page's) folder (`../x.png`), is none of its files. */
export const outsideFolder = (href: string, of: "post" | "page") =>
  `${href} points outside the ${of}'s folder: a ${of} can only use files in its own folder (link to another post as /posts/<slug>)`;

/** The lower-cased extension of a file name, without the dot ("" when there is none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

/**
 * The name a file is published under: readable, and safe in any URL and on any file system
 * without escaping. Accents are dropped (`café` → `cafe`), anything else but letters, digits,
 * `.`, `_` and `-` becomes `-`, and the extension is lower-cased (it decides the Content-Type).
 */
export function publicName(name: string): string {
  const base = name.split("/").pop() ?? name;
  const ext = extensionOf(base);
  const stem = ext ? base.slice(0, -(ext.length + 1)) : base;
  const clean = (s: string) =>
    s
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .replace(/[^A-Za-z0-9._-]+/g, "-")
      .replace(/^[-.]+|[-.]+$/g, "");
  const safeStem = clean(stem) || "file";
  const safeExt = clean(ext).toLowerCase();
  return safeExt ? `${safeStem}.${safeExt}` : safeStem;
}

/** `/media/<hash12>/<name>`: the hash is of the content, so the URL names these bytes for ever. */
export function mediaUrl(hash: string, name: string): string {
  return `/${MEDIA_DIR}/${hash.slice(0, 12)}/${name}`;
}

/** The same URL at `width`: `/media/h/photo.jpg` → `/media/h/photo-640.avif`. */
export function variantUrl(url: string, width: number, ext: string): string {
  const slash = url.lastIndexOf("/");
  const name = url.slice(slash + 1);
  const dot = name.lastIndexOf(".");
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return `${url.slice(0, slash + 1)}${stem}-${width}.${ext}`;
}

const escapeAttribute = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

const srcset = (candidates: readonly ImageCandidate[]) => candidates.map((c) => `${c.url} ${c.width}w`).join(", ");

/**
 * The markup of one of the post's images. `img` is the `<img …>` tag marked wrote for it (its
 * `src`, `alt` and `title`, escaped by marked); this adds the size, the other widths and formats,
 * and, for every image but the post's first, lazy loading (the first is likely in view: loading
 * it lazily would only delay it).
 */
export function imageMarkup(image: MediaImage, img: string, first: boolean): string {
  const own = image.formats.at(-1);
  if (!own || !img.endsWith(">")) return img;
  const responsive = own.candidates.length > 1 || image.formats.length > 1;
  const attributes = [
    ...(responsive ? [`srcset="${escapeAttribute(srcset(own.candidates))}"`, `sizes="${IMAGE_SIZES}"`] : []),
    `width="${image.width}"`,
    `height="${image.height}"`,
    ...(first ? [] : ['loading="lazy"', 'decoding="async"']),
  ];
  const tag = `${img.slice(0, -1)} ${attributes.join(" ")}>`;
  if (image.formats.length === 1) return tag;
  const sources = image.formats
    .slice(0, -1)
    .map((f) => `<source type="${f.type}" srcset="${escapeAttribute(srcset(f.candidates))}" sizes="${IMAGE_SIZES}">`);
  return `<picture>${sources.join("")}${tag}</picture>`;
}

/** The `<img src>` of an image: its own format at the largest width offered. */
export function imageSrc(image: MediaImage): ImageCandidate | undefined {
  return image.formats.at(-1)?.candidates.at(-1);
}

/** The copy of an image to share (og:image): the largest, in a format every consumer reads. */
export function shareCandidate(image: MediaImage): ImageCandidate | undefined {
  for (let i = image.formats.length - 1; i >= 0; i--) {
    const format = image.formats[i];
    if (format && SHARE_TYPES.has(format.type)) return format.candidates.at(-1);
  }
  return undefined;
}

/**
 * The files that go with a video or audio file `name` in a post's folder (`present`): its poster
 * (`clip.jpg`, for a video) and its captions, `clip.vtt` in the blog's language (`language`) or
 * `clip.<language>.vtt` in another. A name whose middle part is not a language tag is no track.
 */
export function companionsOf(
  name: string,
  present: readonly string[],
  language: string,
): { poster?: string; tracks: { path: string; language: string }[] } {
  const ext = extensionOf(name);
  const stem = name.slice(0, -(ext.length + 1));
  const kind = PLAYABLE_TYPES[ext]?.kind;
  const poster = kind === "video" ? POSTER_EXTENSIONS.map((e) => `${stem}.${e}`).find((p) => present.includes(p)) : undefined;
  const tracks: { path: string; language: string }[] = [];
  for (const path of present) {
    if (path === `${stem}.vtt`) tracks.push({ path, language });
    else if (path.startsWith(`${stem}.`) && path.endsWith(".vtt")) {
      const tag = path.slice(stem.length + 1, -4);
      const canonical = languageTag(tag);
      if (canonical) tracks.push({ path, language: canonical });
    }
  }
  // The blog's own language first: the track a player lists first.
  tracks.sort((a, b) => (a.path === `${stem}.vtt` ? -1 : b.path === `${stem}.vtt` ? 1 : a.path < b.path ? -1 : 1));
  return { ...(poster ? { poster } : {}), tracks };
}

/** A BCP 47 tag in its canonical case (`pt-br` → `pt-BR`), or undefined if it is not one. */
function languageTag(tag: string): string | undefined {
  if (!LANGUAGE_TAG.test(tag)) return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/** A language's name in itself (`pt-BR` → `Português (Brasil)`): how a player's caption menu lists it. */
export function languageLabel(tag: string): string {
  try {
    const name = new Intl.DisplayNames([tag], { type: "language" }).of(tag) ?? tag;
    return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
  } catch {
    return tag;
  }
}

/**
 * The markup of a video or audio file: the browser's own player (`controls`, no script of ours),
 * fetching only its size and length until played (`preload="metadata"`), with its size, poster
 * and captions. `description` (escaped) names it for assistive technology and is the link a
 * reader without a player (a feed reader) follows instead.
 */
export function playableMarkup(playable: MediaPlayable, url: string, description: string): string {
  const size = playable.width && playable.height ? ` width="${playable.width}" height="${playable.height}"` : "";
  const poster = playable.poster ? ` poster="${escapeAttribute(playable.poster)}"` : "";
  const tracks = playable.tracks
    .map(
      (t) =>
        `<track kind="captions" src="${escapeAttribute(t.url)}" srclang="${t.language}" label="${escapeAttribute(languageLabel(t.language))}">`,
    )
    .join("");
  const src = escapeAttribute(url);
  return `<${playable.kind} controls preload="metadata" src="${src}"${size}${poster} aria-label="${description}">${tracks}<a href="${src}">${description}</a></${playable.kind}>`;
}
