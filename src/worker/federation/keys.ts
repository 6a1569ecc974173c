/**
 * The actor's key pair: RSASSA-PKCS1-v1_5, 2048 bits, SHA-256, what every fediverse server
 * verifies. Created at first use and kept in D1 (`keys`), not in a secret: a secret cannot be
 * written by the Worker, so it would be one more set-up step, and D1 is only readable with the
 * account's credentials. Two isolates racing to create it agree on one: the insert is
 * `OR IGNORE` and both read back the row that won. The private half is never in a response or
 * a log; it is kept as a JWK, imported non-extractable for signing.
 */

export interface ActorKeys {
  publicKeyPem: string;
  privateKey: CryptoKey;
}

const ALGORITHM = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;
let cached: Promise<ActorKeys> | undefined;

const pem = (der: ArrayBuffer) => {
  let s = "";
  for (const b of new Uint8Array(der)) s += String.fromCharCode(b);
  return `-----BEGIN PUBLIC KEY-----\n${btoa(s).replace(/.{64}/g, "$&\n").replace(/\n$/, "")}\n-----END PUBLIC KEY-----\n`;
};

async function load(db: D1Database): Promise<ActorKeys> {
  let row = await db
    .prepare("SELECT public_pem, private_jwk FROM keys WHERE id = 'main'")
    .first<{ public_pem: string; private_jwk: string }>();
  if (!row) {
    const pair = (await crypto.subtle.generateKey(
      { ...ALGORITHM, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
      true,
      ["sign", "verify"],
    )) as CryptoKeyPair;
    const publicPem = pem((await crypto.subtle.exportKey("spki", pair.publicKey)) as ArrayBuffer);
    const privateJwk = JSON.stringify(await crypto.subtle.exportKey("jwk", pair.privateKey));
    await db
      .prepare("INSERT OR IGNORE INTO keys (id, public_pem, private_jwk, created_at) VALUES ('main', ?, ?, ?)")
      .bind(publicPem, privateJwk, Date.now())
      .run();
    row = await db
      .prepare("SELECT public_pem, private_jwk FROM keys WHERE id = 'main'")
      .first<{ public_pem: string; private_jwk: string }>();
    if (!row) throw new Error("the actor's key could not be stored");
  }
  const privateKey = await crypto.subtle.importKey("jwk", JSON.parse(row.private_jwk) as JsonWebKey, ALGORITHM, false, ["sign"]);
  return { publicKeyPem: row.public_pem, privateKey };
}

/** The actor's keys, from D1 (created there the first time), once per isolate. */
export function actorKeys(db: D1Database): Promise<ActorKeys> {
  cached ??= load(db).catch((e) => {
    cached = undefined; // a failed read is tried again by the next request
    throw e;
  });
  return cached;
}

/** For tests: forget this isolate's copy. */
export function forgetActorKeys(): void {
  cached = undefined;
}
