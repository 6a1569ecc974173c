import type { PostImage } from "../../shared/types.ts";
import { type RenderedBody, renderBody } from "./body.ts";
import type { PostKind } from "./image-sources.ts";
import { lexMarkdown } from "./markdown.ts";
import { preparePostMedia } from "./media-post.ts";
import type { SourceFile } from "./pipeline.ts";
import type { RenderSettings } from "./render-settings.ts";
import { singleFileProblems } from "./single-file-refs.ts";

/**
 * A post's or a page's body, rendered with the files it may show. One in a folder of its own
 * (`<slug>/index.md`, `file.media`) is checked against the files beside it and shows them; a
 * single file's images are checked for what can never show (single-file-refs.ts). One path for
 * both, so a page is checked exactly like a post.
 */
export interface EntryBody {
  body: RenderedBody;
  /** Its first image of its own usable as og:image (media-post.ts), with an absolute URL. */
  image?: PostImage;
  /** Its source, a folder's file references as absolute URLs: the Markdown is read away from the site. */
  markdown: string;
}

/**
 * Reports each problem through `at`, a file's with its line in the source; undefined when the
 * body could not be rendered. `origin`: the site's, for the absolute URLs of a folder's files.
 */
export function renderEntryBody(
  file: SourceFile,
  split: { source: string; body: string },
  at: (field: string, message: string) => void,
  of: PostKind["of"],
  origin: string,
  render?: RenderSettings,
): EntryBody | undefined {
  const bodyStart = split.source.length - split.body.length;
  const bodyLine = split.source.slice(0, bodyStart).split("\n").length;
  const atLine = (p: { message: string; line: number }) => at("body", `${p.message} (line ${bodyLine + p.line - 1})`);
  const media = file.media && preparePostMedia(split.body, file.media, origin, lexMarkdown, of);
  if (media && media.problems.length > 0) {
    for (const p of media.problems) atLine(p);
    return undefined;
  }
  const body = renderBody(split.source, split.body, at, media?.lookup, render);
  // After rendering, so a raw <img> with another problem (an event handler) reports both.
  if (!media) for (const p of singleFileProblems(split.body, lexMarkdown, origin, of)) atLine(p);
  if (!body) return undefined;
  return {
    body,
    ...(media?.image ? { image: media.image } : {}),
    markdown: media ? split.source.slice(0, bodyStart) + media.absoluteBody : split.source,
  };
}
