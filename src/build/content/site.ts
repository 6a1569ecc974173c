import { parse } from "yaml";
import { formatDate } from "../../shared/dates.ts";
import { STYLES } from "../../shared/styles.ts";
import type { BuildError, SiteConfig } from "../../shared/types.ts";
import { contrastErrors, parseTheme, themeCss } from "../theme/theme.ts";
import { parseFediverse } from "./fediverse.ts";
import { singleLineProblem } from "./fields.ts";
import { parseStrings } from "./strings.ts";
import { unknownFieldMessage } from "./suggest.ts";

/**
 * Validates `content/site.yaml`: the one place for site-wide settings. Declared once, like a
 * post's front matter: every key is known, typed and checked, and every problem is reported.
 */

type Rule = { kind: "text" } | { kind: "count"; default: number } | { kind: "image" } | { kind: "strings" };

const FIELDS = {
  title: { kind: "text" },
  description: { kind: "text" },
  author: { kind: "text" },
  language: { kind: "text" },
  origin: { kind: "text" },
  postsPerPage: { kind: "count", default: 10 },
  feedLimit: { kind: "count", default: 20 },
  image: { kind: "image" },
  strings: { kind: "strings" },
} as const satisfies Record<
  Exclude<keyof SiteConfig, "monthYears" | "stylesheet" | "logo" | "icons" | "fediverse" | "peertube">,
  Rule
>;

// `theme` becomes the site's stylesheet (src/build/theme/), not a field of its own; `fediverse`
// is a mapping of its own (./fediverse.ts).
const KNOWN = [...Object.keys(FIELDS), "theme", "fediverse", "peertube"];

/**
 * The site's language, checked with the same Intl the views format dates with: a tag that
 * passes a pattern (`en-gb-oed`) can still make `Intl.DateTimeFormat` throw, which would make
 * every page a 500; one Intl has no data for (`xx`) would silently format dates in English.
 * Returns the canonical tag (`pt-br` → `pt-BR`) or the problem.
 */
export function checkLanguage(tag: string): string | { problem: string } {
  const problem = "must be a language tag like en or pt-BR";
  if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(tag)) return { problem };
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(tag)[0] ?? tag;
    formatDate("2000-01-01T00:00:00Z", canonical);
  } catch (e) {
    return { problem: `${problem}: "${tag}" is not a tag Intl accepts (${(e as Error).message})` };
  }
  if (Intl.DateTimeFormat.supportedLocalesOf(canonical).length === 0) {
    return { problem: `"${tag}" is a language Intl has no date formats for, so dates would not be in it` };
  }
  return canonical;
}

/**
 * `image`: an https URL, a path on the site (`/og.png`), or a file in content/ (`./og.png`,
 * `og.png`), which the build publishes like a post's image and makes absolute. Kept as written
 * here; whether the file exists is the build script's to check.
 */
function siteImage(value: unknown, at: (field: string, message: string) => void): string {
  const problem = "must be an https URL, a path on the site (/image.png) or a file in content/ (./image.png)";
  if (typeof value !== "string" || value.trim() === "") {
    at("image", problem);
    return "";
  }
  const v = value.trim();
  const line = singleLineProblem(v);
  if (line) at("image", line);
  else if (/\s/.test(v) || (/^[a-z][a-z0-9+.-]*:/i.test(v) && !/^https:\/\/[^/\s]+/i.test(v)) || v.startsWith("//")) {
    at("image", problem);
  }
  return v;
}

/**
 * The site a preview shows its problems in when site.yaml itself does not build: its own title
 * if a `title:` line can be read as plain text, so the header still names the author's blog.
 */
