/**
 * HTTP signatures, as the fediverse uses them: verifying every POST to the inbox, and signing
 * every delivery. Pure WebCrypto, no Node API (the Worker runs without nodejs_compat), and no
 * network: the caller gives the key for a keyId (remote-key.ts fetches and caches them).
 *
 * Two specifications are accepted on the way in:
 * - draft-cavage-http-signatures-12, the `Signature` header every Mastodon sends: RSA-SHA256 over
 *   `(request-target) host date digest`, the body bound by a `Digest` (RFC 3230) header;
 * - RFC 9421, `Signature-Input` and `Signature` (Mastodon 4.5+, Fedify), the body bound by a
 *   `Content-Digest` (RFC 9530) header.
 * Outgoing requests are signed with the first, which every server accepts.
 *
 * A signature only proves something if it covers what matters, so a valid signature over too
 * little is refused: the method and target, the host, a time (`date` or `created`), and the body's
 * digest whenever there is a body. The time must be within `windowSeconds` of now, so a captured
 * request cannot be replayed later (the inbox also remembers activity ids).
 */
import { decodeDict, serializeInnerList } from "structured-field-values";

/** The public key that signed with `keyId`, or undefined when there is none. */
export type KeyLookup = (keyId: string) => Promise<CryptoKey | undefined>;

export interface VerifyOptions {
  /** The request's body, read once by the caller (its size already capped). */
  body: Uint8Array<ArrayBuffer>;
  lookupKey: KeyLookup;
  /** Milliseconds since the epoch: the instant the request is judged at. */
  now: number;
  /** How far the signature's time may be from now, either way. Five minutes by default. */
  windowSeconds?: number;
}

export type Verification =
  | { ok: true; keyId: string; spec: "draft-cavage" | "rfc9421" }
  /** 400: the signature headers cannot be read; 401: they can, and do not prove the request. */
  | { ok: false; status: 400 | 401; reason: string };

const WINDOW_SECONDS = 300;
const RSA = { name: "RSASSA-PKCS1-v1_5" } as const;
const encoder = new TextEncoder();

/** A Structured Fields dictionary, as the library decodes it (its own type is opaque). */
type Members = Record<string, { value: unknown; params: Record<string, unknown> | null } | undefined>;
const dictionary = (text: string) => decodeDict(text) as unknown as Members;

const refuse = (status: 400 | 401, reason: string): Verification => ({ ok: false, status, reason });

const base64 = (bytes: ArrayBuffer | Uint8Array): string => {
  let s = "";
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s);
};
const fromBase64 = (text: string): Uint8Array | undefined => {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
};
const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
const sha = async (algorithm: "SHA-256" | "SHA-512", body: Uint8Array<ArrayBuffer>) =>
  new Uint8Array(await crypto.subtle.digest(algorithm, body));

/**
 * Whether the body matches its digest header: `Digest: SHA-256=<base64>` (draft-cavage) or
 * `Content-Digest: sha-256=:<base64>:` (RFC 9530). Undefined when neither names an algorithm
 * we compute, which a signed request with a body may not be.
 */
export async function bodyMatchesDigest(headers: Headers, body: Uint8Array<ArrayBuffer>): Promise<boolean | undefined> {
  const content = headers.get("content-digest");
  if (content !== null) {
    let dict: Members;
    try {
      dict = dictionary(content);
    } catch {
      return false;
    }
    for (const [name, algorithm] of [
      ["sha-512", "SHA-512"],
      ["sha-256", "SHA-256"],
    ] as const) {
      const value = dict[name]?.value;
      if (value instanceof Uint8Array) return sameBytes(value, await sha(algorithm, body));
    }
    return undefined;
  }
  const digest = headers.get("digest");
  if (digest === null) return undefined;
  for (const part of digest.split(",")) {
    const at = part.indexOf("=");
    const name = part.slice(0, at).trim().toLowerCase();
    const expected = fromBase64(part.slice(at + 1).trim());
    if (name === "sha-256") return expected !== undefined && sameBytes(expected, await sha("SHA-256", body));
    if (name === "sha-512") return expected !== undefined && sameBytes(expected, await sha("SHA-512", body));
  }
  return undefined;
}

/** The draft's `Signature` header: `keyId="…",algorithm="…",headers="…",signature="…"`. */
function cavageParameters(header: string): Map<string, string> | undefined {
  const params = new Map<string, string>();
  const pattern = /\s*([a-zA-Z]+)\s*=\s*(?:"([^"]*)"|(\d+))\s*(,|$)/y;
  let at = 0;
  while (at < header.length) {
    pattern.lastIndex = at;
    const m = pattern.exec(header);
    if (!m || m[0] === "") return undefined;
    params.set((m[1] as string).toLowerCase(), m[2] ?? m[3] ?? "");
    at = pattern.lastIndex;
  }
  return params;
}

