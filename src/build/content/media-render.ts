import { type MarkedExtension, Renderer, type Tokens } from "marked";
import { markDecorative } from "./decorative.ts";
import { imageMarkup, imageSrc, type MediaFile } from "./media.ts";

/**
 * Renders a folder post's references to its own files: a link's URL becomes the file's published
 * URL; an image becomes its published copies (`<picture>` with AVIF and WebP sources, `srcset`,
 * `width`/`height`, lazy loading after the first image). Without a lookup (a single-file post),
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
      if (token.type === "image" && s.first === undefined) s.first = token;
      if (token.type === "link") {
        const found = s.lookup.find(token.href);
        if (found) token.href = found.file.url + found.suffix;
      }
    },
    renderer: {
      image(token: Tokens.Image) {
        const s = state();
        const found = s?.lookup.find(token.href);
        if (!s || !found) return false;
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
