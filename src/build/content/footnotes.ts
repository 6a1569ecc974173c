import type { MarkedExtension, RendererExtensionFunction, Tokens } from "marked";
import markedFootnote, { type Footnote, type FootnoteRef, type Footnotes } from "marked-footnote";
import { escapeHtml } from "../../shared/views/html.ts";
import { type BodyWords, DEFAULT_WORDS } from "./render-settings.ts";

/**
 * GFM footnotes (`text[^note]` … `[^note]: the note`), parsed by marked-footnote, rendered
 * here. The package's tokenisers do the hard part (multi-paragraph notes, order of first
 * use); its renderers derive ids from the author's labels (`[^ref-1]` and `[^1]` could both
 * claim `footnote-ref-1`, and a `## Footnote 1` heading gets `footnote-1`). So ids here come
 * from the note's number only, under the `fn:` prefix: GitHub's heading slugs never contain
 * a colon, and the page's own ids use other prefixes (`site:`).
 *
 * Ids: the section's heading `fn:label`; note n `fn:n`; its first reference `fn:n:ref`, the
 * k-th `fn:n:ref:k`. Each back-reference has an aria-label, and the section is labelled by a
 * visible "Footnotes" heading.
 */
export const FOOTNOTE_ID_PREFIX = "fn:";
const LABEL_ID = `${FOOTNOTE_ID_PREFIX}label`;

const noteId = (n: number) => `${FOOTNOTE_ID_PREFIX}${n}`;
const refId = (n: number, k: number) => `${FOOTNOTE_ID_PREFIX}${n}:ref${k > 1 ? `:${k}` : ""}`;

/** `words`: the heading's and back-links' names in the blog's language (render-settings.ts). */
export function markedFootnotes(words: () => BodyWords = () => DEFAULT_WORDS): MarkedExtension {
  const base = markedFootnote({ description: "Footnotes" });
  const fill = (template: string, n: number, use = 1) => template.replace("{n}", String(n)).replace("{use}", String(use));
  // Notes are numbered in order of first reference: the package's `items` order. Set once per
  // document, before rendering, from the document's own token (not from a shared counter).
  let numbers = new Map<string, number>();

  const renderers: Record<string, RendererExtensionFunction> = {
    footnoteRef(token) {
      const { label, index } = token as unknown as FootnoteRef;
      const n = numbers.get(label) ?? 0;
      return `<sup><a id="${refId(n, index + 1)}" href="#${noteId(n)}" class="footnote-ref" aria-describedby="${LABEL_ID}">${n}</a></sup>`;
    },
    footnotes(token) {
      const { items } = token as unknown as Footnotes;
      if (items.length === 0) return "";
      const notes = items.map((note: Footnote, i) => {
        const n = i + 1;
        const backrefs = note.refs
          .map((_ref, k) => {
            const use = k + 1;
            const label = escapeHtml(use > 1 ? fill(words().backToReferenceUse, n, use) : fill(words().backToReference, n));
            // U+FE0E asks for the text glyph: some platforms draw a bare ↩ as an emoji.
            const mark = use > 1 ? `↩\uFE0E<sup>${use}</sup>` : "↩\uFE0E";
            return ` <a href="#${refId(n, use)}" class="footnote-backref" aria-label="${label}">${mark}</a>`;
          })
          .join("");
        const body = this.parser.parse(note.content).trimEnd();
        // The back-links join the note's last paragraph, as on GitHub.
        const html = body.endsWith("</p>") ? `${body.slice(0, -4)}${backrefs}</p>` : `${body}\n<p>${backrefs.trim()}</p>`;
        return `<li id="${noteId(n)}">\n${html}\n</li>\n`;
      });
      return `<section class="footnotes" aria-labelledby="${LABEL_ID}">\n<h2 id="${LABEL_ID}">${escapeHtml(words().footnotes)}</h2>\n<ol>\n${notes.join("")}</ol>\n</section>\n`;
    },
  };

  const extensions = (base.extensions ?? []).map((ext) => {
    const own = renderers[ext.name];
    if (!own || !("renderer" in ext) || !ext.renderer) return ext;
    const original = ext.renderer;
    if (ext.name !== "footnoteRef") return { ...ext, renderer: own };
    return {
      ...ext,
      renderer(this: ThisParameterType<RendererExtensionFunction>, token: Tokens.Generic) {
        // The package's reference renderer resets the package's counter for the next
        // document; it returns only a string, so calling it keeps that state right.
        original.call(this, token);
        return own.call(this, token);
      },
    };
  });

  return {
    ...base,
    extensions,
    walkTokens(token) {
      if (token.type === "footnotes") {
        numbers = new Map((token as unknown as Footnotes).items.map((note, i) => [note.label, i + 1]));
      }
      return base.walkTokens?.call(this, token);
    },
  };
}
