import type { MiddlewareHandler } from "hono";
import { postPath } from "../../shared/paths.ts";
import { blogOf, blogs } from "../blog.ts";
import { permanentRedirect } from "../http/redirect.ts";
import { rawPath } from "../http/url.ts";

/** A post's old URL in any language, `/posts/<old>` or `/pt-br/posts/<old>`, once its prefix is off. */
const OLD_POST = /^\/posts\/[^/]+$/;

/**
 * Old URLs of renamed posts (front matter `aliases`) answer 301 to the same representation at
 * the post's URL. The build guarantees no alias is a route, so this may run before routing; a
 * post not yet published is answered as itself would be: by the 404 that follows.
 */
export const aliases: MiddlewareHandler = async function redirectAlias(c, next) {
  const path = rawPath(c.req.url);
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
      return permanentRedirect(
        c.req.url,
        b.within(() => postPath(slug, format)),
      );
    }
  }
  await next();
};
