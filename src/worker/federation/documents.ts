/**
 * The blog's ActivityPub documents, as pure functions of the site and its posts: the actor, a
 * post as an Article, the outbox and its pages, the Create/Update/Delete that carry a post to
 * followers, WebFinger's JRD and NodeInfo. Shapes follow what Mastodon reads (its docs'
 * "ActivityPub" and "WebFinger" pages); ids are stable URLs on the blog's origin.
 */

import type { Fediverse, Post, PostMeta, SiteConfig } from "../../shared/types.ts";
import { escapeHtml } from "../../shared/views/html.ts";

export const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
export const ACTIVITY_JSON = "application/activity+json";

/** The JSON-LD context every document names: ActivityStreams, the security vocabulary, Mastodon's terms. */
const CONTEXT = [
  "https://www.w3.org/ns/activitystreams",
  "https://w3id.org/security/v1",
  {
    manuallyApprovesFollowers: "as:manuallyApprovesFollowers",
    toot: "http://joinmastodon.org/ns#",
    featured: { "@id": "toot:featured", "@type": "@id" },
    discoverable: "toot:discoverable",
    indexable: "toot:indexable",
    Hashtag: "as:Hashtag",
  },
];

/** The actor's URLs: one place for each. */
export function actorUrls(origin: string) {
  const id = `${origin}/actor`;
  return {
    id,
    keyId: `${id}#main-key`,
    inbox: `${origin}/inbox`,
    outbox: `${origin}/outbox`,
    followers: `${origin}/followers`,
    featured: `${origin}/featured`,
  };
}

/** `@blog@blog.example`: how readers find and follow the blog. */
export const handleOf = (site: Pick<SiteConfig, "origin">, fediverse: Fediverse) =>
  `@${fediverse.handle}@${new URL(site.origin).host}`;

/**
 * The blog as a Person: a blog is someone's voice, and Mastodon shows a Service as a bot. It
 * accepts follows without review (a blog's posts are public anyway) and is discoverable.
 */
export function actorDocument(site: SiteConfig, fediverse: Fediverse, publicKeyPem: string): Record<string, unknown> {
  const urls = actorUrls(site.origin);
  return {
    "@context": CONTEXT,
    id: urls.id,
    type: "Person",
    preferredUsername: fediverse.handle,
    name: site.title,
    summary: `<p>${escapeHtml(site.description)}</p>`,
    url: `${site.origin}/`,
    ...(site.icons ? { icon: { type: "Image", mediaType: "image/png", url: `${site.origin}${site.icons.appleTouch}` } } : {}),
    inbox: urls.inbox,
    outbox: urls.outbox,
    followers: urls.followers,
    featured: urls.featured,
    endpoints: { sharedInbox: urls.inbox },
    manuallyApprovesFollowers: false,
    discoverable: true,
    indexable: true,
    publicKey: { id: urls.keyId, owner: urls.id, publicKeyPem },
  };
}

