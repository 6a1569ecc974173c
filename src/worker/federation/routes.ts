/**
 * Federation's routes, answered before the blog's own when `fediverse` is on (src/worker/index.ts
 * imports this module only then): WebFinger, NodeInfo, the actor, the ActivityPub representation
 * of `/` and of each post, the outbox, followers and featured collections, and the inbox.
 * Anything else is not federation's, and the blog answers it as always.
 */
import { postPath } from "../../shared/paths.ts";
import type { Fediverse, SiteConfig } from "../../shared/types.ts";
import { getPost, isVisible, newestPosts, postCount } from "../blog.ts";
import { serveAvatar } from "./avatars.ts";
import { activityId } from "./delivery-plan.ts";
import {
  ACTIVITY_JSON,
  actorDocument,
  actorUrls,
  articleDocument,
  countedCollection,
  NODEINFO_SCHEMA,
  nodeinfoDocument,
  nodeinfoLinks,
  OUTBOX_PAGE,
  outboxDocument,
  outboxPage,
  webfingerDocument,
} from "./documents.ts";
import type { FederationEnv } from "./env.ts";
import { FEDERATION_PATHS } from "./gate.ts";
import { handleInbox } from "./inbox.ts";
import { actorKeys } from "./keys.ts";
import { receiveWebmention } from "./mentions.ts";
import { wantsActivity } from "./negotiate.ts";
import { postVersion, publishIfDue } from "./publish.ts";
import { jsonDocument, problem } from "./respond.ts";

const ACTIVITY_TYPE = `${ACTIVITY_JSON}; charset=utf-8`;
const CACHE = "public, max-age=300";
const VERSION = "0.1.0";

