/**
 * The MDN HTTP Observatory's scoring, for the tests that can be decided from one response's
 * headers and body. Rules and modifiers follow the published methodology
 * (https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring) and its source
 * (github.com/mdn/mdn-http-observatory, src/analyzer/tests/*.js, src/grader/charts.js):
 *
 * - Start at 100; subtract every penalty; only if the result is ≥ 90, add the bonuses.
 * - The grade is that of the score rounded down to a multiple of 5 (100 and over: A+).
 *
 * Not decidable here, and so scored as the Observatory scores a site that passes them:
 * HSTS preloading (a bonus we do not claim). The http→https redirection is scored from what the
 * Worker itself answers to the same URL over plain HTTP.
 */

export interface TestResult {
  test: string;
  result: string;
  modifier: number;
}

export interface Score {
  score: number;
  grade: string;
  results: TestResult[];
}

const BROAD = new Set(["ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"]);
const UNSAFE_INLINE = new Set(["'unsafe-inline'", "data:"]);
const HASH_OR_NONCE = /^'(sha256-|sha384-|sha512-|nonce-)/;
const SIX_MONTHS = 15_552_000;

/** Directive name → sources. Throws on a repeated directive, as the Observatory's parser does. */
export function parseCsp(value: string): Map<string, Set<string>> {
  const csp = new Map<string, Set<string>>();
  for (const raw of value.split(";")) {
    const [name, ...sources] = raw.trim().split(/\s+/);
    if (!name) continue;
    const key = name.toLowerCase();
    if (csp.has(key)) throw new Error(`duplicate directive ${key}`);
    // Keywords are case-insensitive; hashes and nonces are base64, so kept as sent.
    const keyword = (s: string) => s.startsWith("'") && !HASH_OR_NONCE.test(s.toLowerCase());
    csp.set(key, new Set(sources.map((s) => (keyword(s) ? s.toLowerCase() : s))));
  }
  return csp;
}

function csp(headers: Headers): TestResult {
  const test = "content-security-policy";
  const value = headers.get("content-security-policy");
  if (!value) return { test, result: "csp-not-implemented", modifier: -25 };
  let policy: Map<string, Set<string>>;
  try {
    policy = parseCsp(value);
  } catch {
    return { test, result: "csp-header-invalid", modifier: -25 };
  }
  const fallback = (name: string) => new Set(policy.get(name) ?? policy.get("default-src") ?? ["*"]);
  const script = fallback("script-src");
  const style = fallback("style-src");
  const object = fallback("object-src");
  // A hash or nonce makes browsers ignore 'unsafe-inline' (CSP3 §6.7.3.2).
  for (const list of [script, style]) if ([...list].some((s) => HASH_OR_NONCE.test(s))) list.delete("'unsafe-inline'");
  const all = [...policy.values()].flatMap((s) => [...s]);
  if ([...script].some((s) => BROAD.has(s) || UNSAFE_INLINE.has(s)) || [...object].some((s) => BROAD.has(s)))
    return { test, result: "csp-implemented-with-unsafe-inline", modifier: -20 };
  if (all.some((s) => s.startsWith("http:") || s.startsWith("ftp:")))
    return { test, result: "csp-implemented-with-insecure-scheme", modifier: -20 };
  if (script.has("'unsafe-eval'") || style.has("'unsafe-eval'"))
    return { test, result: "csp-implemented-with-unsafe-eval", modifier: -10 };
  if ([...style].some((s) => BROAD.has(s) || UNSAFE_INLINE.has(s)))
    return { test, result: "csp-implemented-with-unsafe-inline-in-style-src-only", modifier: 0 };
  const defaultSrc = policy.get("default-src");
  if (defaultSrc?.size === 1 && defaultSrc.has("'none'"))
    return { test, result: "csp-implemented-with-no-unsafe-default-src-none", modifier: 10 };
  return { test, result: "csp-implemented-with-no-unsafe", modifier: 5 };
}

