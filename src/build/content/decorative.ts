import type { Tokens } from "marked";

/**
 * Decorative images: `![](./divider.png){decorative}` says on purpose that an image adds nothing
 * a reader needs (a flourish, a divider), so it keeps `alt=""` and a screen reader passes over it.
 * No `role="presentation"`: `alt=""` already gives an image that role, and HTML forbids writing a
 * role on an `<img>` with empty alt text (the Nu checker reports it). The marker sits right after
 * the image, in the attribute-list spelling of Pandoc and kramdown; empty brackets alone stay an
 * error, so a forgotten description is never mistaken for a decorative image.
 */
export const DECORATIVE = "{decorative}";

/**
 * A token hook: in a run of inline tokens, the marker right after an image with empty alt text
 * leaves the rendered text. Its source (`raw`) keeps it, so the Markdown representation shows what
 * the author wrote, and media-refs.ts finds it there for the alt-text check.
 */
export function markDecorative(token: Tokens.Generic): void {
  const children = token.tokens as Tokens.Generic[] | undefined;
  if (!Array.isArray(children)) return;
  for (let i = 0; i + 1 < children.length; i++) {
    const image = children[i] as Tokens.Generic;
    const next = children[i + 1] as Tokens.Generic;
    if (image.type !== "image" || image.text !== "" || next.type !== "text" || !next.text.startsWith(DECORATIVE)) continue;
    next.text = next.text.slice(DECORATIVE.length);
  }
}
