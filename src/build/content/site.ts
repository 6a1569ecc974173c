import { LineCounter, parseDocument } from "yaml";
import { formatDate } from "../../shared/dates.ts";
import { LANGUAGE_TAG } from "../../shared/languages.ts";
import { STYLES } from "../../shared/styles.ts";
import type { BuildError, SiteConfig, SiteTranslation } from "../../shared/types.ts";
import { contrastErrors, parseTheme, themeCss } from "../theme/theme.ts";
import { parseFediverse } from "./fediverse.ts";
import { fieldLines, withLine } from "./field-lines.ts";
import { singleLineProblem } from "./fields.ts";
import { languageLabel } from "./media.ts";
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
  Exclude<
    keyof SiteConfig,
    | "monthYears"
    | "numbers"
    | "catalogue"
    | "stylesheet"
    | "logo"
    | "icons"
    | "fediverse"
    | "peertube"
    | "languages"
    | "translations"
    | "languageNames"
  >,
  Rule
>;

// `theme` becomes the site's stylesheet (src/build/theme/), not a field of its own; `fediverse`
// is a mapping of its own (./fediverse.ts).
const KNOWN = [...Object.keys(FIELDS), "theme", "fediverse", "peertube", "languages", "translations"];

/**
 * The site's language, checked with the same Intl the views format dates with: a tag that
 * passes a pattern (`en-gb-oed`) can still make `Intl.DateTimeFormat` throw, which would make
 * every page a 500; one Intl has no data for (`xx`) would silently format dates in English.
 * Returns the canonical tag (`pt-br` → `pt-BR`) or the problem.
 */
export function checkLanguage(tag: string): string | { problem: string } {
  const problem = "must be a language tag like en or pt-BR";
  if (!LANGUAGE_TAG.test(tag)) return { problem };
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
 * `image`: an https URL on another site, or a file in content/ (`./og.png`, `og.png`), which the
 * build publishes like a post's image and makes absolute. Nothing on the blog is served at an
 * address an author can know, so a path on it (`/og.png`, or written in full) is refused. Kept as written
 * here; whether the file exists is the build script's to check.
 */
function siteImage(value: unknown, at: (field: string, message: string) => void, origin: unknown): string {
  const problem = "must be an https URL or a file in content/ (./image.png)";
  if (typeof value !== "string" || value.trim() === "") {
    at("image", problem);
    return "";
  }
  const v = value.trim();
  const line = singleLineProblem(v);
  if (line) at("image", line);
  else if (/\s/.test(v) || (/^[a-z][a-z0-9+.-]*:/i.test(v) && !/^https:\/\/[^/\s]+/i.test(v)) || v.startsWith("//")) {
    at("image", problem);
  } else if (v.startsWith("/") || onOrigin(v, origin)) {
    // The blog has no folder served as it is: its files are content/'s, published under names
    // of their own (image-sources.ts), so a path typed here, or the blog's own address written
    // in full, would be a broken preview image. (Its icon is there, but no link preview shows one.)
    const name = new URL(v, "https://blog.invalid").pathname.split("/").pop() || "image.png";
    at("image", `${v} is not a file the blog has: put the image in content/ and write ./${name}`);
  }
  return v;
}

/** Whether an https URL is on the blog's own origin (as site.yaml gives it; false when that is not a URL). */
function onOrigin(url: string, origin: unknown): boolean {
  try {
    return typeof origin === "string" && new URL(url).origin === new URL(origin).origin;
  } catch {
    return false;
  }
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
  const counter = new LineCounter();
  let doc: ReturnType<typeof parseDocument>;
  let data: unknown;
  try {
    doc = parseDocument(text, { lineCounter: counter });
    if (doc.errors[0]) throw doc.errors[0];
    data = doc.toJS();
  } catch (e) {
    return { errors: [{ file: path, field: "(yaml)", message: `invalid YAML: ${(e as Error).message.split("\n")[0]}` }] };
  }
  // Each problem names the line its field is written on, as a post's do.
  const lineOf = fieldLines(doc, counter);
  // `entry`: where in the field the problem is, when that is finer than the field (a list's item).
  const at = (field: string, message: string, entry = field) =>
    errors.push({ file: path, field, message: withLine(message, lineOf(entry)) });
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
  // A blog in several languages may name its default once, as the first of `languages`.
  const several = Array.isArray(d.languages) && d.languages.length > 0 && (d.language === undefined || d.language === null);
  const site: SiteConfig = {
    title: str("title"),
    description: str("description"),
    author: str("author"),
    language: several ? String((d.languages as unknown[])[0]) : str("language"),
    origin: str("origin").replace(/\/+$/, ""),
    postsPerPage: count("postsPerPage"),
    feedLimit: count("feedLimit"),
    ...(d.image !== undefined ? { image: siteImage(d.image, at, d.origin) } : {}),
  };
  if (d.theme !== undefined && d.theme !== null) {
    const before = errors.length;
    const theme = parseTheme(d.theme, at);
    // Contrast is judged on valid colours only: a typo is reported once, as a typo.
    if (theme && errors.length === before)
      errors.push(...contrastErrors(path, theme).map((e) => ({ ...e, message: withLine(e.message, lineOf(e.field)) })));
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
  const before = errors.length;
  if (d.languages !== undefined && d.languages !== null) {
    const languages = parseLanguages(d.languages, site.language, at);
    if (languages.length > 1) {
      site.languages = languages;
      site.languageNames = Object.fromEntries(languages.map((l) => [l, languageLabel(l)]));
    }
  }
  if (d.translations !== undefined && d.translations !== null) {
    // Which languages are the blog's is only known once `languages` is right.
    const known = errors.length === before ? (site.languages ?? [site.language]) : undefined;
    const translations = parseTranslations(d.translations, known, at);
    if (Object.keys(translations).length > 0) site.translations = translations;
  }
  return errors.length > 0 ? { errors } : { site, errors };
}

/** More languages than any blog writes in: a list, not a locale database. */
const MAX_LANGUAGES = 20;

/**
 * `languages: [en, pt-BR]`: the blog's languages, the default first (it is `language`, when that
 * is given too). Each is checked like `language` and kept canonical; a repeat is an error.
 */
function parseLanguages(value: unknown, language: string, at: (field: string, message: string) => void): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LANGUAGES) {
    at("languages", `must be a list of 1 to ${MAX_LANGUAGES} language tags, the default first, like [en, pt-BR]`);
    return [];
  }
  const out: string[] = [];
  for (const [i, item] of value.entries()) {
    const checked =
      typeof item === "string" ? checkLanguage(item.trim()) : { problem: "must be a language tag like en or pt-BR" };
    if (typeof checked !== "string") {
      at(`languages[${i}]`, checked.problem);
      continue;
    }
    if (out.some((l) => l.toLowerCase() === checked.toLowerCase())) {
      at(`languages[${i}]`, `lists ${checked} twice`);
      continue;
    }
    out.push(checked);
  }
  if (out[0] && language && out[0].toLowerCase() !== language.toLowerCase()) {
    at("languages", `must start with the default language, ${language} (language:), or leave language: out`);
  }
  return out;
}

