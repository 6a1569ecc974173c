import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { importPublicKeyPem } from "../../src/worker/federation/remote-key.ts";
import { signedHeaders, verifyRequest } from "../../src/worker/federation/signatures.ts";
import { db, freshWorker, ORIGIN } from "./helpers.ts";

/**
 * The inbox and delivery (issue 26 §2), end to end through the real Worker: a Mastodon account
 * on social.example (served by a stand-in for fetch, since nothing leaves the machine) follows
 * the blog, gets its Accept, replies, and hears of a scheduled post the minute it goes live.
 * Every refusal changes nothing.
 */

const ANA = "https://social.example/users/ana";
const KEY_ID = `${ANA}#main-key`;
const ana = (await crypto.subtle.generateKey(
  { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
  true,
  ["sign", "verify"],
)) as CryptoKeyPair;
const spki = new Uint8Array((await crypto.subtle.exportKey("spki", ana.publicKey)) as ArrayBuffer);
const pem = `-----BEGIN PUBLIC KEY-----\n${btoa(String.fromCharCode(...spki))}\n-----END PUBLIC KEY-----\n`;

/** What social.example received: each POST to an inbox. */
let received: { url: string; headers: Headers; body: string }[] = [];
let fetched: string[] = [];

beforeEach(() => {
  received = [];
  fetched = [];
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (request.method === "POST") {
      // Bytes, decoded: workerd warns when .text() reads a body whose type is not text (a webmention's form).
      received.push({ url: request.url, headers: request.headers, body: new TextDecoder().decode(await request.arrayBuffer()) });
      return new Response(null, { status: 202 });
    }
    fetched.push(request.url);
    if (request.url === "https://other.example/page")
      return new Response('<html><head><link rel="webmention" href="/wm"></head><body>A page.</body></html>', {
        headers: { "content-type": "text/html" },
      });
    if (request.url === ANA)
      return Response.json({
        id: ANA,
        type: "Person",
        preferredUsername: "ana",
        name: "Ana",
        url: "https://social.example/@ana",
        inbox: `${ANA}/inbox`,
        endpoints: { sharedInbox: "https://social.example/inbox" },
        publicKey: { id: KEY_ID, owner: ANA, publicKeyPem: pem },
      });
    return new Response("not found", { status: 404 });
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  await db().batch(
    ["followers", "seen", "remote_keys", "deliveries", "interactions", "announced", "failing"].map((t) =>
      db().prepare(`DELETE FROM ${t}`),
    ),
  );
});

let n = 0;
const activityId = () => `https://social.example/activities/${++n}`;

/** A POST to the blog's inbox, signed by Ana as Mastodon signs (draft-cavage). */
async function signed(activity: Record<string, unknown>, key = ana.privateKey, keyId = KEY_ID) {
  const body = new TextEncoder().encode(JSON.stringify(activity));
  const headers = await signedHeaders(`${ORIGIN}/inbox`, body, { privateKey: key, keyId }, Date.now());
  return { method: "POST", body, headers: { ...headers, "content-type": "application/activity+json" } };
}

const follow = () => ({ id: activityId(), type: "Follow", actor: ANA, object: `${ORIGIN}/actor` });

describe("a follow", () => {
  it("is kept, counted, and answered with an Accept signed by the blog's key", async () => {
    const worker = await freshWorker();
    const activity = follow();
    const res = await worker.fetch("/inbox", await signed(activity));
    expect([res.status, await res.text()]).toEqual([202, ""]);
    await worker.settle();
    const rows = (await db().prepare("SELECT actor, inbox, shared_inbox, follow_id FROM followers").all()).results;
    expect(rows).toEqual([
      { actor: ANA, inbox: `${ANA}/inbox`, shared_inbox: "https://social.example/inbox", follow_id: activity.id },
    ]);
    expect(((await (await worker.fetch("/followers")).json()) as { totalItems: number }).totalItems).toBe(1);
    // The Accept went to Ana's inbox, and verifies against the key the actor document publishes.
    expect(received.map((r) => r.url)).toEqual([`${ANA}/inbox`]);
    const accept = JSON.parse(received[0]?.body ?? "{}");
    expect(accept).toMatchObject({
      type: "Accept",
      actor: `${ORIGIN}/actor`,
      object: { id: activity.id, type: "Follow", actor: ANA },
    });
    const actor = (await (await worker.fetch("/actor")).json()) as { publicKey: { publicKeyPem: string } };
    const blogKey = await importPublicKeyPem(actor.publicKey.publicKeyPem);
    const sent = received[0] as { url: string; headers: Headers; body: string };
    const verified = await verifyRequest(new Request(sent.url, { method: "POST", headers: sent.headers, body: sent.body }), {
      body: new TextEncoder().encode(sent.body),
      lookupKey: async (id) => (id === `${ORIGIN}/actor#main-key` ? blogKey : undefined),
      now: Date.now(),
    });
    expect(verified).toEqual({ ok: true, keyId: `${ORIGIN}/actor#main-key`, spec: "draft-cavage" });
  });

  it("sent twice (a replay) changes nothing the second time: 409", async () => {
    const worker = await freshWorker();
    const init = await signed(follow());
    expect((await worker.fetch("/inbox", init)).status).toBe(202);
    const again = await worker.fetch("/inbox", init);
    expect([again.status, ((await again.json()) as { detail: string }).detail]).toEqual([
      409,
      "this activity was received before",
    ]);
    await worker.settle();
    expect(received).toHaveLength(1);
  });

  it("undone, the follower is gone", async () => {
    const worker = await freshWorker();
    const activity = follow();
    await worker.fetch("/inbox", await signed(activity));
    await worker.fetch("/inbox", await signed({ id: activityId(), type: "Undo", actor: ANA, object: activity }));
    await worker.settle();
    expect((await db().prepare("SELECT COUNT(*) AS n FROM followers").first<{ n: number }>())?.n).toBe(0);
  });
});

describe("what the inbox refuses, changing nothing", () => {
  const nothingStored = async () => {
    expect(
      (await db().prepare("SELECT (SELECT COUNT(*) FROM followers) + (SELECT COUNT(*) FROM seen) AS n").first<{ n: number }>())
        ?.n,
    ).toBe(0);
  };

  it("unsigned, badly signed, tampered with, or signed by a key its actor does not own", async () => {
    const worker = await freshWorker();
    const body = JSON.stringify(follow());
    const unsigned = await worker.fetch("/inbox", {
      method: "POST",
      body,
      headers: { "content-type": "application/activity+json" },
    });
    expect([unsigned.status, ((await unsigned.json()) as { detail: string }).detail]).toEqual([
      401,
      "the body has no Digest or Content-Digest",
    ]);

    const mallory = (await crypto.subtle.generateKey(
      { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
      true,
      ["sign", "verify"],
    )) as CryptoKeyPair;
    const forged = await worker.fetch("/inbox", await signed(follow(), mallory.privateKey));
    expect([forged.status, ((await forged.json()) as { detail: string }).detail]).toEqual([401, "the signature does not match"]);

    const init = await signed(follow());
    const tampered = await worker.fetch("/inbox", { ...init, body: JSON.stringify({ ...follow(), type: "Block" }) });
    expect(tampered.status).toBe(401);

    // Ana's key, speaking for Bob.
    const bob = await worker.fetch("/inbox", await signed({ ...follow(), actor: "https://social.example/users/bob" }));
    expect([bob.status, ((await bob.json()) as { detail: string }).detail]).toEqual([
      403,
      "the activity's actor did not sign it",
    ]);
    await nothingStored();
  });

  it("too big (413), not JSON (400), not an activity type (415), or signed ten minutes ago (401)", async () => {
    const worker = await freshWorker();
    const big = await worker.fetch("/inbox", await signed({ ...follow(), padding: "x".repeat(300_000) }));
    expect(big.status).toBe(413);
    const text = await signed(follow());
    const wrongType = await worker.fetch("/inbox", { ...text, headers: { ...text.headers, "content-type": "text/plain" } });
    expect(wrongType.status).toBe(415);
    const notJson = new TextEncoder().encode("{not json");
    const h = await signedHeaders(`${ORIGIN}/inbox`, notJson, { privateKey: ana.privateKey, keyId: KEY_ID }, Date.now());
    const bad = await worker.fetch("/inbox", {
      method: "POST",
      body: notJson,
      headers: { ...h, "content-type": "application/activity+json" },
    });
    expect([bad.status, ((await bad.json()) as { detail: string }).detail]).toEqual([400, "the body is not JSON"]);
    const oldBody = new TextEncoder().encode(JSON.stringify(follow()));
    const old = await signedHeaders(
      `${ORIGIN}/inbox`,
      oldBody,
      { privateKey: ana.privateKey, keyId: KEY_ID },
      Date.now() - 10 * 60_000,
    );
    const stale = await worker.fetch("/inbox", {
      method: "POST",
      body: oldBody,
      headers: { ...old, "content-type": "application/activity+json" },
    });
    expect([stale.status, ((await stale.json()) as { detail: string }).detail]).toEqual([
      401,
      "the signature is too old or from the future",
    ]);
    await nothingStored();
  });
});

describe("replies and reactions", () => {
  it("a follower's reply is approved (moderation: followers), its HTML rebuilt; a stranger's waits", async () => {
    const worker = await freshWorker();
    await worker.fetch("/inbox", await signed(follow()));
    const note = {
      id: "https://social.example/users/ana/statuses/1",
      type: "Note",
      attributedTo: ANA,
      inReplyTo: `${ORIGIN}/posts/hello`,
      content: '<p>Lovely!<script>alert(1)</script> <a href="https://x.example/" class="u-url">link</a></p>',
      published: "2026-12-05T10:00:00Z",
      url: "https://social.example/@ana/1",
    };
    const res = await worker.fetch("/inbox", await signed({ id: activityId(), type: "Create", actor: ANA, object: note }));
    expect(res.status).toBe(202);
    await worker.fetch("/inbox", await signed({ id: activityId(), type: "Like", actor: ANA, object: `${ORIGIN}/posts/hello` }));
    await worker.settle();
    const rows = (
      await db()
        .prepare("SELECT id, post_slug, kind, author_name, author_url, url, content_html, status FROM interactions ORDER BY kind")
        .all()
    ).results;
    expect(rows).toEqual([
      {
        id: expect.stringMatching(/^https:\/\/social\.example\/activities\//),
        post_slug: "hello",
        kind: "like",
        author_name: "",
        author_url: "",
        url: "",
        content_html: "",
        status: "approved",
      },
      {
        id: note.id,
        post_slug: "hello",
        kind: "reply",
        author_name: "Ana",
        author_url: "https://social.example/@ana",
        url: "https://social.example/@ana/1",
        content_html: '<p>Lovely! <a href="https://x.example/" rel="nofollow ugc noopener">link</a></p>',
        status: "approved",
      },
    ]);
    // Deleted by its author, it is gone.
    await worker.fetch(
      "/inbox",
      await signed({ id: activityId(), type: "Delete", actor: ANA, object: { id: note.id, type: "Tombstone" } }),
    );
    expect((await db().prepare("SELECT COUNT(*) AS n FROM interactions WHERE kind = 'reply'").first<{ n: number }>())?.n).toBe(0);
  });
});

describe("delivery", () => {
  it("turning on sends nothing; a scheduled post goes to followers the minute it is live, once", async () => {
    const worker = await freshWorker();
    await worker.fetch("/inbox", await signed(follow()));
    await worker.settle();
    await worker.scheduled(); // the baseline: the two published posts, announced to nobody
    received = [];
    await worker.scheduled();
    expect(received).toEqual([]);

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-01-01T09:00:30Z"));
    const live = await freshWorker();
    await live.scheduled();
    const activities = received.filter((r) => r.headers.get("content-type") === "application/activity+json");
    expect(activities.map((r) => [r.url, JSON.parse(r.body).type, JSON.parse(r.body).object.id])).toEqual([
      ["https://social.example/inbox", "Create", `${ORIGIN}/posts/later`],
    ]);
    // And the page it links to is told, at the endpoint that page names (Webmention).
    expect(received.filter((r) => r.url === "https://other.example/wm").map((r) => r.body)).toEqual([
      new URLSearchParams({ source: `${ORIGIN}/posts/later`, target: "https://other.example/page" }).toString(),
    ]);
    // The next minute, nothing new.
    received = [];
    vi.setSystemTime(new Date("2030-01-01T09:01:30Z"));
    await live.scheduled();
    expect(received).toEqual([]);
  });
});
