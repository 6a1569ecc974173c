/**
 * A post's HTML with absolute URLs, for where it is read away from the site: feeds (Atom,
 * JSON Feed), the JSON representation. A post's page uses root-relative URLs (`/media/…`, which
 * also work in a local preview); a feed reader resolves those against nothing useful.
 *
 * The input is what the pipeline stores: HTML re-serialised by parse5 (sanitize.ts), where every
 * attribute value is double-quoted with `"` escaped and every `<` in text is escaped. So a tag is
 * exactly `<name( attr="…")*>`, and this rewrites attribute values, never text. Pure and cheap:
 * one pass of a regular expression, run once per representation per isolate.
 */

/** A start tag as parse5 serialises it. */
const TAG = /<[a-zA-Z][^\s/>]*(?:\s+[^\s"'>/=]+(?:="[^"]*")?)*\s*\/?>/g;
const URL_ATTRIBUTE = /(\s(?:href|src|cite|poster)=")(\/(?!\/)[^"]*)"/g;
const SRCSET = /(\ssrcset=")([^"]*)"/g;
/** A srcset candidate's URL that is root-relative: at the start, or after a comma. */
const SRCSET_URL = /(^|,)(\s*)(\/(?!\/))/g;

/** `html` with every root-relative URL in `href`, `src`, `cite`, `poster` and `srcset` made absolute on `origin`. */
export function withAbsoluteUrls(html: string, origin: string): string {
  if (!html.includes('="/') && !html.includes("srcset=")) return html;
  return html.replace(TAG, (tag) =>
    tag
      .replace(URL_ATTRIBUTE, (_all, before: string, url: string) => `${before}${origin}${url}"`)
      .replace(
        SRCSET,
        (_all, before: string, value: string) =>
          `${before}${value.replace(SRCSET_URL, (_m, comma: string, space: string) => `${comma}${space}${origin}/`)}"`,
      ),
  );
}
