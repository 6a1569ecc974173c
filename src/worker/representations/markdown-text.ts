/**
 * Plain text placed in a Markdown document (titles, descriptions, the site's name), escaped so
 * that it stays that text: a title cannot add a heading, a link, an image or raw HTML to
 * index.md, the tag pages or llms.txt (read by people and by language models alike). A derived
 * description may hold `<script>` as text (the post wrote `&lt;script&gt;`): it stays text.
 *
 * CommonMark lets any ASCII punctuation be backslash-escaped (spec §2.4), so escaping is always
 * safe; we escape what can start inline markup anywhere, and what starts a block at the start.
 * Single-line fields never hold a line break (the build rejects one), so "the start" is the only
 * place a block can begin.
 */
const INLINE = /[\\`*_[\]<>&~|#!]/g;

export function escapeMarkdown(text: string): string {
  return escapeBlockStart(escapeMarkdownInline(text));
}

/** Text in the middle of a line: only what can start inline markup. */
export function escapeMarkdownInline(text: string): string {
  return (
    text
      .replace(INLINE, "\\$&")
      // GFM turns bare URLs into links (autolink extension): keep them text too.
      .replace(/:\/\//g, "\\://")
      .replace(/\b(www)\./gi, "$1\\.")
  );
}

/** A line's start: a list (`- `, `+ `, `1. `, `1) `), a setext underline (`===`, `---`). */
export function escapeBlockStart(line: string): string {
  return line.replace(/^([-+=])/, "\\$1").replace(/^(\d+)([.)])/, "$1\\$2");
}
