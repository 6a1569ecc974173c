import { type MarkedExtension, Renderer, type Tokens } from "marked";
import { escapeHtml } from "../../shared/views/html.ts";
import { markDecorative } from "./decorative.ts";
import { imageMarkup, imageSrc, type MediaFile, playableMarkup } from "./media.ts";
import { rawTags } from "./raw-tags.ts";

/**
 * Renders a folder post's references to its own files: a link's URL becomes the file's published
 * URL; an image becomes its published copies (`<picture>` with AVIF and WebP sources, `srcset`,
 * `width`/`height`, lazy loading after the first image); a video or audio file, the browser's
 * player with its poster and captions. Without a lookup (a single-file post),
 * nothing changes.
 */

/** A reference's file, as the pipeline resolved it (see media-post.ts). */
export interface MediaLookup {
  /** The file `href` refers to, and the `?query`/`#fragment` to keep; undefined when `href` is not a file reference. */
  find(href: string): { file: MediaFile; suffix: string } | undefined;
}

export interface MediaRenderState {
  lookup: MediaLookup;
  /** The post's first image token (any image, the post's own or not): the one not loaded lazily. */
  first?: object;
  /** References the renderer met but could not resolve: a bug, reported rather than rendered wrong. */
  problems: string[];
}

export function markedMedia(state: () => MediaRenderState | undefined): MarkedExtension {
  return {
    walkTokens(token) {
      markDecorative(token);
      const s = state();
      if (!s) return;
      // A video is not an image: the first image stays eager behind it.
      if (token.type === "image" && s.first === undefined && !s.lookup.find(token.href)?.file.playable) s.first = token;
      if (token.type === "link") {
        const found = s.lookup.find(token.href);
        if (found) token.href = found.file.url + found.suffix;
      }
      if (token.type === "html" && /<(?:img|a)\b/i.test(token.text)) token.text = rawWithFiles(token.text, s, token);
    },
    renderer: {
      image(token: Tokens.Image) {
        const s = state();
        const found = s?.lookup.find(token.href);
        if (!s || !found) return false;
        if (found.file.playable) {
          // The alt text as marked writes it into `alt`: plain text, escaped.
          const text = token.tokens ? this.parser.parseInline(token.tokens, this.parser.textRenderer) : token.text;
          return playableMarkup(found.file.playable, found.file.url + found.suffix, escapeHtml(text));
        }
        const src = found.file.image && imageSrc(found.file.image);
        if (!found.file.image || !src) {
          s.problems.push(`${token.href} was not read as an image`);
          return false;
        }
        const img = Renderer.prototype.image.call(this, { ...token, href: src.url });
        return imageMarkup(found.file.image, img, token === s.first);
      },
    },
  };
}

/** Attributes of a raw `<img>` the build writes itself, from the file: the author's are dropped. */
const BUILT = new Set(["src", "srcset", "sizes", "width", "height", "loading", "decoding"]);

const quote = (value: string) => `"${value.replace(/&(?![#A-Za-z0-9]+;)/g, "&amp;").replace(/"/g, "&quot;")}"`;

/**
 * Raw HTML with its references to the post's files resolved as Markdown's are: an `<a href>`
 * gets the published URL; an `<img src>` becomes the same `<picture>` as `![alt](…)`, keeping
 * the author's other attributes (alt, title, class…). `token` is the HTML's token, the post's
 * first image if no image came before it.
 */
function rawWithFiles(html: string, s: MediaRenderState, token: object): string {
  let out = "";
  let from = 0;
  for (const tag of rawTags(html)) {
    const isImage = tag.name === "img";
    const ref = tag.attributes.find((a) => a.name === (isImage ? "src" : "href"));
    if ((!isImage && tag.name !== "a") || !ref) continue;
    const found = s.lookup.find(ref.value.trim());
    if (!found) continue;
    let replacement: string;
    if (!isImage) {
      const at = ref.at as { start: number; end: number };
      replacement = html.slice(tag.start, at.start) + found.file.url + found.suffix + html.slice(at.end, tag.end);
    } else {
      const src = found.file.image && imageSrc(found.file.image);
      if (!found.file.image || !src) {
        s.problems.push(`${ref.value} was not read as an image`);
        continue;
      }
      if (s.first === undefined) s.first = token;
      const kept = tag.attributes.filter((a) => !BUILT.has(a.name)).map((a) => ` ${a.name}=${quote(a.value)}`);
      replacement = imageMarkup(found.file.image, `<img src="${src.url}"${kept.join("")}>`, s.first === token);
      // Only the first image of the token can be the post's first.
      if (s.first === token) s.first = {};
    }
    out += html.slice(from, tag.start) + replacement;
    from = tag.end;
  }
  return out + html.slice(from);
}