/** Root-relative links and images in a post's HTML made absolute: the Article is read elsewhere. */
export function absoluteHtml(html: string, origin: string): string {
  return html
    .replace(/(\s(?:href|src|poster)=")\/(?!\/)/g, `$1${origin}/`)
    .replace(
      /(\ssrcset=")([^"]*)"/g,
      (_, attr: string, list: string) => `${attr}${list.replace(/(^|,\s*)\/(?!\/)/g, `$1${origin}/`)}"`,
    );
}

const postUrl = (origin: string, slug: string) => `${origin}/posts/${slug}`;

/** A post as an ActivityPub Article. */
export function articleObject(site: SiteConfig, post: Post | (PostMeta & { html?: string })): Record<string, unknown> {
  const urls = actorUrls(site.origin);
  const url = postUrl(site.origin, post.slug);
  return {
    id: url,
    type: "Article",
    attributedTo: urls.id,
    name: post.title,
    ...(post.html === undefined ? {} : { content: absoluteHtml(post.html, site.origin) }),
    summary: escapeHtml(post.description),
    url,
    published: post.date,
    ...(post.updated ? { updated: post.updated } : {}),
    inReplyTo: null,
    to: [PUBLIC],
    cc: [urls.followers],
    tag: post.tags.map((t) => ({ type: "Hashtag", href: `${site.origin}/tags/${encodeURIComponent(t)}`, name: `#${t}` })),
    attachment: post.image
      ? [
          {
            type: "Image",
            mediaType: mediaTypeOf(post.image.url),
            url: new URL(post.image.url, site.origin).href,
            name: post.image.alt,
            width: post.image.width,
            height: post.image.height,
          },
        ]
      : [],
  };
}

const mediaTypeOf = (url: string) =>
  ({ png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", webp: "image/webp", avif: "image/avif", gif: "image/gif" })[
    /\.(\w+)$/.exec(url)?.[1]?.toLowerCase() ?? ""
  ] ?? "image/jpeg";

/** The Article as a document of its own (fetched at the post's URL). */
export const articleDocument = (site: SiteConfig, post: Post) => ({ "@context": CONTEXT, ...articleObject(site, post) });

/** A Create, Update or Delete of a post, for its followers. `id` comes from delivery-plan.ts activityId. */
export function postActivity(
  site: SiteConfig,
  kind: "Create" | "Update" | "Delete",
  id: string,
  post: Post | (PostMeta & { html?: string }) | { slug: string },
): Record<string, unknown> {
  const urls = actorUrls(site.origin);
  const object =
    kind === "Delete" ? { id: postUrl(site.origin, post.slug), type: "Tombstone" } : articleObject(site, post as Post);
  return {
    "@context": CONTEXT,
    id,
    type: kind,
    actor: urls.id,
    ...(kind === "Create" && "date" in post ? { published: post.date } : {}),
    to: [PUBLIC],
    cc: [urls.followers],
    object,
  };
}

/** The Accept a Follow is answered with. */
export function acceptActivity(site: SiteConfig, follow: { id: string; actor: string }, id: string): Record<string, unknown> {
  const urls = actorUrls(site.origin);
  return {
    "@context": CONTEXT,
    id,
    type: "Accept",
    actor: urls.id,
    object: { id: follow.id, type: "Follow", actor: follow.actor, object: urls.id },
  };
}

export const OUTBOX_PAGE = 20;

/** The outbox: how many posts, and where its pages are. */
export function outboxDocument(site: SiteConfig, total: number): Record<string, unknown> {
  const { outbox } = actorUrls(site.origin);
  const last = Math.max(1, Math.ceil(total / OUTBOX_PAGE));
  return {
    "@context": CONTEXT,
    id: outbox,
    type: "OrderedCollection",
    totalItems: total,
    first: `${outbox}?page=1`,
    last: `${outbox}?page=${last}`,
  };
}

/** One page of the outbox: each post's Create, newest first. */
export function outboxPage(
  site: SiteConfig,
  posts: readonly PostMeta[],
  page: number,
  total: number,
  activityIdOf: (post: PostMeta) => string,
): Record<string, unknown> {
  const { outbox } = actorUrls(site.origin);
  const last = Math.max(1, Math.ceil(total / OUTBOX_PAGE));
  return {
    "@context": CONTEXT,
    id: `${outbox}?page=${page}`,
    type: "OrderedCollectionPage",
    partOf: outbox,
    totalItems: total,
    ...(page > 1 ? { prev: `${outbox}?page=${page - 1}` } : {}),
    ...(page < last ? { next: `${outbox}?page=${page + 1}` } : {}),
    orderedItems: posts.map((p) => {
      const { "@context": _, ...activity } = postActivity(site, "Create", activityIdOf(p), p);
      return activity;
    }),
  };
}

/** A collection told only by its size (followers: who follows whom is the followers' business). */
export function countedCollection(id: string, total: number): Record<string, unknown> {
  return { "@context": CONTEXT, id, type: "OrderedCollection", totalItems: total, orderedItems: [] };
}

/** WebFinger (RFC 7033) for the blog's account. */
export function webfingerDocument(site: SiteConfig, fediverse: Fediverse): Record<string, unknown> {
  const urls = actorUrls(site.origin);
  return {
    subject: `acct:${fediverse.handle}@${new URL(site.origin).host}`,
    aliases: [urls.id, `${site.origin}/`],
    links: [
      { rel: "self", type: ACTIVITY_JSON, href: urls.id },
      { rel: "http://webfinger.net/rel/profile-page", type: "text/html", href: `${site.origin}/` },
    ],
  };
}

export const NODEINFO_SCHEMA = "http://nodeinfo.diaspora.software/ns/schema/2.1";

export const nodeinfoLinks = (origin: string) => ({ links: [{ rel: NODEINFO_SCHEMA, href: `${origin}/nodeinfo/2.1` }] });

/** NodeInfo 2.1: what software this is and how many posts it has. */
export function nodeinfoDocument(site: SiteConfig, posts: number, version: string): Record<string, unknown> {
  return {
    version: "2.1",
    software: { name: "edge-blog", version },
    protocols: ["activitypub"],
    services: { inbound: [], outbound: ["atom1.0"] },
    openRegistrations: false,
    usage: { users: { total: 1, activeMonth: 1, activeHalfyear: 1 }, localPosts: posts },
    metadata: { nodeName: site.title, nodeDescription: site.description },
  };
}
