import { parse } from "yaml";
import type { BuildError, SiteConfig } from "./types.ts";

const DEFAULTS = { postsPerPage: 10, feedLimit: 20 } as const;

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
  if (site.language && !/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(site.language)) {
    errors.push({ file: path, field: "language", message: "must be a language tag like en or pt-BR" });
  }
  return errors.length > 0 ? { errors } : { site, errors };
}
