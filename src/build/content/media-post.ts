import type { PostImage } from "../../shared/types.ts";
import { altTextProblem, plainAlt } from "./alt-text.ts";
import { imageSourceProblem, type PostKind } from "./image-sources.ts";
import { fileReference, type MediaFile, type PostMedia, shareCandidate } from "./media.ts";
import { type MediaRef, mediaReferences, rewriteReferences, showsImage, writtenIn } from "./media-refs.ts";
import type { MediaLookup } from "./media-render.ts";
import type { MarkdownToken } from "./post-html.ts";
import { closest } from "./suggest.ts";

/**
 * A folder post's references checked against the files the build found beside it: what the
 * renderer needs to resolve them, what the author must fix, the post's image for link previews,
 * and its Markdown with absolute URLs.
 */
export interface PostMediaResult {
  /** Each with its 1-based line in the body. */
  problems: { message: string; line: number }[];
  lookup: MediaLookup;
  /** The first of the post's own images usable as og:image (JPEG, PNG, WebP or GIF), with an absolute URL. */
  image?: PostImage;
  /** The body with every reference's URL replaced by the file's absolute URL. */
  absoluteBody: string;
}

const IMAGE_FORMATS = "JPEG, PNG, WebP, AVIF, GIF or SVG";
const PLAYABLE_FORMATS = "MP4 or WebM for a video; MP3, M4A or Ogg for audio";

/** `of`: a folder page (`pages/<slug>/index.md`) has files as a folder post does; the messages name it. */
export function preparePostMedia(
  body: string,
  media: PostMedia,
  origin: string,
  lex: (markdown: string) => readonly MarkdownToken[],
  of: PostKind["of"] = "post",
): PostMediaResult {
  const refs = mediaReferences(body, lex, of);
  const problems: PostMediaResult["problems"] = [];
  const names = Object.keys(media.files);
  const fileOf = (ref: MediaRef): MediaFile | undefined => ("path" in ref.target ? media.files[ref.target.path] : undefined);

  for (const ref of refs) {
    const at = (message: string) => problems.push({ message, line: ref.line });
    const file = fileOf(ref);
    if ("elsewhere" in ref.target) {
      const problem = imageSourceProblem(ref.href, { of, folder: true }, origin, writtenIn(ref));
      if (problem) at(problem);
    } else if ("problem" in ref.target) at(ref.target.problem);
    else if (!file) {
      const guess = closest(ref.target.path, names);
      at(`${ref.href} does not exist in the ${of}'s folder${guess ? ` (did you mean ${guess}?)` : ""}`);
    } else if (file.problem) at(`${ref.href} ${file.problem}`);
    else if (ref.kind === "image" && !file.image && !file.playable)
      at(`${ref.href} is not an image, video or audio file the blog can show: use ${IMAGE_FORMATS}; ${PLAYABLE_FORMATS}`);
    else if (ref.kind === "html" && ref.tag === "img" && !file.image)
      at(`${ref.href} is not an image the blog can show: use ${IMAGE_FORMATS}`);
    // Whatever its URL, and whether or not its file is there: an image says what it shows.
    const alt = altTextProblem(ref, file?.playable?.kind);
    if (alt) at(alt);
    if (file && ref.unlocated)
      at(`cannot find where ${ref.href} is written; write it as ![alt](${ref.href}) or [text](${ref.href})`);
  }

  let image: PostImage | undefined;
  for (const ref of refs) {
    // A decorative image (a divider, a flourish) is not what the post is about: never its preview.
    const share = showsImage(ref) && !ref.decorative ? fileOf(ref)?.image : undefined;
    const candidate = share && shareCandidate(share);
    if (candidate) {
      image = {
        url: `${origin}${candidate.url}`,
        width: candidate.width,
        height: candidate.height,
        alt: plainAlt(ref.alt ?? ""),
      };
      break;
    }
  }

  const lookup: MediaLookup = {
    find(href) {
      const target = fileReference(href);
      const file = target && "path" in target ? media.files[target.path] : undefined;
      return file && target && "path" in target ? { file, suffix: target.suffix } : undefined;
    },
  };
  const absoluteBody = rewriteReferences(body, refs, (ref) => {
    const file = fileOf(ref);
    return file && "suffix" in ref.target ? `${origin}${file.url}${ref.target.suffix}` : undefined;
  });
  return { problems, lookup, image, absoluteBody };
}
