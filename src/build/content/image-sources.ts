import { CARDS_DIR } from "../cards/names.ts";
import { MEDIA_DIR } from "./media.ts";
import { urlProblem } from "./sanitize.ts";

/**
 * Where an image in a post may come from, when its URL is not one of the post's own files
 * (`./photo.jpg`, resolved by media.ts). Such an image never shows, so each is a build error:
 *
 * - On another site (`https://…`, `//host/…`): every page is served with `img-src 'self'`
 *   (src/worker/http/policy.ts), so the browser does not load it.
 * - On the blog (`/x.png`): the blog has no folder of files served as they are. The build
 *   publishes a folder post's files under names carrying a hash of their content
 *   (`/media/<hash12>/<name>`) and cards likewise (`/cards/<name>-<hash8>.png`), so such an address
 *   typed into a post breaks as soon as the file changes (and a draft's files are never deployed).
 *   Which of them exist is only known once every post is built; the rule needs none of it: a post
 *   shows the files in its own folder, and the blog's icon, which the Worker always answers.
 *
 * A scheme the allow-list refuses everywhere (`data:`, `javascript:`) is left to it
 * (sanitize.ts), which says so once, for images and links alike.
 */

/** The images the Worker answers at a fixed address, whatever the blog (src/worker/routes/meta.ts). */
const SITE_IMAGES: ReadonlySet<string> = new Set(["/favicon.svg", "/favicon.ico"]);

/** Whether a path on the blog (`/favicon.svg?v=2`) is an image it always serves. */
function isSiteImage(path: string): boolean {
  return SITE_IMAGES.has(path.replace(/[?#][\s\S]*$/, ""));
}

/**
 * What an image is written in, which decides the fix: a post or a page (`of`), kept in a folder
 * with its files (`posts/<slug>/index.md`, `pages/<slug>/index.md`) or a single file
 * (`posts/<slug>.md`), which must first become a folder.
 */
export interface PostKind {
  of: "post" | "page";
  folder: boolean;
}

/** Any page of the blog, to resolve a URL against (a relative one is the post's file, decided before). */
const PAGE = new URL("https://blog.invalid/posts/post");

/** The name to suggest for the image's file in the post's folder: the URL's last segment, as written, if it is a file name. */
function nameIn(href: string): string {
  const path = href.replace(/[?#][\s\S]*$/, "");
  const last = path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
  return /^[^\s/\\:]+\.[A-Za-z0-9]+$/.test(last) ? last : "<its name>";
}

/** How to make a single-file post or page a folder one: `make it a folder page (pages/<slug>/index.md)`. */
export const makeFolder = (of: PostKind["of"]) => `make it a folder ${of} (${of}s/<slug>/index.md)`;

/**
 * Where an image's URL is written: on its own (`![alt](…)`, `<img src>`), or as a candidate of a
 * raw `srcset` (`<img srcset>`, `<picture><source srcset>`), which cannot name the post's files
 * (media-refs.ts): for those the build writes the srcset and the <picture> itself.
 */
export type WrittenIn = "url" | "srcset";

/**
 * How to show an image: from the post's (or page's) folder, which a single file must first become.
 * `copy`: the file is already published for another post (the same file is published once).
 */
export function putInFolder(post: PostKind, href: string, how: "put" | "copy" = "put", written: WrittenIn = "url"): string {
  const into = how === "put" ? "put the file in" : "copy the file into";
  const file = `./${nameIn(href)}`;
  const write =
    written === "srcset"
      ? `write ![alt text](${file}) instead of the raw HTML (the build makes the <picture> and srcset itself)`
      : `write ${file}`;
  return post.folder
    ? `${into} the ${post.of}'s folder and ${write}`
    : `${makeFolder(post.of)}, ${into} that folder and ${write}`;
}

/** Whether `url` is on `origin` (the blog's own, from site.yaml; "" when unknown). */
function onOrigin(url: URL, origin: string): boolean {
  if (url.origin === PAGE.origin) return true;
  try {
    return origin !== "" && url.origin === new URL(origin).origin;
  } catch {
    return false;
  }
}

/**
 * Why an image whose URL is not relative can never show, or undefined if it can (the blog's
 * icon) or if the allow-list refuses it anyway. `origin`: the blog's, so its own address written
 * in full (`https://blog.example/x.png`) is judged by its path. `written`: in a raw srcset, whose
 * fix is the Markdown image rather than the file's name in its place.
 */
export function imageSourceProblem(href: string, post: PostKind, origin = "", written: WrittenIn = "url"): string | undefined {
  const h = href.trim();
  // Refused by the allow-list everywhere, with its own message.
  if (urlProblem("src", "img", h) !== undefined) return undefined;
  const fix = putInFolder(post, h, "put", written);
  if (h === "") return `an image needs the address of its file: ${fix}`;
  let url: URL | undefined;
  try {
    url = new URL(h, PAGE);
  } catch {
    url = undefined;
  }
  if (!url || !onOrigin(url, origin))
    return `${href} is not on the blog, and the blog's pages load images only from the blog itself: ${fix}`;
  if (isSiteImage(url.pathname)) return undefined;
  const first = url.pathname.split("/")[1];
  if (first === MEDIA_DIR || first === CARDS_DIR)
    return `${href} is an address the build gave a file, and it changes whenever the file does: ${putInFolder(post, h, "copy", written)}`;
  return `${href} is not a file the blog has: a ${post.of}'s images are the files in its own folder, so ${fix}`;
}
