import { wantsActivity } from "./negotiate.ts";

/**
 * Whether a request may be federation's, decided without loading federation's code: its paths,
 * or `/` and a post asked for as ActivityPub. Everything else goes straight to the blog, so a
 * blog with federation on pays one Set lookup per request, and one with it off nothing at all.
 */
const PATHS = new Set([
  "/.well-known/webfinger",
  "/.well-known/nodeinfo",
  "/nodeinfo/2.1",
  "/actor",
  "/inbox",
  "/outbox",
  "/followers",
  "/featured",
  "/webmention",
]);

export function mayBeFederation(request: Request): boolean {
  const path = new URL(request.url).pathname;
  if (PATHS.has(path) || path.startsWith("/avatars/")) return true;
  return (path === "/" || path.startsWith("/posts/")) && wantsActivity(request.headers.get("accept"));
}

export const FEDERATION_PATHS: ReadonlySet<string> = PATHS;

/** A post's page, JSON or Markdown, which federation adds replies to. */
export function isPostPath(request: Request): boolean {
  return /^\/posts\/[a-z0-9-]+(?:\.json|\.md)?$/.test(new URL(request.url).pathname);
}

/** Where a page's ActivityPub representation is, for its `Link` header: `/` is the actor, a post itself. */
export function activityAlternate(htmlPath: string): string | undefined {
  if (htmlPath === "/") return "/actor";
  return /^\/posts\/[a-z0-9-]+$/.test(htmlPath) ? htmlPath : undefined;
}
