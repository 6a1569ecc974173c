import type { MarkedExtension, Tokens } from "marked";

/**
 * Figures: an image alone in its paragraph becomes `<figure>` with a `<figcaption>` when it has a
 * caption, written either of the two ways authors use elsewhere:
 *
 *     ![A green field](./field.jpg "The field at noon")     the image's title
 *
 *     ![A green field](./field.jpg)
 *     *The field at noon*                                    an emphasised line right below it
 *
 * The alt text still says what the image shows; the caption is what the reader sees under it. The
 * image is rendered as any other (a folder post's `<picture>`, see media-render.ts), so a figure
 * changes only what wraps it. Any other paragraph is left alone.
 */

type Inline = Tokens.Generic;

/** Whitespace between the image and its caption line: a soft line break, or a hard one. */
const isLineBreak = (t: Inline | undefined) =>
  t !== undefined && (t.type === "br" || (t.type === "text" && /^[ \t]*\n[ \t]*$/.test(t.raw)));

/** The image and the caption's tokens of a paragraph that is a figure, else undefined. */
function figureParts(tokens: readonly Inline[]): { image: Tokens.Image; caption?: Inline[]; title?: string } | undefined {
  // Trailing spaces at the end of the paragraph are not content.
  const parts = tokens.filter((t, i) => !(i === tokens.length - 1 && t.type === "text" && t.raw.trim() === ""));
  const [image, gap, em] = parts;
  if (image?.type !== "image") return undefined;
  if (parts.length === 1 && image.title) return { image: image as Tokens.Image, title: image.title };
  if (parts.length === 3 && isLineBreak(gap) && em?.type === "em")
    return { image: image as Tokens.Image, caption: em.tokens ?? [] };
  return undefined;
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function markedFigures(): MarkedExtension {
  return {
    renderer: {
      paragraph(token: Tokens.Paragraph) {
        const figure = figureParts(token.tokens ?? []);
        if (!figure) return false;
        const { image, caption, title } = figure;
        // The caption says it once: a title kept on the <img> would be a tooltip repeating it.
        // The token itself, not a copy: media-render.ts knows the post's first image by identity.
        image.title = null;
        const img = this.parser.parseInline([image]);
        const text = caption ? this.parser.parseInline(caption) : escapeHtml(title ?? "");
        return `<figure>${img}<figcaption>${text}</figcaption></figure>\n`;
      },
    },
  };
}
