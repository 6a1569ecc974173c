import type { BODY_DIGEST } from "../../shared/corpus.ts";
import type { SearchDoc } from "../../shared/search/types.ts";
import type { Post } from "../../shared/types.ts";
import { htmlToText, withoutFootnoteMarks } from "../content/markdown.ts";

/**
 * What the search index reads of a post, and all of it: a build's spare thread is sent only
 * this (src/build/search/threaded.ts), not the post's Markdown or headings. The body's digest
 * (src/shared/corpus.ts `BODY_DIGEST`) keys the index's memo when the build has it.
 */
export type SearchedPost = Pick<Post, "slug" | "title" | "date" | "dateText" | "tags" | "description" | "html"> & {
  [BODY_DIGEST]?: string;
};

/** What search indexes of a post: its fields, and its body as plain text (searchText, or `text` when known). */
export function searchDoc(post: SearchedPost, text = searchText(post.html)): SearchDoc {
  return {
    slug: post.slug,
    title: post.title,
    date: post.date,
    ...(post.dateText ? { dateText: post.dateText } : {}),
    tags: post.tags,
    description: post.description,
    text,
  };
}

const MATH = /<math\b[^>]*>([\s\S]*?)<\/math>/g;
/** The `#` link after each section heading (markdown.ts `addAnchors`): navigation, not words. */
const ANCHOR = / <a class="anchor" href="#[^"]*" aria-label="[^"]*">#<\/a>/g;
const TEX = /<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/;

/**
 * A post's body as search sees it: the prose first, so a snippet without a match (the post's
 * opening) is prose, then the footnotes' text, which may match but never opens a snippet. No
 * footnote numbers or back-links (↩︎), no section links' `#`, and each formula as its TeX source (`E = mc^2`, from
 * the annotation src/content/math.ts keeps), not its glyphs flattened (`E = m c 2`).
 */
export function searchText(html: string): string {
  const withTex = html.replace(ANCHOR, "").replace(MATH, (all, inner: string) => {
    const tex = TEX.exec(inner)?.[1];
    // The TeX stays escaped as it was in the HTML: htmlToText decodes it with the rest.
    return tex === undefined ? all : ` ${tex} `;
  });
  const at = withTex.indexOf('<section class="footnotes"');
  const prose = at < 0 ? withTex : withTex.slice(0, at);
  const notes = at < 0 ? "" : withTex.slice(at);
  return `${htmlToText(withoutFootnoteMarks(prose))} ${htmlToText(withoutFootnoteMarks(notes))}`.trim();
}