/** The slug of a visible post at `url` (`<origin>/posts/<slug>`), by its shape; existence is read later. */
export function slugAt(site: SiteConfig, url: string): string | undefined {
  const prefix = `${site.origin}/posts/`;
  if (!url.startsWith(prefix)) return undefined;
  const slug = url.slice(prefix.length).replace(/[?#].*$/, "");
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) && isVisible(slug) ? slug : undefined;
}

/** Federation's answer to `request`, or undefined when it is the blog's to answer. */
export async function federationFetch(
  request: Request,
  env: FederationEnv,
  ctx: ExecutionContext,
  site: SiteConfig,
  fediverse: Fediverse,
): Promise<Response | undefined> {
  const url = new URL(request.url);
  const path = url.pathname;
  const negotiated =
    (path === "/" || /^\/posts\/[a-z0-9-]+$/.test(path)) &&
    request.method !== "POST" &&
    wantsActivity(request.headers.get("accept"));
  const avatar = path.startsWith("/avatars/") ? path.slice("/avatars/".length) : undefined;
  if (!FEDERATION_PATHS.has(path) && !negotiated && avatar === undefined) return undefined;
  const method = request.method;
  const posted = path === "/inbox" || path === "/webmention";
  if (posted ? method !== "POST" : method !== "GET" && method !== "HEAD")
    return problem(405, `${path} answers ${posted ? "POST" : "GET and HEAD"}`, [["allow", posted ? "POST" : "GET, HEAD"]]);
  // Discovery needs no database; everything that names the actor's key or stores anything does.
  if (path === "/.well-known/webfinger") return webfinger(request, url, site, fediverse);
  if (path === "/.well-known/nodeinfo")
    return jsonDocument(request, nodeinfoLinks(site.origin), {
      contentType: "application/json; charset=utf-8",
      cacheControl: CACHE,
    });
  if (path === "/nodeinfo/2.1")
    return jsonDocument(request, nodeinfoDocument(site, postCount(), VERSION), {
      contentType: `application/json; profile="${NODEINFO_SCHEMA}#"; charset=utf-8`,
      cacheControl: CACHE,
    });
  if (!env.DB)
    return problem(503, "federation is on (site.yaml fediverse) but no D1 database is bound as DB: see docs/federation.md");
  // Whatever brought this request, posts that went live since the last check are announced.
  ctx.waitUntil(publishIfDue(env, ctx, site).catch((e) => console.error("federation: publishing failed", e)));
  const exists = async (slug: string) => (await getPost(slug)) !== undefined;
  if (avatar !== undefined) return serveAvatar(request, env, avatar);
  if (path === "/inbox") return handleInbox(request, env, ctx, { site, fediverse, postAt: (u) => slugAt(site, u), exists });
  if (path === "/webmention")
    return receiveWebmention(request, env, ctx, { site, fediverse, postAt: (u) => slugAt(site, u), exists });
  if (path === "/actor" || path === "/") {
    const keys = await actorKeys(env.DB);
    return jsonDocument(request, actorDocument(site, fediverse, keys.publicKeyPem), {
      contentType: ACTIVITY_TYPE,
      cacheControl: CACHE,
      vary: path === "/",
    });
  }
  if (path.startsWith("/posts/")) {
    const slug = path.slice("/posts/".length);
    const found = await getPost(slug);
    if (!found) return problem(404, `no post at ${postPath(slug)}`);
    return jsonDocument(request, articleDocument(site, found.post), {
      contentType: ACTIVITY_TYPE,
      cacheControl: CACHE,
      vary: true,
    });
  }
  if (path === "/outbox") return outbox(request, url, site);
  if (path === "/followers") {
    const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM followers").first<{ n: number }>();
    return jsonDocument(request, countedCollection(actorUrls(site.origin).followers, row?.n ?? 0), {
      contentType: ACTIVITY_TYPE,
      cacheControl: "public, max-age=60",
    });
  }
  return jsonDocument(request, countedCollection(actorUrls(site.origin).featured, 0), {
    contentType: ACTIVITY_TYPE,
    cacheControl: CACHE,
  });
}

/** RFC 7033 §4: the blog's account, by acct: URI or by the actor's or blog's URL. */
function webfinger(request: Request, url: URL, site: SiteConfig, fediverse: Fediverse): Promise<Response> | Response {
  const resource = url.searchParams.get("resource");
  if (!resource) return problem(400, "resource is required: ?resource=acct:<handle>@<host>");
  const host = new URL(site.origin).host;
  const mine = [`acct:${fediverse.handle}@${host}`, actorUrls(site.origin).id, `${site.origin}/`, site.origin];
  const asked = /^acct:/i.test(resource) ? `acct:${resource.slice(5).toLowerCase().replace(/^@/, "")}` : resource;
  if (!/^(acct:[^@\s]+@[^@\s]+|https?:\/\/\S+)$/i.test(asked))
    return problem(400, "resource must be acct:<user>@<host> or a URL");
  if (!mine.includes(asked)) return problem(404, `${resource} is not an account here`);
  return jsonDocument(request, webfingerDocument(site, fediverse), {
    contentType: "application/jrd+json; charset=utf-8",
    cacheControl: CACHE,
  });
}

/** The outbox: the collection, or one page of it (`?page=n`), newest first, published posts only. */
async function outbox(request: Request, url: URL, site: SiteConfig): Promise<Response> {
  const total = postCount();
  const pageParam = url.searchParams.get("page");
  if (pageParam === null)
    return jsonDocument(request, outboxDocument(site, total), { contentType: ACTIVITY_TYPE, cacheControl: CACHE });
  const last = Math.max(1, Math.ceil(total / OUTBOX_PAGE));
  if (!/^[1-9]\d{0,5}$/.test(pageParam) || Number(pageParam) > last) return problem(404, `the outbox has pages 1 to ${last}`);
  const page = Number(pageParam);
  const posts = (await newestPosts(page * OUTBOX_PAGE)).slice((page - 1) * OUTBOX_PAGE);
  const origin = site.origin;
  return jsonDocument(
    request,
    outboxPage(site, posts, page, total, (p) => activityId(`${origin}/posts/${p.slug}`, "Create", postVersion(p))),
    { contentType: ACTIVITY_TYPE, cacheControl: CACHE },
  );
}
