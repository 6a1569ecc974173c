/**
 * What an activity posted to the inbox asks of the blog, decided from its JSON alone: the pure
 * core of the inbox. The handler has already verified the signature (signatures.ts) and knows
 * whose key signed; this decides whether the activity may speak for that actor, whether it is
 * about this blog, and what it means, so the handler only has to store the answer.
 *
 * Only a signer may act for itself: the activity's actor must be the key's owner, and what it
 * creates, updates or deletes must live on the actor's own server. Anything else is refused,
 * so nobody can follow, reply or delete in another's name. Activities the blog has no use for
 * (a Question, an Add to someone's collection) are accepted and ignored, as servers expect.
 */

export interface InboxContext {
  /** The blog's actor id (what a Follow must follow). */
  actorId: string;
  /** The blog's origin: post URLs are `<origin>/posts/<slug>`. */
  origin: string;
  /** The owner of the key that signed the request (remote-key.ts). */
  signer: string;
  /** The slug of a published post at this URL, if any. */
  postAt(url: string): string | undefined;
}

/** A remote note: a reply to a post, or its new text. Its HTML is sanitised before it is stored. */
export interface RemoteNote {
  id: string;
  url: string;
  contentHtml: string;
  published: string;
  /** The note's actor (the activity's, which is the signer). */
  actor: string;
}

export type Inbound =
  | { kind: "follow"; id: string; actor: string }
  | { kind: "unfollow"; id: string; actor: string }
  | { kind: "like" | "boost"; id: string; actor: string; post: string }
  /** An activity taken back by its id alone (a like, a boost, or a follow not embedded). */
  | { kind: "undo"; id: string; actor: string; object: string }
  | { kind: "reply"; id: string; actor: string; post: string; note: RemoteNote }
  | { kind: "edit"; id: string; actor: string; note: RemoteNote }
  /** The object deleted, or the actor itself (an account deleted). */
  | { kind: "delete"; id: string; actor: string; object: string }
  | { kind: "ignored"; id: string; reason: string };

/** 400: the activity cannot be read; 403: it can, and may not do what it asks. */
export type Refusal = { refused: string; status: 400 | 403 };

const MAX_CONTENT = 20_000;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
/** An id: the string itself, or an embedded object's `id`. */
const idOf = (v: unknown): string | undefined =>
  typeof v === "string" ? v : isObject(v) && typeof v.id === "string" ? v.id : undefined;
const originOf = (url: string): string | undefined => {
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.origin : undefined;
  } catch {
    return undefined;
  }
};
const typeIs = (v: Json, type: string) => v.type === type || (Array.isArray(v.type) && v.type.includes(type));

const refuse = (refused: string, status: 400 | 403 = 400): Refusal => ({ refused, status });

/** A Note in a Create or Update, checked to be the actor's own. */
function note(object: unknown, actor: string): RemoteNote | Refusal {
  if (!isObject(object)) return refuse("the object must be embedded: a note is not fetched on the signer's word");
  const id = idOf(object);
  if (!id || originOf(id) === undefined) return refuse("the note has no id");
  if (originOf(id) !== originOf(actor)) return refuse("the note is not on the actor's server", 403);
  const author = idOf(object.attributedTo);
  if (author !== undefined && author !== actor) return refuse("the note is attributed to someone else", 403);
  if (typeof object.content !== "string") return refuse("the note has no content");
  if (object.content.length > MAX_CONTENT) return refuse(`the note's content is over ${MAX_CONTENT} characters`);
  const published = typeof object.published === "string" && !Number.isNaN(Date.parse(object.published)) ? object.published : "";
  const url = typeof object.url === "string" && originOf(object.url) === originOf(actor) ? object.url : id;
  return { id, url, contentHtml: object.content, published, actor };
}

/** What `activity` asks of the blog, or why it is refused. */
export function readActivity(activity: unknown, ctx: InboxContext): Inbound | Refusal {
  if (!isObject(activity)) return refuse("the body is not a JSON object");
  const id = idOf(activity);
  const actor = idOf(activity.actor);
  if (!id || originOf(id) === undefined) return refuse("the activity has no id");
  if (!actor || originOf(actor) === undefined) return refuse("the activity has no actor");
  if (actor !== ctx.signer) return refuse("the activity's actor did not sign it", 403);
  if (originOf(id) !== originOf(actor)) return refuse("the activity is not on the actor's server", 403);
  const object = activity.object;
  const objectId = idOf(object);

  if (typeIs(activity, "Follow")) {
    if (objectId !== ctx.actorId) return { kind: "ignored", id, reason: "a follow of someone else" };
    return { kind: "follow", id, actor };
  }
  if (typeIs(activity, "Like") || typeIs(activity, "Announce")) {
    const post = objectId ? ctx.postAt(objectId) : undefined;
    if (!post) return { kind: "ignored", id, reason: "about something that is not a post here" };
    return { kind: typeIs(activity, "Like") ? "like" : "boost", id, actor, post };
  }
  if (typeIs(activity, "Undo")) {
    if (!objectId) return refuse("the Undo has no object");
    if (originOf(objectId) !== originOf(actor)) return refuse("the undone activity is not the actor's", 403);
    if (isObject(object) && typeIs(object, "Follow")) {
      if (idOf(object.actor) !== undefined && idOf(object.actor) !== actor)
        return refuse("the undone follow is someone else's", 403);
      return { kind: "unfollow", id, actor };
    }
    // A like, a boost (or a follow, by some servers) is undone by its id; an unknown id changes nothing.
    return { kind: "undo", id, actor, object: objectId };
  }
  if (typeIs(activity, "Create")) {
    const n = note(object, actor);
    if ("refused" in n) return n;
    const post = isObject(object) ? ctx.postAt(idOf(object.inReplyTo) ?? "") : undefined;
    if (!post) return { kind: "ignored", id, reason: "not a reply to a post here" };
    return { kind: "reply", id, actor, post, note: n };
  }
  if (typeIs(activity, "Update")) {
    if (isObject(object) && typeIs(object, "Note")) {
      const n = note(object, actor);
      if ("refused" in n) return n;
      return { kind: "edit", id, actor, note: n };
    }
    return { kind: "ignored", id, reason: "an update of something the blog does not keep" };
  }
  if (typeIs(activity, "Delete")) {
    if (!objectId) return refuse("the Delete has no object");
    if (originOf(objectId) !== originOf(actor)) return refuse("the deleted object is not the actor's", 403);
    return { kind: "delete", id, actor, object: objectId };
  }
  return { kind: "ignored", id, reason: `a ${String(activity.type)} activity` };
}