/** Scored as if every Set-Cookie were a session cookie: the strictest reading. */
function cookies(headers: Headers): TestResult {
  const test = "cookies";
  const all = headers.getSetCookie();
  if (all.length === 0) return { test, result: "cookies-not-found", modifier: 0 };
  const attrs = all.map((c) =>
    c
      .toLowerCase()
      .split(";")
      .map((a) => a.trim()),
  );
  const hsts = headers.has("strict-transport-security");
  if (!attrs.every((a) => a.includes("secure")))
    return hsts
      ? { test, result: "cookies-session-without-secure-flag-but-protected-by-hsts", modifier: -10 }
      : { test, result: "cookies-session-without-secure-flag", modifier: -40 };
  if (!attrs.every((a) => a.includes("httponly")))
    return { test, result: "cookies-session-without-httponly-flag", modifier: -30 };
  const sameSite = attrs.map((a) => a.find((x) => x.startsWith("samesite="))?.slice(9));
  if (sameSite.some((s) => s !== undefined && s !== "strict" && s !== "lax"))
    return { test, result: "cookies-samesite-flag-invalid", modifier: -20 };
  if (sameSite.every((s) => s !== undefined))
    return { test, result: "cookies-secure-with-httponly-sessions-and-samesite", modifier: 5 };
  return { test, result: "cookies-secure-with-httponly-sessions", modifier: 0 };
}

function cors(headers: Headers, origin: string | null): TestResult {
  const test = "cross-origin-resource-sharing";
  const acao = headers.get("access-control-allow-origin")?.trim().toLowerCase();
  if (!acao) return { test, result: "cross-origin-resource-sharing-not-implemented", modifier: 0 };
  if (acao === "*") return { test, result: "cross-origin-resource-sharing-implemented-with-public-access", modifier: 0 };
  const credentials = headers.get("access-control-allow-credentials")?.trim().toLowerCase() === "true";
  if (origin && acao === origin.toLowerCase() && credentials)
    return { test, result: "cross-origin-resource-sharing-implemented-with-universal-access", modifier: -50 };
  return { test, result: "cross-origin-resource-sharing-implemented-with-restricted-access", modifier: 0 };
}

function referrerPolicy(headers: Headers): TestResult {
  const test = "referrer-policy";
  const good = ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"];
  const bad = ["origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"];
  const value = headers.get("referrer-policy");
  if (value === null) return { test, result: "referrer-policy-not-implemented", modifier: 0 };
  // The last policy the browser understands wins.
  const policy = value
    .split(",")
    .map((p) => p.trim().toLowerCase())
    .filter((p) => good.includes(p) || bad.includes(p))
    .pop();
  if (policy && good.includes(policy)) return { test, result: "referrer-policy-private", modifier: 5 };
  if (policy) return { test, result: "referrer-policy-unsafe", modifier: -5 };
  return { test, result: "referrer-policy-header-invalid", modifier: -5 };
}

function hsts(headers: Headers): TestResult {
  const test = "strict-transport-security";
  const value = headers.get("strict-transport-security");
  if (value === null) return { test, result: "hsts-not-implemented", modifier: -20 };
  const maxAge = /(?:^|;)\s*max-age=(\d+)\s*(?:;|$)/i.exec(value)?.[1];
  if (value.includes(",") || maxAge === undefined) return { test, result: "hsts-header-invalid", modifier: -20 };
  if (Number(maxAge) < SIX_MONTHS) return { test, result: "hsts-implemented-max-age-less-than-six-months", modifier: -10 };
  return { test, result: "hsts-implemented-max-age-at-least-six-months", modifier: 0 };
}

function sri(headers: Headers, body: string): TestResult {
  const test = "subresource-integrity";
  if (!headers.get("content-type")?.startsWith("text/html"))
    return { test, result: "sri-not-implemented-response-not-html", modifier: 0 };
  const scripts = [...body.matchAll(/<script\b[^>]*\bsrc\s*=[^>]*>/gi)].map((m) => m[0]);
  if (scripts.length === 0) return { test, result: "sri-not-implemented-but-no-scripts-loaded", modifier: 0 };
  if (scripts.every((s) => /\bintegrity\s*=/i.test(s)))
    return { test, result: "sri-implemented-and-all-scripts-loaded-securely", modifier: 5 };
  return { test, result: "sri-not-implemented-but-external-scripts-loaded-securely", modifier: -5 };
}

