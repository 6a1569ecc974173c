/**
 * Which URLs the blog may fetch when another server names them (a signature's keyId, a follower's
 * inbox, a webmention's source). Anyone can name any URL, so without this check the Worker could
 * be made to fetch an address inside someone's network (server-side request forgery): only https
 * to a public host passes. Loopback (127.0.0.0/8, ::1, localhost) passes only when the setting
 * says so, which local development and the tests do; a deploy never sets it.
 *
 * The check is on the URL as written. A Worker cannot resolve names itself, and a name that
 * resolves to a private address is not reachable from Cloudflare's edge; what a hostname can
 * smuggle (an IP literal in any of its spellings) is refused here.
 */

export interface FetchPolicy {
  /** Lets http://127.0.0.1, http://[::1] and http://localhost through: development and tests only. */
  allowLoopback?: boolean;
}

const BLOCKED_NAMES = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)\.?$/i;

/** An IPv4 address as four numbers, from the dotted form the URL parser normalises to. */
function ipv4(host: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return m ? m.slice(1).map(Number) : undefined;
}

/** Whether an IPv4 address is anything but a public unicast one. */
function privateV4([a = 0, b = 0]: number[]): boolean {
  return (
    a === 0 || // "this network"
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) || // IETF protocol assignments
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast and reserved
  );
}

/** Whether a bracketed IPv6 literal (as URL.hostname gives it) is anything but public unicast. */
function privateV6(literal: string): boolean {
  const host = literal.slice(1, -1).toLowerCase();
  if (host === "::" || host === "::1") return true;
  // An IPv4 address inside IPv6 (::ffff:10.0.0.1, which the URL parser writes as ::ffff:a00:1).
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (mapped) {
    const hi = Number.parseInt(mapped[1] as string, 16);
    const lo = Number.parseInt(mapped[2] as string, 16);
    return privateV4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
  }
  if (host.startsWith("::ffff:") || host.startsWith("64:ff9b:")) return true;
  const first = Number.parseInt(host.split(":")[0] || "0", 16);
  return (
    (first & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (first & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (first & 0xff00) === 0xff00 || // multicast
    first === 0
  );
}

const loopback = (host: string) => host === "localhost" || host === "[::1]" || ipv4(host)?.[0] === 127;

/** The URL when the blog may fetch it, else why not. */
export function checkFetchable(raw: string, policy: FetchPolicy = {}): { url: URL } | { refused: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { refused: `${raw} is not a URL` };
  }
  const host = url.hostname.toLowerCase();
  if (url.username || url.password) return { refused: `${url.origin} carries credentials` };
  if (policy.allowLoopback && loopback(host) && (url.protocol === "http:" || url.protocol === "https:")) return { url };
  if (url.protocol !== "https:") return { refused: `${url.href} is not https` };
  if (url.port !== "" && url.port !== "443") return { refused: `${url.href} is not on the https port` };
  const v4 = ipv4(host);
  if (v4 ? privateV4(v4) : host.startsWith("[") ? privateV6(host) : BLOCKED_NAMES.test(host) || !host.includes("."))
    return { refused: `${host} is not a public host` };
  return { url };
}
