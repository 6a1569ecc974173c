/**
 * HTTP signatures against a real peer: Fedify (the ActivityPub framework Ghost and Hollo are built
 * on) signs requests in both specifications and our verifier must accept them, and must refuse
 * each way a request can be forged, stale or tampered with; Fedify verifies what we sign.
 * src/worker/federation/signatures.ts is Worker code, but pure WebCrypto, so Node runs it as is.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { generateCryptoKeyPair, signRequest, verifyRequestDetailed } from "@fedify/fedify/sig";
import { signedHeaders, verifyRequest } from "../../src/worker/federation/signatures.ts";

const INBOX = "https://blog.example/inbox";
const KEY_ID = "https://social.example/users/ana#main-key";
const BODY = JSON.stringify({ type: "Follow", actor: "https://social.example/users/ana", object: "https://blog.example/actor" });

const ana = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
const mallory = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
const keys = new Map([[KEY_ID, ana.publicKey]]);
const lookupKey = async (id: string) => keys.get(id);

const post = (body = BODY, headers: Record<string, string> = {}) =>
  new Request(INBOX, { method: "POST", body, headers: { "content-type": "application/activity+json", ...headers } });

async function signed(spec: "draft-cavage-http-signatures-12" | "rfc9421", body = BODY, key = ana.privateKey) {
  return signRequest(post(body), key, new URL(KEY_ID), { spec });
}

/** Our verifier on a request, its body read as the inbox reads it. */
async function verify(request: Request, now = Date.now()) {
  const body = new Uint8Array(await request.clone().arrayBuffer());
  return verifyRequest(request, { body, lookupKey, now });
}

/** The same request with some headers replaced (as an attacker in the middle would). */
function altered(request: Request, changes: Record<string, string | null>, body?: string): Request {
  const headers = new Headers(request.headers);
  for (const [k, v] of Object.entries(changes)) v === null ? headers.delete(k) : headers.set(k, v);
  return new Request(request.url, {
    method: request.method,
    headers,
    body: body ?? request.clone().body,
    duplex: "half",
  } as RequestInit);
}

for (const spec of ["draft-cavage-http-signatures-12", "rfc9421"] as const) {
  const name = spec === "rfc9421" ? "rfc9421" : "draft-cavage";

  test(`${name}: a request Fedify signed is verified, naming its key`, async () => {
    const request = await signed(spec);
    assert.deepEqual(await verify(request), { ok: true, keyId: KEY_ID, spec: name });
  });

  test(`${name}: a changed body is refused (its digest no longer matches)`, async () => {
    const request = altered(await signed(spec), {}, BODY.replace("Follow", "Block"));
    assert.deepEqual(await verify(request), { ok: false, status: 401, reason: "the body does not match its digest" });
  });

  test(`${name}: a body with a recomputed digest but the old signature is refused`, async () => {
    const forged = await signed(spec, BODY.replace("Follow", "Block"), mallory.privateKey);
    const original = await signed(spec);
    // Mallory's body and digest, under Ana's signature headers.
    const request = altered(
      original,
      {
        digest: forged.headers.get("digest"),
        "content-digest": forged.headers.get("content-digest"),
      },
      BODY.replace("Follow", "Block"),
    );
    const result = await verify(request);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.status, 401);
  });

  test(`${name}: signed by another key under Ana's keyId is refused`, async () => {
    const request = await signed(spec, BODY, mallory.privateKey);
    assert.deepEqual(await verify(request), { ok: false, status: 401, reason: "the signature does not match" });
  });

  test(`${name}: a key nobody serves is refused`, async () => {
    const request = await signRequest(post(), ana.privateKey, new URL("https://elsewhere.example/k"), { spec });
    assert.deepEqual(await verify(request), { ok: false, status: 401, reason: "no key answers for https://elsewhere.example/k" });
  });

  test(`${name}: replayed six minutes later, or sent from ten minutes ahead, it is refused`, async () => {
    const request = await signed(spec);
    for (const skew of [6 * 60_000, -10 * 60_000]) {
      assert.deepEqual(await verify(request, Date.now() + skew), {
        ok: false,
        status: 401,
        reason: "the signature is too old or from the future",
      });
    }
    // Within the window it still holds.
    assert.equal((await verify(request, Date.now() + 4 * 60_000)).ok, true);
  });

  test(`${name}: sent to another URL than the one signed, it is refused`, async () => {
    const original = await signed(spec);
    const moved = new Request("https://blog.example/inbox?x=1", {
      method: "POST",
      headers: original.headers,
      body: BODY,
    });
    const result = await verify(moved);
    assert.equal(result.ok, false);
  });
}

