import type { MiddlewareHandler } from "hono";
import { postPath } from "../../shared/paths.ts";
import { aliasOf, isVisible } from "../blog.ts";
import { permanentRedirect } from "../http/redirect.ts";
import { rawPath } from "../http/url.ts";

/**
 * Old URLs of renamed posts (front matter `aliases`) answer 301 to the same representation at
 * the post's URL. The build guarantees no alias is a route, so this may run before routing; a
 * post not yet published is answered as itself would be: by the 404 that follows.
 */
export const aliases: MiddlewareHandler = async function redirectAlias(c, next) {
  const alias = aliasOf(rawPath(c.req.url));
  if (alias && isVisible(alias.slug)) return permanentRedirect(c.req.url, postPath(alias.slug, alias.format));
  await next();
};
