import { parse } from "yaml";
import { formatDate } from "../views/format.ts";
import { singleLineProblem } from "./fields.ts";
import type { BuildError, SiteConfig } from "./types.ts";

const DEFAULTS = { postsPerPage: 10, feedLimit: 20 } as const;

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

/** Validates `content/site.yaml`: the one place for site-wide settings. */
export function parseSite(path: string, text: string): { site?: SiteConfig; errors: BuildError[] } {
  const errors: BuildError[] = [];
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
  const str = (field: string): string => {
    const v = d[field];
    if (typeof v !== "string" || v.trim() === "") {
      errors.push({ file: path, field, message: "is required and must be non-empty text" });
      return "";
    }
    const line = singleLineProblem(v.trim());
    if (line) errors.push({ file: path, field, message: line });
    return v.trim();
  };
  const int = (field: keyof typeof DEFAULTS): number => {
    const v = d[field] ?? DEFAULTS[field];
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 1000) {
      errors.push({ file: path, field, message: "must be a whole number from 1 to 1000" });
      return DEFAULTS[field];
    }
    return v;
  };
  const site: SiteConfig = {
    title: str("title"),
    description: str("description"),
    author: str("author"),
    language: str("language"),
    origin: str("origin").replace(/\/+$/, ""),
    postsPerPage: int("postsPerPage"),
    feedLimit: int("feedLimit"),
  };
  if (site.origin && !/^https?:\/\/[^/\s]+$/.test(site.origin)) {
    errors.push({ file: path, field: "origin", message: "must be an origin like https://blog.example.com (no path)" });
  }
  if (site.language) {
    const language = checkLanguage(site.language);
    if (typeof language === "string") site.language = language;
    else errors.push({ file: path, field: "language", message: language.problem });
  }
  return errors.length > 0 ? { errors } : { site, errors };
}