export function fallbackSite(text: string): SiteConfig {
  const line = /^title:[ \t]*(.*?)[ \t]*$/m.exec(text)?.[1] ?? "";
  const quoted = /^(["'])(.*)\1$/.exec(line);
  const title = (quoted ? quoted[2] : line.replace(/[ \t]+#.*$/, "")) ?? "";
  return {
    title: title.trim() === "" || singleLineProblem(title) ? "Your blog" : title,
    description: "The content did not build.",
    author: "",
    language: "en",
    origin: "http://localhost:8787",
    postsPerPage: 10,
    feedLimit: 20,
  };
}

export function parseSite(path: string, text: string): { site?: SiteConfig; errors: BuildError[] } {
  const errors: BuildError[] = [];
  const at = (field: string, message: string) => errors.push({ file: path, field, message });
  let data: unknown;
  try {
    data = parse(text);
  } catch (e) {
    return { errors: [{ file: path, field: "(yaml)", message: `invalid YAML: ${(e as Error).message.split("\n")[0]}` }] };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { errors: [{ file: path, field: "(yaml)", message: "must be a mapping of `field: value` lines" }] };
  }
  const d = data as Record<string, unknown>;
  for (const key of Object.keys(d)) {
    if (!KNOWN.includes(key)) at(key, unknownFieldMessage(key, KNOWN));
  }
  const str = (field: keyof typeof FIELDS): string => {
    const v = d[field];
    if (v === undefined || v === null) at(field, "is required");
    else if (typeof v !== "string")
      at(field, `must be text, got ${typeof v === "object" ? "a list or mapping" : `a ${typeof v}`}`);
    else if (v.trim() === "") at(field, "must not be empty");
    else {
      const line = singleLineProblem(v.trim());
      if (line) at(field, line);
      return v.trim();
    }
    return "";
  };
  const count = (field: "postsPerPage" | "feedLimit"): number => {
    const v = d[field] ?? FIELDS[field].default;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 1000) {
      at(field, `must be a whole number from 1 to 1000, got ${JSON.stringify(v)}`);
      return FIELDS[field].default;
    }
    return v;
  };
  const site: SiteConfig = {
    title: str("title"),
    description: str("description"),
    author: str("author"),
    language: str("language"),
    origin: str("origin").replace(/\/+$/, ""),
    postsPerPage: count("postsPerPage"),
    feedLimit: count("feedLimit"),
    ...(d.image !== undefined ? { image: siteImage(d.image, at) } : {}),
  };
  if (d.theme !== undefined && d.theme !== null) {
    const before = errors.length;
    const theme = parseTheme(d.theme, at);
    // Contrast is judged on valid colours only: a typo is reported once, as a typo.
    if (theme && errors.length === before) errors.push(...contrastErrors(path, theme));
    const css = theme ? themeCss(theme) : "";
    if (css) site.stylesheet = STYLES + css;
  }
  if (site.origin && !/^https?:\/\/[^/\s]+$/.test(site.origin)) {
    at("origin", "must be an origin like https://blog.example.com (no path)");
  }
  if (site.language) {
    const language = checkLanguage(site.language);
    if (typeof language === "string") site.language = language;
    else at("language", language.problem);
  }
  if (d.fediverse !== undefined && d.fediverse !== null) {
    const fediverse = parseFediverse(d.fediverse, at);
    if (fediverse) site.fediverse = fediverse;
  }
  if (d.peertube !== undefined && d.peertube !== null) {
    const hosts = parsePeertube(d.peertube, at);
    if (hosts.length > 0) site.peertube = hosts;
  }
  if (d.strings !== undefined && d.strings !== null) site.strings = parseStrings(d.strings, site.language || "en", at);
  return errors.length > 0 ? { errors } : { site, errors };
}

/** At most this many PeerTube servers: a list, not a directory of the federation. */
const MAX_PEERTUBE = 50;

/**
 * `peertube: [video.example.org, tube.example.net]`: the PeerTube servers whose video links
 * become players. Host names only; a URL is answered with the host it holds.
 */
function parsePeertube(value: unknown, at: (field: string, message: string) => void): string[] {
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list)) {
    at("peertube", "must be a list of PeerTube servers' host names, like [video.example.org]");
    return [];
  }
  if (list.length > MAX_PEERTUBE) at("peertube", `may name at most ${MAX_PEERTUBE} servers, got ${list.length}`);
  const hosts: string[] = [];
  for (const item of list.slice(0, MAX_PEERTUBE)) {
    const text = typeof item === "string" ? item.trim() : "";
    const host = text.toLowerCase();
    if (/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(host) && host.length <= 253) {
      if (!hosts.includes(host)) hosts.push(host);
      continue;
    }
    let hint = "";
    try {
      const url = new URL(text);
      if (url.hostname) hint = `: write ${url.hostname}`;
    } catch {}
    at("peertube", `${JSON.stringify(item)} is not a host name like video.example.org${hint}`);
  }
  return hosts;
}

/**
 * Hosts reserved for documentation and testing (RFC 2606, RFC 6761): an origin on one of them
 * is the sample's placeholder, not a real blog's address, so feeds and canonical URLs would
 * point nowhere.
 */
export function isPlaceholderOrigin(origin: string): boolean {
  const host = origin
    .replace(/^https?:\/\//, "")
    .replace(/:\d+$/, "")
    .toLowerCase();
  return (
    /(^|\.)example\.(com|net|org)$/.test(host) ||
    /\.(example|test|invalid|localhost)$/.test(host) ||
    host === "localhost" ||
    host === "example"
  );
}
