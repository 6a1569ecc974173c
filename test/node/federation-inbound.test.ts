/**
 * The inbox's reading of activities (src/worker/federation/inbound.ts): what each kind asks of
 * the blog, in the shapes Mastodon sends them, and every way one actor could try to act for
 * another or reach outside the blog.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { type InboxContext, readActivity } from "../../src/worker/federation/inbound.ts";

const ANA = "https://social.example/users/ana";
const POST = "https://blog.example/posts/hello";
const ctx: InboxContext = {
  actorId: "https://blog.example/actor",
  origin: "https://blog.example",
  signer: ANA,
  postAt: (url) => (url === POST ? "hello" : undefined),
};
const id = (n: string) => `https://social.example/${n}`;
const reply = (extra: Record<string, unknown> = {}) => ({
  id: id("users/ana/statuses/1"),
  type: "Note",
  attributedTo: ANA,
  inReplyTo: POST,
  content: "<p>Lovely post!</p>",
  published: "2026-12-05T10:00:00Z",
  url: "https://social.example/@ana/1",
  ...extra,
});

test("a follow of the blog, and its undoing (embedded, as Mastodon sends it)", () => {
  const follow = { id: id("f1"), type: "Follow", actor: ANA, object: ctx.actorId };
  assert.deepEqual(readActivity({ "@context": "https://www.w3.org/ns/activitystreams", ...follow }, ctx), {
    kind: "follow",
    id: id("f1"),
    actor: ANA,
  });
  assert.deepEqual(readActivity({ id: id("u1"), type: "Undo", actor: ANA, object: follow }, ctx), {
    kind: "unfollow",
    id: id("u1"),
    actor: ANA,
  });
  // By id alone: the handler looks the follow (or like, or boost) up.
  assert.deepEqual(readActivity({ id: id("u2"), type: "Undo", actor: { id: ANA }, object: id("f1") }, ctx), {
    kind: "undo",
    id: id("u2"),
    actor: ANA,
    object: id("f1"),
  });
  assert.deepEqual(readActivity({ ...follow, object: "https://other.example/users/x" }, ctx), {
    kind: "ignored",
    id: id("f1"),
    reason: "a follow of someone else",
  });
});

test("likes and boosts of a post here count; of anything else, nothing happens", () => {
  assert.deepEqual(readActivity({ id: id("l1"), type: "Like", actor: ANA, object: POST }, ctx), {
    kind: "like",
    id: id("l1"),
    actor: ANA,
    post: "hello",
  });
  assert.deepEqual(readActivity({ id: id("b1"), type: "Announce", actor: ANA, object: { id: POST, type: "Article" } }, ctx), {
    kind: "boost",
    id: id("b1"),
    actor: ANA,
    post: "hello",
  });
  assert.deepEqual(readActivity({ id: id("l2"), type: "Like", actor: ANA, object: "https://blog.example/posts/nope" }, ctx), {
    kind: "ignored",
    id: id("l2"),
    reason: "about something that is not a post here",
  });
});

test("a reply to a post is kept with its text; an edit and a delete follow it", () => {
  const note = {
    id: id("users/ana/statuses/1"),
    url: "https://social.example/@ana/1",
    contentHtml: "<p>Lovely post!</p>",
    published: "2026-12-05T10:00:00Z",
    actor: ANA,
  };
  assert.deepEqual(readActivity({ id: id("c1"), type: "Create", actor: ANA, object: reply() }, ctx), {
    kind: "reply",
    id: id("c1"),
    actor: ANA,
    post: "hello",
    note,
  });
  assert.deepEqual(readActivity({ id: id("e1"), type: "Update", actor: ANA, object: reply({ content: "<p>Edited</p>" }) }, ctx), {
    kind: "edit",
    id: id("e1"),
    actor: ANA,
    note: { ...note, contentHtml: "<p>Edited</p>" },
  });
  assert.deepEqual(readActivity({ id: id("d1"), type: "Delete", actor: ANA, object: { id: note.id, type: "Tombstone" } }, ctx), {
    kind: "delete",
    id: id("d1"),
    actor: ANA,
    object: note.id,
  });
  // A note that is not a reply to a post here is none of the blog's business.
  assert.deepEqual(readActivity({ id: id("c2"), type: "Create", actor: ANA, object: reply({ inReplyTo: null }) }, ctx), {
    kind: "ignored",
    id: id("c2"),
    reason: "not a reply to a post here",
  });
});

test("nobody acts for another: actor, ids and objects must be the signer's own", () => {
  const mallory = { ...ctx, signer: "https://evil.example/users/mallory" };
  assert.deepEqual(readActivity({ id: id("f1"), type: "Follow", actor: ANA, object: ctx.actorId }, mallory), {
    refused: "the activity's actor did not sign it",
    status: 403,
  });
  // Ana's signature on an activity whose id lives elsewhere.
  assert.deepEqual(readActivity({ id: "https://evil.example/f", type: "Follow", actor: ANA, object: ctx.actorId }, ctx), {
    refused: "the activity is not on the actor's server",
    status: 403,
  });
  // A reply put in Ana's mouth by a note from another server, or attributed to someone else.
  assert.deepEqual(
    readActivity({ id: id("c3"), type: "Create", actor: ANA, object: reply({ id: "https://evil.example/n" }) }, ctx),
    {
      refused: "the note is not on the actor's server",
      status: 403,
    },
  );
  assert.deepEqual(
    readActivity(
      { id: id("c4"), type: "Create", actor: ANA, object: reply({ attributedTo: "https://social.example/users/bob" }) },
      ctx,
    ),
    { refused: "the note is attributed to someone else", status: 403 },
  );
  // Deleting or undoing what lives on another server.
  assert.deepEqual(readActivity({ id: id("d2"), type: "Delete", actor: ANA, object: "https://other.example/notes/9" }, ctx), {
    refused: "the deleted object is not the actor's",
    status: 403,
  });
  assert.deepEqual(readActivity({ id: id("u3"), type: "Undo", actor: ANA, object: "https://other.example/likes/9" }, ctx), {
    refused: "the undone activity is not the actor's",
    status: 403,
  });
  assert.deepEqual(
    readActivity(
      {
        id: id("u4"),
        type: "Undo",
        actor: ANA,
        object: { id: id("f9"), type: "Follow", actor: "https://social.example/users/bob" },
      },
      ctx,
    ),
    { refused: "the undone follow is someone else's", status: 403 },
  );
  // A note by reference only is not fetched on the sender's word.
  assert.deepEqual(readActivity({ id: id("c5"), type: "Create", actor: ANA, object: id("users/ana/statuses/1") }, ctx), {
    refused: "the object must be embedded: a note is not fetched on the signer's word",
    status: 400,
  });
});

test("what cannot be read is a 400; what the blog has no use for is accepted and ignored", () => {
  for (const [body, reason] of [
    [[], "the body is not a JSON object"],
    [{ type: "Follow", actor: ANA }, "the activity has no id"],
    [{ id: "urn:x", type: "Follow", actor: ANA }, "the activity has no id"],
    [{ id: id("x"), type: "Follow" }, "the activity has no actor"],
    [{ id: id("x"), type: "Delete", actor: ANA }, "the Delete has no object"],
    [{ id: id("x"), type: "Create", actor: ANA, object: reply({ content: 5 }) }, "the note has no content"],
    [
      { id: id("x"), type: "Create", actor: ANA, object: reply({ content: "x".repeat(20_001) }) },
      "the note's content is over 20000 characters",
    ],
  ] as const)
    assert.deepEqual(readActivity(body, ctx), { refused: reason, status: 400 }, reason);
  assert.deepEqual(readActivity({ id: id("q"), type: "Question", actor: ANA }, ctx), {
    kind: "ignored",
    id: id("q"),
    reason: "a Question activity",
  });
});
