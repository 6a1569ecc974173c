import type { MarkedExtension, Tokens } from "marked";
import { messagesFor } from "../../shared/i18n/index.ts";
import type { SiteConfig } from "../../shared/types.ts";

/**
 * GitHub's alerts: a block quote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
 * `[!WARNING]` or `[!CAUTION]` renders as a labelled aside. The same syntax as GitHub, Hugo and
 * Zola, so a post reads the same everywhere, and its Markdown representation (the source, as
 * written) stays a plain block quote.
 *
 * The markup is plain structure, so a feed reader or a JSON client that ignores the classes still
 * reads "**Note**" followed by the text. The icon is a glyph the stylesheet draws into an empty,
 * `aria-hidden` span (`.alert-icon::before`): no request, no `style` attribute, nothing outside the
 * allow-list, and a screen reader says "Note", not "information source, Note".
 */

/**
 * Each alert's visible title, in one table so a translation has one place to change. The keys
 * are GitHub's markers, lower-cased; they also name the CSS class (`alert-note`).
 */
export const ALERT_TITLES = {
  note: "Note",
  tip: "Tip",
  important: "Important",
  warning: "Warning",
  caution: "Caution",
} as const;

export type AlertKind = keyof typeof ALERT_TITLES;
/** An alert's title per kind, in the blog's language (`alertTitlesFor`). */
export type AlertTitles = Record<AlertKind, string>;

interface AlertToken extends Tokens.Generic {
  type: "alert";
  kind: AlertKind;
  tokens: Tokens.Generic[];
}

/** Consecutive `>` lines: an alert is written with `>` on every line (no lazy continuation). */
const QUOTE_LINES = /^(?: {0,3}>[^\n]*(?:\n|$))+/;
/** The marker, alone on the quote's first line, as GitHub requires. */
const MARKER = /^\[!(note|tip|important|warning|caution)\][ \t]*$/i;

/** The escaped text of a title (the table's entries are plain, but a translation may not be). */
const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The titles in the blog's language, with site.yaml's `strings` overrides. */
export function alertTitlesFor(site: Pick<SiteConfig, "language" | "strings"> | undefined): AlertTitles {
  if (!site) return ALERT_TITLES;
  const t = messagesFor(site.language, site.strings);
  return {
    note: t.text("alertNote"),
    tip: t.text("alertTip"),
    important: t.text("alertImportant"),
    warning: t.text("alertWarning"),
    caution: t.text("alertCaution"),
  };
}

/**
 * `titles`: read on each render, so one Marked instance serves every language (the build sets
 * them from site.yaml's `language` and `strings`, as it sets a folder post's files).
 */
export function markedAlerts(titles: () => AlertTitles = () => ALERT_TITLES): MarkedExtension {
  return {
    extensions: [
      {
        name: "alert",
        level: "block",
        start: (src: string) => src.match(/^ {0,3}>/m)?.index,
        tokenizer(src: string): AlertToken | undefined {
          const quote = QUOTE_LINES.exec(src);
          if (!quote) return undefined;
          const lines = quote[0]
            .replace(/\n$/, "")
            .split("\n")
            .map((l) => l.replace(/^ {0,3}> ?/, ""));
          const kind = MARKER.exec(lines[0] ?? "")?.[1]?.toLowerCase() as AlertKind | undefined;
          if (!kind) return undefined;
          // As marked's own block quote does: its content is lexed as top-level blocks (paragraphs,
          // not a list item's bare text), even when the alert sits in a list.
          const top = this.lexer.state.top;
          this.lexer.state.top = true;
          const tokens = this.lexer.blockTokens(lines.slice(1).join("\n"), []);
          this.lexer.state.top = top;
          return { type: "alert", raw: quote[0], kind, tokens };
        },
        renderer(token) {
          const { kind, tokens } = token as AlertToken;
          const title = escapeHtml(titles()[kind]);
          // role="note": an <aside> is otherwise a complementary landmark, which does not belong
          // inside the post's <main>; a note is what this is, named by its visible title.
          return (
            `<aside class="alert alert-${kind}" role="note" aria-label="${title}">\n` +
            `<p class="alert-title"><span class="alert-icon" aria-hidden="true"></span><strong>${title}</strong></p>\n${this.parser.parse(tokens)}</aside>\n`
          );
        },
      },
    ],
  };
}
