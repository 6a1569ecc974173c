import { altTextProblem } from "./alt-text.ts";
import { imageSourceProblem, makeFolder, type PostKind, putInFolder } from "./image-sources.ts";
import { fileReference } from "./media.ts";
import { mediaReferences, writtenIn } from "./media-refs.ts";
import type { MarkdownToken } from "./post-html.ts";

/** What every reference singleFileProblems reports contains (attribute names are any case, `src = "a.png"` too). */
const MAY_NAME_A_FILE = /!\[|(?:src|srcset|poster|data)\s*=/i;

/**
 * A single-file post (`posts/<slug>.md`) has no folder of its own, so an image it names by a
 * relative URL (`![x](./a.png)`, `<img src="a.png">`) can never load: the page is /posts/<slug>,
 * and nothing is published beside it. Such a post builds silently otherwise and only a link
 * checker notices, so each one is a build error with its line, as is an image from elsewhere
 * that cannot show (image-sources.ts) and one without alt text (alt-text.ts). Relative links stay
 * allowed: `[next](other-post)` from /posts/<slug> reaches /posts/other-post.
 * `origin`: the blog's, so its own address written in full is judged by its path. `of`: a page
 * (`pages/<slug>.md`, at /<slug>) is the same, and its fix is a folder page.
 */
export function singleFileProblems(
  body: string,
  lex: (markdown: string) => readonly MarkdownToken[],
  origin = "",
  of: PostKind["of"] = "post",
): { message: string; line: number }[] {
  // Only an image (`![`) or a raw tag's src, srcset, poster or data can name such a file, and
  // each is written out in the source: a body with none of them is not lexed again (most posts;
  // the lexing was a tenth of a cold build's parsing).
  if (!MAY_NAME_A_FILE.test(body)) return [];
  const out: { message: string; line: number }[] = [];
  for (const ref of mediaReferences(body, lex, of)) {
    const image = ref.kind === "image" || (ref.kind === "html" && ref.attribute !== "href" && ref.attribute !== "cite");
    if (!image) continue;
    const at = (message: string) => out.push({ message, line: ref.line });
    if ("elsewhere" in ref.target) {
      const problem = imageSourceProblem(ref.href, { of, folder: false }, origin, writtenIn(ref));
      if (problem) at(problem);
    } else {
      // The URL itself, not what a raw tag's attribute makes of it: that complaint (a srcset, a
      // poster) is about a folder this post does not have.
      const file = fileReference(ref.href, of);
      if (file && "outside" in file) {
        // Not beside the post: from /posts/<slug> it is somewhere else on the blog, where nothing is.
        at(
          `${ref.href} is outside the ${of}, and a single-file ${of} has no folder: ${putInFolder({ of, folder: false }, ref.href, "put", writtenIn(ref))}`,
        );
      } else if (file && "problem" in file) {
        // Not a file's name at all (a bad escape, the folder itself): making a folder would not help.
        at(file.problem);
      } else {
        at(
          `${ref.href} is a file beside the ${of}, but a single-file ${of} has no folder: ${makeFolder(of)} and put the file in that folder`,
        );
      }
    }
    const alt = altTextProblem(ref);
    if (alt) at(alt);
  }
  return out;
}
