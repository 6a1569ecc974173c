import type { MiddlewareHandler } from "hono";
import { postPath } from "../../shared/paths.ts";
import { blogs } from "../blog.ts";
import { permanentRedirect } from "../http/redirect.ts";
import { rawPath } from "../http/url.ts";

/**
 * Old URLs of renamed posts (front matter `aliases`) answer 301 to the same representation at
 * the post's URL. The build guarantees no alias is a route, so this may run before routing; a
 * post not yet published is answered as itself would be: by the 404 that follows.
 */
export const aliases: MiddlewareHandler = async function redirectAlias(c, next) {
  const path = rawPath(c.req.url);
  // Each language's posts name their own old URLs; the build refuses one two languages claim.
  for (const b of blogs) {
    const alias = b.aliasOf(path);
    if (alias && b.isVisible(alias.slug)) {
      return permanentRedirect(
        c.req.url,
        b.within(() => postPath(alias.slug, alias.format)),
      );
    }
  }
  await next();
};