function xContentTypeOptions(headers: Headers): TestResult {
  const test = "x-content-type-options";
  const value = headers.get("x-content-type-options");
  if (value === null) return { test, result: "x-content-type-options-not-implemented", modifier: -5 };
  if (value.trim().toLowerCase() === "nosniff") return { test, result: "x-content-type-options-nosniff", modifier: 0 };
  return { test, result: "x-content-type-options-header-invalid", modifier: -5 };
}

function xFrameOptions(headers: Headers): TestResult {
  const test = "x-frame-options";
  const policy = headers.get("content-security-policy");
  try {
    if (policy && parseCsp(policy).has("frame-ancestors"))
      return { test, result: "x-frame-options-implemented-via-csp", modifier: 5 };
  } catch {
    // An unparsable CSP does not count; fall through to X-Frame-Options.
  }
  const value = headers.get("x-frame-options")?.trim().toLowerCase();
  if (value === undefined) return { test, result: "x-frame-options-not-implemented", modifier: -20 };
  if (value === "deny" || value === "sameorigin") return { test, result: "x-frame-options-sameorigin-or-deny", modifier: 0 };
  if (value.startsWith("allow-from")) return { test, result: "x-frame-options-allow-from-origin", modifier: 0 };
  return { test, result: "x-frame-options-header-invalid", modifier: -20 };
}

function crossOriginResourcePolicy(headers: Headers): TestResult {
  const test = "cross-origin-resource-policy";
  const value = headers.get("cross-origin-resource-policy")?.trim().toLowerCase();
  if (value === undefined) return { test, result: "corp-not-implemented", modifier: 0 };
  if (value === "same-origin" || value === "same-site") return { test, result: `corp-implemented-with-${value}`, modifier: 10 };
  if (value === "cross-origin") return { test, result: "corp-implemented-with-cross-origin", modifier: 0 };
  return { test, result: "corp-header-invalid", modifier: -5 };
}

const GRADES: [number, string][] = [
  [100, "A+"],
  [90, "A"],
  [85, "A-"],
  [80, "B+"],
  [70, "B"],
  [65, "B-"],
  [60, "C+"],
  [50, "C"],
  [45, "C-"],
  [40, "D+"],
  [30, "D"],
  [25, "D-"],
  [0, "F"],
];

/**
 * The Observatory's redirection test: the site's http:// URL must redirect, permanently, to the
 * same host over https:// (missing or not to HTTPS: -20).
 */
function redirection(overHttp?: { url: string; response: Response }): TestResult {
  if (!overHttp) return { test: "redirection", result: "redirection-not-tested", modifier: 0 };
  const { url, response } = overHttp;
  const location = response.headers.get("location");
  if (![301, 302, 307, 308].includes(response.status) || !location) {
    return { test: "redirection", result: "redirection-missing", modifier: -20 };
  }
  const target = new URL(location, url);
  if (target.protocol !== "https:") return { test: "redirection", result: "redirection-not-to-https", modifier: -20 };
  if (target.host !== new URL(url).host) return { test: "redirection", result: "redirection-off-host-from-http", modifier: -10 };
  return { test: "redirection", result: "redirection-to-https", modifier: 0 };
}

export function grade(score: number): string {
  return GRADES.find(([min]) => score >= min)?.[1] ?? "F";
}

/**
 * Scores one response. `origin` is the Origin the request sent (for the CORS test);
 * `body` is needed for the SRI test on HTML.
 */
export function observatory(
  headers: Headers,
  body: string,
  origin: string | null = null,
  overHttp?: { url: string; response: Response },
): Score {
  const results = [
    csp(headers),
    cookies(headers),
    cors(headers, origin),
    redirection(overHttp),
    referrerPolicy(headers),
    hsts(headers),
    sri(headers, body),
    xContentTypeOptions(headers),
    xFrameOptions(headers),
    crossOriginResourcePolicy(headers),
  ];
  const penalties = results.filter((r) => r.modifier < 0).reduce((sum, r) => sum + r.modifier, 0);
  const bonuses = results.filter((r) => r.modifier > 0).reduce((sum, r) => sum + r.modifier, 0);
  let score = Math.max(0, 100 + penalties);
  if (score >= 90) score += bonuses;
  return { score, grade: grade(score), results };
}