/** A header's value as the signature covers it: every value, trimmed, joined by ", ". */
const headerValue = (headers: Headers, name: string) => headers.get(name)?.trim();

/** Whether `seconds` since the epoch is within the window around `now` (milliseconds). */
const fresh = (seconds: number, now: number, window: number) => Math.abs(now / 1000 - seconds) <= window;

async function verifyCavage(request: Request, header: string, options: VerifyOptions): Promise<Verification> {
  const params = cavageParameters(header);
  const keyId = params?.get("keyid");
  const signature = fromBase64(params?.get("signature") ?? "");
  if (!params || !keyId || !signature) return refuse(400, "the Signature header cannot be read");
  const algorithm = (params.get("algorithm") ?? "hs2019").toLowerCase();
  // hs2019 says "the key decides": every fediverse key that says it is RSA with SHA-256.
  if (algorithm !== "rsa-sha256" && algorithm !== "hs2019") return refuse(401, `the algorithm ${algorithm} is not accepted`);
  const covered = (params.get("headers") ?? "date").toLowerCase().split(/\s+/).filter(Boolean);
  const window = options.windowSeconds ?? WINDOW_SECONDS;
  const url = new URL(request.url);
  const lines: string[] = [];
  for (const name of covered) {
    if (name === "(request-target)") lines.push(`${name}: ${request.method.toLowerCase()} ${url.pathname}${url.search}`);
    else if (name === "(created)" || name === "(expires)") {
      const value = params.get(name.slice(1, -1));
      if (value === undefined || !/^\d+$/.test(value)) return refuse(400, `${name} is covered but not given`);
      lines.push(`${name}: ${value}`);
    } else {
      const value = headerValue(request.headers, name);
      if (value === undefined) return refuse(400, `the signature covers ${name}, which the request does not have`);
      lines.push(`${name}: ${value}`);
    }
  }
  const needs = ["(request-target)", "host", ...(options.body.length > 0 ? ["digest"] : [])];
  const missing = needs.filter((n) => !covered.includes(n) && !(n === "digest" && covered.includes("content-digest")));
  if (!covered.includes("date") && !covered.includes("(created)")) missing.push("date");
  if (missing.length > 0) return refuse(401, `the signature does not cover ${missing.join(", ")}`);
  const created = covered.includes("(created)")
    ? Number(params.get("created"))
    : Date.parse(headerValue(request.headers, "date") ?? "") / 1000;
  if (!Number.isFinite(created) || !fresh(created, options.now, window))
    return refuse(401, "the signature is too old or from the future");
  const expires = params.get("expires");
  if (expires !== undefined && Number(expires) < options.now / 1000) return refuse(401, "the signature has expired");
  if (request.headers.get("host") !== null && request.headers.get("host") !== url.host)
    return refuse(401, "the signed host is not this one");
  return check(keyId, signature, lines.join("\n"), "draft-cavage", options);
}

/** RFC 9421 §2.2: the derived components a signature base may name. */
function derived(name: string, request: Request): string | undefined {
  const url = new URL(request.url);
  switch (name) {
    case "@method":
      return request.method.toUpperCase();
    case "@target-uri":
      return url.href;
    case "@authority":
      return url.host.toLowerCase();
    case "@scheme":
      return url.protocol.slice(0, -1);
    case "@request-target":
      return `${url.pathname}${url.search}`;
    case "@path":
      return url.pathname;
    case "@query":
      return url.search || "?";
    default:
      return undefined;
  }
}

