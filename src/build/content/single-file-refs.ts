import { mediaReferences } from "./media-refs.ts";
import type { MarkdownToken } from "./post-html.ts";

/** What every reference singleFileProblems reports contains (attribute names are any case, `src = "a.png"` too). */
const MAY_NAME_A_FILE = /!\[|(?:src|srcset|poster|data)\s*=/i;

/**
 * A single-file post (`posts/<slug>.md`) has no folder of its own, so an image it names by a
 * relative URL (`![x](./a.png)`, `<img src="a.png">`) can never load: the page is /posts/<slug>,
 * and nothing is published beside it. Such a post builds silently otherwise and only a link
 * checker notices, so each one is a build error with its line. Relative links stay allowed:
 * `[next](other-post)` from /posts/<slug> reaches /posts/other-post.
 */
export function singleFileProblems(
  body: string,
  lex: (markdown: string) => readonly MarkdownToken[],
): { message: string; line: number }[] {
  // Only an image (`![`) or a raw tag's src, srcset, poster or data can name such a file, and
  // each is written out in the source: a body with none of them is not lexed again (most posts;
  // the lexing was a tenth of a cold build's parsing).
  if (!MAY_NAME_A_FILE.test(body)) return [];
  const out: { message: string; line: number }[] = [];
  for (const ref of mediaReferences(body, lex)) {
    const image = ref.kind === "image" || (ref.kind === "html" && ref.attribute !== "href" && ref.attribute !== "cite");
    if (!image) continue;
    // `../x.png` is not beside the post: from /posts/<slug> it is somewhere else on the blog, where nothing is.
    const where = "outside" in ref.target ? "is outside the post, and" : "is a file beside the post, but";
    out.push({
      message: `${ref.href} ${where} a single-file post has no folder: make it a folder post (posts/<slug>/index.md) and put the file in that folder`,
      line: ref.line,
    });
  }
  return out;
}