/**
 * `translations: { pt-BR: { title, description, strings } }`: what each other language calls
 * the blog, and its own overrides of the interface's words. Only the blog's other languages.
 */
function parseTranslations(
  value: unknown,
  /** The blog's languages, default first; undefined while `languages` has a problem of its own. */
  languages: readonly string[] | undefined,
  at: (field: string, message: string) => void,
): Record<string, SiteTranslation> {
  const out: Record<string, SiteTranslation> = {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    at("translations", "must be a mapping of languages to their title, description and strings");
    return out;
  }
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
    const field = `translations.${name}`;
    // While `languages` has a problem (reported there), what this names cannot be checked.
    if (!languages) continue;
    if (languages[0]?.toLowerCase() === name.toLowerCase()) {
      at(field, "is the default language (the first of languages:): its title and description are title: and description:");
      continue;
    }
    const language = languages.slice(1).find((l) => l.toLowerCase() === name.toLowerCase());
    if (!language) {
      at(
        field,
        `is not one of the blog's other languages (${languages.slice(1).join(", ") || "none: add languages: [...] first"})`,
      );
      continue;
    }
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
      at(field, "must be a mapping of title, description and strings");
      continue;
    }
    const own: SiteTranslation = {};
    for (const [key, text] of Object.entries(v as Record<string, unknown>)) {
      if (key === "strings") {
        if (text !== null) own.strings = parseStrings(text, language, (f, m) => at(`${field}.${f}`, m));
      } else if (key === "title" || key === "description") {
        const line = typeof text === "string" ? singleLineProblem(text.trim()) : undefined;
        if (typeof text !== "string" || text.trim() === "") at(`${field}.${key}`, "must be non-empty text");
        else if (line) at(`${field}.${key}`, line);
        else own[key] = text.trim();
      } else at(`${field}.${key}`, unknownFieldMessage(key, ["title", "description", "strings"]));
    }
    out[language] = own;
  }
  return out;
}

/** At most this many PeerTube servers: a list, not a directory of the federation. */
const MAX_PEERTUBE = 50;

/**
 * `peertube: [video.example.org, tube.example.net]`: the PeerTube servers whose video links
 * become players. Host names only; a URL is answered with the host it holds.
 */
function parsePeertube(value: unknown, at: (field: string, message: string, entry?: string) => void): string[] {
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list)) {
    at("peertube", "must be a list of PeerTube servers' host names, like [video.example.org]");
    return [];
  }
  if (list.length > MAX_PEERTUBE) at("peertube", `may name at most ${MAX_PEERTUBE} servers, got ${list.length}`);
  const hosts: string[] = [];
  for (const [i, item] of list.slice(0, MAX_PEERTUBE).entries()) {
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
    at("peertube", `${JSON.stringify(item)} is not a host name like video.example.org${hint}`, `peertube[${i}]`);
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