test("draft-cavage: a date changed after signing is refused", async () => {
  const request = altered(await signed("draft-cavage-http-signatures-12"), { date: new Date(Date.now() - 1000).toUTCString() });
  assert.deepEqual(await verify(request), { ok: false, status: 401, reason: "the signature does not match" });
});

test("draft-cavage: a signature over too little is refused, however valid", async () => {
  // A valid RSA signature over the date alone proves nothing about the body or the target.
  const date = new Date().toUTCString();
  const sig = new Uint8Array(
    await crypto.subtle.sign("RSASSA-PKCS1-v1_5", ana.privateKey, new TextEncoder().encode(`date: ${date}`)),
  );
  const signature = `keyId="${KEY_ID}",algorithm="rsa-sha256",headers="date",signature="${btoa(String.fromCharCode(...sig))}"`;
  const request = post("", { date, signature, host: "blog.example" });
  assert.deepEqual(await verify(request), {
    ok: false,
    status: 401,
    reason: "the signature does not cover (request-target), host",
  });
});

test("unsigned, unreadable, or with a body and no digest: a clear 4xx each", async () => {
  assert.deepEqual(await verify(post()), { ok: false, status: 401, reason: "the body has no Digest or Content-Digest" });
  assert.deepEqual(await verify(post("")), { ok: false, status: 401, reason: "the request is not signed" });
  assert.deepEqual(await verify(post("", { signature: "keyId=oops" })), {
    ok: false,
    status: 400,
    reason: "the Signature header cannot be read",
  });
  assert.deepEqual(await verify(post("", { signature: "sig1=:AAAA:", "signature-input": "sig1=(" })), {
    ok: false,
    status: 400,
    reason: "the Signature-Input or Signature header cannot be read",
  });
  const hmac = `keyId="${KEY_ID}",algorithm="hmac-sha256",headers="(request-target) host date",signature="AAAA"`;
  assert.deepEqual(await verify(post("", { signature: hmac, date: new Date().toUTCString() })), {
    ok: false,
    status: 401,
    reason: "the algorithm hmac-sha256 is not accepted",
  });
});

test("what we sign, Fedify verifies; what we sign, we verify", async () => {
  const body = new TextEncoder().encode(BODY);
  const headers = await signedHeaders(INBOX, body, { privateKey: ana.privateKey, keyId: KEY_ID }, Date.now());
  assert.deepEqual(Object.keys(headers).sort(), ["date", "digest", "host", "signature"]);
  const request = new Request(INBOX, {
    method: "POST",
    body,
    headers: { ...headers, "content-type": "application/activity+json" },
  });
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", ana.publicKey));
  const pem = `-----BEGIN PUBLIC KEY-----\n${btoa(String.fromCharCode(...spki)).replace(/.{64}/g, "$&\n")}\n-----END PUBLIC KEY-----\n`;
  // Fedify looks the key up as Mastodon serves it: the actor, with its key (no network here).
  const actor = KEY_ID.split("#")[0];
  const documentLoader = async (url: string) => {
    if (url !== KEY_ID && url !== actor) throw new Error(`unexpected fetch of ${url}`);
    return {
      contextUrl: null,
      documentUrl: url,
      document: {
        "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
        id: actor,
        type: "Person",
        publicKey: { id: KEY_ID, owner: actor, publicKeyPem: pem },
      },
    };
  };
  const result = await verifyRequestDetailed(request.clone(), { documentLoader, spec: "draft-cavage-http-signatures-12" });
  assert.deepEqual([result.verified, result.verified && result.key.id?.href], [true, KEY_ID], JSON.stringify(result));
  assert.deepEqual(await verify(request), { ok: true, keyId: KEY_ID, spec: "draft-cavage" });
});
