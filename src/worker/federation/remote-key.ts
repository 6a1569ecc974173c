/**
 * The public key behind a signature's keyId, fetched from the server that names it. Everything
 * about that fetch is the other side's choice, so each step is bounded: only a public https host
 * (ssrf.ts), a few redirects each checked again, a timeout, a cap on the bytes read, and a JSON
 * document that must hold exactly that key. Keys are cached by the caller (the inbox keeps them
 * for a while, and fetches again once when a cached key no longer verifies: keys rotate).
 */
import { checkFetchable, type FetchPolicy } from "./ssrf.ts";

export interface KeyFetchOptions extends FetchPolicy {
  fetch?: typeof fetch;
  /** The whole fetch, redirects included. */
  timeoutMs?: number;
  /** The most bytes read of the document; a bigger one is refused unread. */
  maxBytes?: number;
}

export type RemoteKey = { key: CryptoKey; keyId: string; owner: string; pem: string } | { refused: string };

const TIMEOUT_MS = 5000;
const MAX_BYTES = 64 * 1024;
const MAX_REDIRECTS = 3;
const ACCEPT = 'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"';

/** The body, read up to `max` bytes: undefined when there were more. */
async function readCapped(response: Response, max: number): Promise<Uint8Array | undefined> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > max) {
    await response.body?.cancel();
    return undefined;
  }
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** DER length bytes. */
const derLength = (n: number) => (n < 128 ? [n] : n < 256 ? [0x81, n] : [0x82, n >> 8, n & 255]);

/** A PKCS#1 RSA public key (`BEGIN RSA PUBLIC KEY`, some servers send it) wrapped as SPKI. */
function spkiFromPkcs1(pkcs1: Uint8Array): Uint8Array<ArrayBuffer> {
  const algorithm = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];
  const bitString = [0x03, ...derLength(pkcs1.length + 1), 0x00, ...pkcs1];
  return new Uint8Array([0x30, ...derLength(algorithm.length + bitString.length), ...algorithm, ...bitString]);
}

/** An RSA public key from PEM, for verifying RSASSA-PKCS1-v1_5 SHA-256 signatures. */
export async function importPublicKeyPem(pem: string): Promise<CryptoKey | undefined> {
  const m = /-----BEGIN (RSA )?PUBLIC KEY-----([\s\S]*?)-----END \1?PUBLIC KEY-----/.exec(pem);
  if (!m) return undefined;
  try {
    const der = Uint8Array.from(atob((m[2] as string).replace(/\s+/g, "")), (c) => c.charCodeAt(0));
    return await crypto.subtle.importKey(
      "spki",
      m[1] ? spkiFromPkcs1(der) : der,
      { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
      false,
      ["verify"],
    );
  } catch {
    return undefined;
  }
}

/** The key object for `keyId` in a fetched document: the key itself, or its owner's `publicKey`. */
function keyIn(doc: unknown, keyId: string): { pem: string; owner: string } | undefined {
  if (typeof doc !== "object" || doc === null) return undefined;
  const d = doc as Record<string, unknown>;
  if (d.id === keyId && typeof d.publicKeyPem === "string" && typeof d.owner === "string")
    return { pem: d.publicKeyPem, owner: d.owner };
  const keys = Array.isArray(d.publicKey) ? d.publicKey : [d.publicKey];
  for (const k of keys) {
    if (typeof k !== "object" || k === null) continue;
    const key = k as Record<string, unknown>;
    // The actor vouches only for keys that say it owns them.
    if (key.id === keyId && typeof key.publicKeyPem === "string" && key.owner === d.id && typeof d.id === "string")
      return { pem: key.publicKeyPem, owner: d.id };
  }
  return undefined;
}

/**
 * What another server serves at `raw`, within the bounds above: only a fetchable URL, each
 * redirect checked again, a timeout, a size cap. The final URL is kept: relative links in what
 * it served resolve against it.
 */
export async function fetchBounded(
  raw: string,
  options: KeyFetchOptions & { accept?: string } = {},
): Promise<{ bytes: Uint8Array; headers: Headers; url: string } | { refused: string }> {
  const doFetch = options.fetch ?? fetch;
  const max = options.maxBytes ?? MAX_BYTES;
  const signal = AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS);
  let target = raw;
  try {
    for (let hop = 0; ; hop++) {
      const checked = checkFetchable(target, options);
      if ("refused" in checked) return checked;
      const response = await doFetch(checked.url.href, {
        headers: { accept: options.accept ?? ACCEPT },
        redirect: "manual",
        signal,
      });
      if (response.status >= 300 && response.status < 400 && response.headers.has("location")) {
        await response.body?.cancel();
        if (hop >= MAX_REDIRECTS) return { refused: `more than ${MAX_REDIRECTS} redirects` };
        target = new URL(response.headers.get("location") as string, checked.url).href;
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        return { refused: `${checked.url.href} answered ${response.status}` };
      }
      const bytes = await readCapped(response, max);
      if (!bytes) return { refused: `the document is over ${max} bytes` };
      return { bytes, headers: response.headers, url: checked.url.href };
    }
  } catch (e) {
    const name = (e as Error).name;
    return { refused: name === "TimeoutError" || name === "AbortError" ? "no answer in time" : "the fetch failed" };
  }
}

/** A JSON document another server serves at `raw`, within the same bounds. */
export async function fetchDocument(raw: string, options: KeyFetchOptions = {}): Promise<{ doc: unknown } | { refused: string }> {
  const fetched = await fetchBounded(raw, options);
  if ("refused" in fetched) return fetched;
  try {
    return { doc: JSON.parse(new TextDecoder().decode(fetched.bytes)) };
  } catch {
    return { refused: "the document is not JSON" };
  }
}

/** Fetches the key `keyId` names, within the bounds above. */
export async function fetchRemoteKey(keyId: string, options: KeyFetchOptions = {}): Promise<RemoteKey> {
  const url = keyId.split("#")[0] as string;
  // Said once, at the start: a refusal of the URL itself needs no prefix.
  const checked = checkFetchable(url, options);
  if ("refused" in checked) return checked;
  const fetched = await fetchDocument(url, options);
  if ("refused" in fetched) return { refused: `${keyId}: ${fetched.refused}` };
  const found = keyIn(fetched.doc, keyId);
  if (!found) return { refused: `${keyId}: the document does not hold that key` };
  const key = await importPublicKeyPem(found.pem);
  if (!key) return { refused: `${keyId}: the key is not an RSA public key` };
  return { key, keyId, owner: found.owner, pem: found.pem };
}
