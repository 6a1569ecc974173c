import { utf8Bytes } from "../../shared/bytes.ts";
import { checkHtml, urlProblem } from "./sanitize.ts";

/**
 * A post's rendered HTML made safe for every representation (page, JSON, feeds), once, at build
 * time: the allow-list (sanitize.ts) runs over the final HTML, which is what ships; when it finds
 * problems, the Markdown's tokens say which line of the source file each one comes from.
 */

/**
 * A post may render to at most this much HTML. A 1 MB source can expand enormously (one short
 * reference link repeated, each use becoming a long `<a href>`); this keeps every representation
 * of a post small enough to be cached (src/worker/http/representation.ts keeps nothing over 4 MB).
 */
export const MAX_HTML_BYTES = 2 * 1024 * 1024;

/** The marked token shape this needs: every token has its source text as `raw`. */
export interface MarkdownToken {
  type: string;
  raw: string;
  href?: string;
}

export interface PostHtmlResult {
  html?: string;
  /** Messages for `file → body: …`, each ending with the source line when it is known. */
  problems: string[];
}

/**
 * The child tokens of a token in source order, whatever its kind: inline tokens, list items,
 * table cells row by row, an extension's own children. One list, so a cursor runs through them.
 */
function children(token: object): MarkdownToken[] {
  const out: MarkdownToken[] = [];
  const visit = (value: unknown) => {
    if (!Array.isArray(value)) return;
    for (const item of value) {
      if (Array.isArray(item))
        visit(item); // a table row
      else if (item && typeof item === "object") {
        const t = item as MarkdownToken & { tokens?: unknown };
        if (typeof t.type === "string" && typeof t.raw === "string") out.push(t);
        else visit(t.tokens); // a table cell
      }
    }
  };
  for (const [key, value] of Object.entries(token)) if (key !== "links") visit(value);
  return out;
}

/**
 * Calls `visit` with each token and its offset in `source`. Tokens are found in order from a
 * cursor, so the offsets are exact for raw HTML and links; a token whose text was rewritten by
 * the lexer (inside a block quote's `>`) falls back to its first line, then to its parent's.
 */
function walkTokens(
  tokens: readonly MarkdownToken[],
  source: string,
  from: number,
  visit: (t: MarkdownToken, offset: number) => void,
): void {
  let cursor = from;
  for (const token of tokens) {
    let at = token.raw ? source.indexOf(token.raw, cursor) : -1;
    if (at < 0 && token.raw) {
      const firstLine = token.raw.split("\n")[0]?.trim() ?? "";
      if (firstLine.length >= 3) at = source.indexOf(firstLine, cursor);
    }
    const start = at >= 0 ? at : cursor;
    visit(token, start);
    walkTokens(children(token), source, start, visit);
    if (at >= 0) cursor = at + (source.startsWith(token.raw, at) ? token.raw.length : 1);
  }
}

/** Problems found in the author's raw HTML and link URLs, each with its line in the body. */
function locatedProblems(body: string, tokens: readonly MarkdownToken[]): { message: string; line: number }[] {
  const found: { message: string; line: number }[] = [];
  const lineAt = (offset: number) => body.slice(0, offset).split("\n").length;
  walkTokens(tokens, body, 0, (token, offset) => {
    if (token.type === "html") {
      for (const p of checkHtml(token.raw, "any").problems) found.push({ message: p.message, line: lineAt(offset) + p.line - 1 });
    } else if ((token.type === "link" || token.type === "image") && typeof token.href === "string") {
      const message = urlProblem(token.type === "link" ? "href" : "src", token.type === "link" ? "a" : "img", token.href);
      if (message) found.push({ message, line: lineAt(offset) });
    }
  });
  return found;
}

/**
 * Checks and re-serialises a post's rendered HTML. `body` is the Markdown it came from,
 * `bodyLine` the file line the body starts on, `lex` the renderer's own lexer (only run when
 * there is something to locate). `wellFormed`: the renderer wrote all of the HTML (no raw HTML
 * passed through), so it has no unfinished tag or comment to look for.
 */
export function safePostHtml(
  html: string,
  body: string,
  bodyLine: number,
  lex: (markdown: string) => readonly MarkdownToken[],
  wellFormed = false,
): PostHtmlResult {
  const bytes = html.length > MAX_HTML_BYTES ? html.length : utf8Bytes(html);
  if (bytes > MAX_HTML_BYTES) {
    const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
    return { problems: [`renders to ${mb(bytes)} MB of HTML; a post may render to at most ${mb(MAX_HTML_BYTES)} MB`] };
  }
  const checked = checkHtml(html, "div", wellFormed);
  if (checked.problems.length === 0) return { html: checked.html, problems: [] };
  // The final HTML decides what is wrong; the tokens only say where. Each problem takes the
  // first unused source location with the same message.
  const located = locatedProblems(body, lex(body));
  const problems = checked.problems.map(({ message }) => {
    const i = located.findIndex((l) => l.message === message);
    if (i < 0) return message;
    const [where] = located.splice(i, 1);
    return `${message} (line ${bodyLine + (where?.line ?? 1) - 1})`;
  });
  return { problems };
}
