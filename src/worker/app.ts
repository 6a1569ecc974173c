import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
// PatternRouter: one small expression per route, made as the route is added. The default preset's
// RegExpRouter joins every route (some forty per language) into one expression on the isolate's
// first request, about 3 ms, and with its fallback TrieRouter is 15 KiB more to compile at
// start-up. Matching is a loop over the routes, about a microsecond each, and a GET for a page
// this isolate has already prepared is answered before routing (src/worker/http/warm.ts).
import { Hono } from "hono/tiny";
import { blogs } from "./blog.ts";
import { ContentUnavailable } from "./corpus/read.ts";
import { canonicalPath, guard } from "./http/guard.ts";
import { permanentRedirect } from "./http/redirect.ts";
import { PreconditionFailed } from "./http/representation.ts";
import { rawPath } from "./http/url.ts";
import { aliasLocation } from "./routes/aliases.ts";
import { cardRoutes } from "./routes/cards.ts";
import { errorResponse, unavailable } from "./routes/errors.tsx";
import { metaRoutes, siteRoutes } from "./routes/meta.ts";
import { pageRoutes, standaloneRoutes } from "./routes/pages.ts";
import { searchRoutes } from "./routes/search.ts";

/**
 * The application: the guard first, then the routes. Misses, refusals the guard throws
 * (HTTPException: 400, 404, 405, 414), failed preconditions (412) and failures all become one
 * error answer, in the format `errorResponse` decides for every error.
 */
export function createApp(): Hono {
  const app = new Hono();
  app.use(guard);
  app.use(moved);
  siteRoutes(app);
  // Each language's routes: the default's at `/`, another's under its prefix (`/pt-br/posts/x`).
  // The others are declared first, so the default's `/:page` never takes `/pt-br`. Declared on
  // the app itself (basePath shares its router), not on sub-apps mounted with app.route, which
  // would build a router per sub-app and add every route twice, in every isolate's start-up.
  const languages = blogs
    .slice(1)
    .concat(blogs.slice(0, 1))
    .map((b) => ({ b, routes: b.prefix ? app.basePath(b.prefix) : app }));
  for (const { b, routes } of languages) {
    metaRoutes(routes, b);
    pageRoutes(routes, b);
    searchRoutes(routes, b);
  }
  cardRoutes(app);
  for (const { b, routes } of languages) standaloneRoutes(routes, b);
  app.notFound((c) => errorResponse(c, 404));
  app.onError((err, c) => {
    // A 412 keeps the validators the client can compare by.
    if (err instanceof PreconditionFailed) return errorResponse(c, 412, undefined, err.validators);
    if (err instanceof HTTPException) return errorResponse(c, err.status);
    if (err instanceof ContentUnavailable) {
      console.error(err); // for `wrangler tail`; the reader gets a 503 to retry
      return unavailable(c);
    }
    // Logged for `wrangler tail`; the client gets no stack trace.
    console.error(err);
    return errorResponse(c, 500);
  });
  return app;
}

/**
 * A URL that moved answers 301, in one hop through all three of these rules: its one spelling
 * (`/posts/x/` → `/posts/x`, `/tag%73` → `/tags`), its language's prefix in lower case
 * (`/PT-BR/x` → `/pt-br/x`), then an old URL of a renamed post (`aliases`). A route's own moves
 * (a tag's other spelling, `/page/1`) follow, from the path these leave.
 */
const moved: MiddlewareHandler = async (c, next) => {
  const path = rawPath(c.req.url);
  // One URL per page (RFC 9110 §15.4.2 permanent redirect); a path with none names no page.
  const spelled = canonicalPath(path);
  if (spelled === null) throw new HTTPException(404);
  const canonical = prefixInItsCase(spelled);
  const location = aliasLocation(canonical) ?? canonical;
  if (location !== path) return permanentRedirect(c.req.url, location);
  await next();
};

/**
 * A language's prefix as site.yaml spells its tag (`/pt-BR/posts/x`) in its one spelling,
 * lower-cased (`/pt-br/posts/x`), like every other page's second URL. The rest of the path is
 * kept as sent, percent-encoding and all.
 */
function prefixInItsCase(path: string): string {
  if (blogs.length === 1) return path;
  const segment = path.split("/")[1] ?? "";
  for (let i = 1; i < blogs.length; i++) {
    const own = (blogs[i] as (typeof blogs)[number]).prefix.slice(1);
    if (segment !== own && segment.toLowerCase() === own) return `/${own}${path.slice(segment.length + 1)}`;
  }
  return path;
}
