/**
 * Fetching a signer's key: only public https hosts (SSRF), bounded in time, size and redirects,
 * and only a document that holds exactly that key for that owner. The fetches go to a real
 * server on 127.0.0.1 (allowed by the loopback setting, as in development) or to a fetch that
 * records what it was asked, so nothing leaves the machine.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { fetchRemoteKey, importPublicKeyPem } from "../../src/worker/federation/remote-key.ts";
import { checkFetchable } from "../../src/worker/federation/ssrf.ts";

test("only https to a public host may be fetched; loopback only when the setting allows it", () => {
  const refused = (url: string, allowLoopback = false) => {
    const r = checkFetchable(url, { allowLoopback });
    return "refused" in r ? r.refused : "fetchable";
  };
  for (const url of ["https://mastodon.social/users/ana", "https://93.184.215.14/x", "https://[2a00:1450:4001:80b::200e]/x"])
    assert.equal(refused(url), "fetchable", url);
  const cases: [string, string][] = [
    ["http://mastodon.social/users/ana", "http://mastodon.social/users/ana is not https"],
    ["https://mastodon.social:8443/x", "https://mastodon.social:8443/x is not on the https port"],
    ["https://user:pw@mastodon.social/x", "https://mastodon.social carries credentials"],
    ["https://127.0.0.1/x", "127.0.0.1 is not a public host"],
    // Other spellings of loopback, normalised by the URL parser before the check.
    ["https://0x7f.1/x", "127.0.0.1 is not a public host"],
    ["https://2130706433/x", "127.0.0.1 is not a public host"],
    ["https://10.1.2.3/x", "10.1.2.3 is not a public host"],
    ["https://172.20.0.1/x", "172.20.0.1 is not a public host"],
    ["https://192.168.1.1/x", "192.168.1.1 is not a public host"],
    ["https://169.254.169.254/latest/meta-data", "169.254.169.254 is not a public host"],
    ["https://100.64.0.1/x", "100.64.0.1 is not a public host"],
    ["https://0.0.0.0/x", "0.0.0.0 is not a public host"],
    ["https://[::1]/x", "[::1] is not a public host"],
    ["https://[::ffff:10.0.0.1]/x", "[::ffff:a00:1] is not a public host"],
    ["https://[fd00::1]/x", "[fd00::1] is not a public host"],
    ["https://[fe80::1]/x", "[fe80::1] is not a public host"],
    ["https://localhost/x", "localhost is not a public host"],
    ["https://printer.local/x", "printer.local is not a public host"],
    ["https://db.internal/x", "db.internal is not a public host"],
    ["https://intranet/x", "intranet is not a public host"],
    ["not a url", "not a url is not a URL"],
  ];
  for (const [url, reason] of cases) assert.equal(refused(url), reason, url);
  assert.equal(refused("http://127.0.0.1:8787/actor", true), "fetchable");
  assert.equal(refused("http://localhost:8787/actor", true), "fetchable");
  // The setting opens loopback, nothing else.
  assert.equal(refused("http://10.0.0.1/x", true), "http://10.0.0.1/x is not https");
});

const pair = await crypto.subtle.generateKey(
  { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
  true,
  ["sign", "verify"],
);
const spki = new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey));
const pem = (der: Uint8Array, label: string) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n")}\n-----END ${label}-----\n`;

let server: Server;
let base = "";
/** What each path answers; set per test. */
const routes = new Map<string, (res: import("node:http").ServerResponse) => void>();
before(async () => {
  server = createServer((req, res) => {
    const route = routes.get(req.url ?? "");
    if (route) route(res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const actorDoc = (id: string, keyId: string, publicKeyPem = pem(spki, "PUBLIC KEY"), owner = id) =>
  JSON.stringify({ id, type: "Person", publicKey: { id: keyId, owner, publicKeyPem } });
const json = (body: string) => (res: import("node:http").ServerResponse) =>
  res.writeHead(200, { "content-type": "application/activity+json" }).end(body);

test("the key in its actor's document is found, imported and its owner named", async () => {
  const actor = `${base}/users/ana`;
  routes.set("/users/ana", json(actorDoc(actor, `${actor}#main-key`)));
  const got = await fetchRemoteKey(`${actor}#main-key`, { allowLoopback: true });
  assert.ok("key" in got, JSON.stringify(got));
  assert.equal(got.owner, actor);
  // It is the key: it verifies what the private half signed.
  const data = new TextEncoder().encode("x");
  const sig = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", pair.privateKey, data);
  assert.equal(await crypto.subtle.verify("RSASSA-PKCS1-v1_5", got.key, sig, data), true);
});

test("a PKCS#1 key (BEGIN RSA PUBLIC KEY) is read too", async () => {
  // The SPKI's last element is the PKCS#1 key: a BIT STRING after the 24-byte header of a 2048-bit key.
  const pkcs1 = spki.slice(24);
  const key = await importPublicKeyPem(pem(pkcs1, "RSA PUBLIC KEY"));
  assert.ok(key);
  const data = new TextEncoder().encode("y");
  const sig = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", pair.privateKey, data);
  assert.equal(await crypto.subtle.verify("RSASSA-PKCS1-v1_5", key, sig, data), true);
});

test("without the loopback setting, a loopback keyId is never fetched", async () => {
  let asked = 0;
  routes.set("/users/ana", () => asked++);
  const got = await fetchRemoteKey(`${base}/users/ana#main-key`);
  assert.deepEqual(got, { refused: `${base}/users/ana is not https` });
  assert.equal(asked, 0);
});

test("a server that never answers is given up on at the timeout", async () => {
  routes.set("/slow", () => {}); // holds the connection open, answering nothing
  // The server never answers, so this result can only come from the timeout.
  const got = await fetchRemoteKey(`${base}/slow#k`, { allowLoopback: true, timeoutMs: 300 });
  assert.deepEqual(got, { refused: `${base}/slow#k: no answer in time` });
});

test("a document over the cap is refused, declared or streamed", async () => {
  const big = actorDoc(`${base}/big`, `${base}/big#k`).replace('"type"', `"padding":"${"x".repeat(100_000)}","type"`);
  routes.set("/big", json(big));
  assert.deepEqual(await fetchRemoteKey(`${base}/big#k`, { allowLoopback: true, maxBytes: 65536 }), {
    refused: `${base}/big#k: the document is over 65536 bytes`,
  });
  // Without a Content-Length: chunked, counted as it arrives.
  routes.set("/big", (res) => {
    res.writeHead(200, { "content-type": "application/activity+json" });
    res.write(big.slice(0, 50_000));
    res.end(big.slice(50_000));
  });
  assert.deepEqual(await fetchRemoteKey(`${base}/big#k`, { allowLoopback: true, maxBytes: 65536 }), {
    refused: `${base}/big#k: the document is over 65536 bytes`,
  });
});

test("a redirect is followed only to a fetchable URL, and only a few times", async () => {
  routes.set("/moved", (res) => res.writeHead(302, { location: "http://10.0.0.1/users/ana" }).end());
  assert.deepEqual(await fetchRemoteKey(`${base}/moved#k`, { allowLoopback: true }), {
    refused: `${base}/moved#k: http://10.0.0.1/users/ana is not https`,
  });
  routes.set("/loop", (res) => res.writeHead(302, { location: "/loop" }).end());
  assert.deepEqual(await fetchRemoteKey(`${base}/loop#k`, { allowLoopback: true }), {
    refused: `${base}/loop#k: more than 3 redirects`,
  });
});

test("a document that does not hold that key for that owner is refused", async () => {
  const actor = `${base}/users/eve`;
  routes.set("/users/eve", json(actorDoc(actor, `${actor}#other-key`)));
  assert.deepEqual(await fetchRemoteKey(`${actor}#main-key`, { allowLoopback: true }), {
    refused: `${actor}#main-key: the document does not hold that key`,
  });
  // A key that claims another owner than the actor serving it.
  routes.set("/users/eve", json(actorDoc(actor, `${actor}#main-key`, undefined, "https://victim.example/users/bob")));
  assert.deepEqual(await fetchRemoteKey(`${actor}#main-key`, { allowLoopback: true }), {
    refused: `${actor}#main-key: the document does not hold that key`,
  });
  routes.set("/users/eve", json("{not json"));
  assert.deepEqual(await fetchRemoteKey(`${actor}#main-key`, { allowLoopback: true }), {
    refused: `${actor}#main-key: the document is not JSON`,
  });
  routes.set(
    "/users/eve",
    json(actorDoc(actor, `${actor}#main-key`, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")),
  );
  assert.deepEqual(await fetchRemoteKey(`${actor}#main-key`, { allowLoopback: true }), {
    refused: `${actor}#main-key: the key is not an RSA public key`,
  });
  routes.delete("/users/eve");
  assert.deepEqual(await fetchRemoteKey(`${actor}#main-key`, { allowLoopback: true }), {
    refused: `${actor}#main-key: ${actor} answered 404`,
  });
});