async function verifyRfc9421(request: Request, input: string, signatures: string, options: VerifyOptions): Promise<Verification> {
  let inputs: Members;
  let values: Members;
  try {
    inputs = dictionary(input);
    values = dictionary(signatures);
  } catch {
    return refuse(400, "the Signature-Input or Signature header cannot be read");
  }
  // The first signature we can check: a request may carry others, for other verifiers.
  const label = Object.keys(inputs).find((l) => values[l]?.value instanceof Uint8Array);
  const member = label === undefined ? undefined : inputs[label];
  const signature = label === undefined ? undefined : values[label]?.value;
  if (!member || !Array.isArray(member.value) || !(signature instanceof Uint8Array))
    return refuse(400, "no signature in Signature matches one in Signature-Input");
  const params = (member.params ?? {}) as Record<string, unknown>;
  const keyId = params.keyid;
  if (typeof keyId !== "string") return refuse(400, "the signature has no keyid");
  const alg = params.alg;
  if (alg !== undefined && alg !== "rsa-v1_5-sha256") return refuse(401, `the algorithm ${String(alg)} is not accepted`);
  const window = options.windowSeconds ?? WINDOW_SECONDS;
  const covered: string[] = [];
  const lines: string[] = [];
  for (const item of member.value as { value: unknown; params: unknown }[]) {
    if (typeof item.value !== "string" || (item.params && Object.keys(item.params).length > 0))
      return refuse(401, "the signature covers a component this server does not check");
    const name = item.value;
    const value = name.startsWith("@") ? derived(name, request) : headerValue(request.headers, name);
    if (value === undefined) return refuse(400, `the signature covers ${name}, which the request does not have`);
    covered.push(name);
    lines.push(`"${name}": ${value}`);
  }
  lines.push(`"@signature-params": ${serializeInnerList(member)}`);
  const missing: string[] = [];
  if (!covered.includes("@method")) missing.push("@method");
  if (!covered.includes("@target-uri") && !(covered.includes("@authority") && covered.includes("@path")))
    missing.push("@target-uri");
  if (options.body.length > 0 && !covered.includes("content-digest")) missing.push("content-digest");
  const created = typeof params.created === "number" ? params.created : undefined;
  if (created === undefined && !covered.includes("date")) missing.push("created");
  if (missing.length > 0) return refuse(401, `the signature does not cover ${missing.join(", ")}`);
  const when = created ?? Date.parse(headerValue(request.headers, "date") ?? "") / 1000;
  if (!Number.isFinite(when) || !fresh(when, options.now, window))
    return refuse(401, "the signature is too old or from the future");
  if (typeof params.expires === "number" && params.expires < options.now / 1000) return refuse(401, "the signature has expired");
  return check(keyId, signature, lines.join("\n"), "rfc9421", options);
}

async function check(
  keyId: string,
  signature: Uint8Array,
  base: string,
  spec: "draft-cavage" | "rfc9421",
  options: VerifyOptions,
): Promise<Verification> {
  const key = await options.lookupKey(keyId);
  if (!key) return refuse(401, `no key answers for ${keyId}`);
  let valid = false;
  try {
    valid = await crypto.subtle.verify(RSA, key, new Uint8Array(signature), encoder.encode(base));
  } catch {
    valid = false;
  }
  return valid ? { ok: true, keyId, spec } : refuse(401, "the signature does not match");
}

/**
 * Whether `request` (whose body the caller read into `options.body`) is signed by the holder of
 * the key it names, over its method, target, host, time and body. RFC 9421 when the request has
 * both its headers, the draft otherwise.
 */
export async function verifyRequest(request: Request, options: VerifyOptions): Promise<Verification> {
  if (options.body.length > 0) {
    const matches = await bodyMatchesDigest(request.headers, options.body);
    if (matches === undefined) return refuse(401, "the body has no Digest or Content-Digest");
    if (!matches) return refuse(401, "the body does not match its digest");
  }
  const input = request.headers.get("signature-input");
  const signature = request.headers.get("signature");
  if (input !== null && signature !== null) return verifyRfc9421(request, input, signature, options);
  if (signature !== null) return verifyCavage(request, signature, options);
  return refuse(401, "the request is not signed");
}

/**
 * The headers that sign a POST of `body` to `url` with draft-cavage (what every fediverse server
 * accepts): Host, Date, Digest and Signature over `(request-target) host date digest`.
 */
export async function signedHeaders(
  url: string,
  body: Uint8Array<ArrayBuffer>,
  key: { privateKey: CryptoKey; keyId: string },
  now: number,
): Promise<Record<string, string>> {
  const target = new URL(url);
  const date = new Date(now).toUTCString();
  const digest = `SHA-256=${base64(await sha("SHA-256", body))}`;
  const base = [
    `(request-target): post ${target.pathname}${target.search}`,
    `host: ${target.host}`,
    `date: ${date}`,
    `digest: ${digest}`,
  ].join("\n");
  const signature = base64(await crypto.subtle.sign(RSA, key.privateKey, encoder.encode(base)));
  return {
    host: target.host,
    date,
    digest,
    signature: `keyId="${key.keyId}",algorithm="rsa-sha256",headers="(request-target) host date digest",signature="${signature}"`,
  };
}
