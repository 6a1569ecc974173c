import { postPath } from "../../shared/paths.ts";
import { blogOf, blogs } from "../blog.ts";

/** A post's old URL in any language, `/posts/<old>` or `/pt-br/posts/<old>`, once its prefix is off. */
const OLD_POST = /^\/posts\/[^/]+$/;

/**
 * Where an old URL of a renamed post (front matter `aliases`) leads: the same representation at
 * the post's URL, or undefined. The build guarantees no alias is a route, so this may be asked
 * before routing; a post not yet published is answered as itself would be: by the 404 that
 * follows. `path` is canonical (src/worker/http/guard.ts `canonicalPath`).
 */
export function aliasLocation(path: string): string | undefined {
  // An old post URL also stands for its .json and .md (`/posts/old.md` → `/posts/new.md`);
  // any other alias is one exact path.
  const twin = /^(.+)\.(json|md)$/.exec(path);
  const base = twin?.[1];
  const old = base !== undefined && OLD_POST.test(base.slice(blogOf(base).prefix.length)) ? base : undefined;
  // Each language's posts name their own old URLs; the build refuses one two languages claim.
  for (const b of blogs) {
    const exact = b.aliasOf(path);
    const slug = exact ?? (old === undefined ? undefined : b.aliasOf(old));
    if (slug !== undefined && b.isVisible(slug)) {
      const format = exact !== undefined ? "html" : twin?.[2] === "json" ? "json" : "markdown";
      return b.within(() => postPath(slug, format));
    }
  }
  return undefined;
}
