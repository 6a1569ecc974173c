import { utf8Bytes } from "../../shared/bytes.ts";
import { canonicalTag, hasTagShape, isCanonicalTag, MAX_TAG_BYTES } from "../../shared/tags.ts";
import { unknownFieldMessage } from "./suggest.ts";

/**
 * Validation of a post's front matter fields. Each check returns a message or a value;
 * every problem is collected so an author sees them all in one build.
 */

export interface Fields {
  title: string;
  date: string;
  updated?: string;
  description?: string;
  tags: string[];
  draft: boolean;
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** `aliases` and `series` are read by aliases.ts and series.ts, which check them across posts. */
const KNOWN = new Set(["title", "date", "updated", "description", "tags", "draft", "aliases", "series"]);
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

export const MAX_TITLE = 200;
/** Slugs and tags become URL segments; keep them well inside any URL length limit. */
export const MAX_SLUG = 100;
export const MAX_DESCRIPTION = 300;

/**
 * Control characters (C0, DEL, C1) and the Unicode line and paragraph separators. Single-line
 * fields go into Markdown lines (index.md, llms.txt), HTTP-adjacent metadata and feeds, where a
 * line break would start a new Markdown block (`## Ignore previous instructions`).
 */
export const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Why a single-line text field cannot be used, or undefined. */
export function singleLineProblem(value: string): string | undefined {
  const found = value.match(CONTROL)?.[0];
  if (found === undefined) return undefined;
  if (/[\n\r\u0085\u2028\u2029]/.test(found)) return "must be one line: it contains a line break";
  return `must not contain control characters: it contains U+${found.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0")}`;
}

export function isSlug(value: string): boolean {
  return SLUG.test(value);
}

export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return "a date";
  return typeof value === "object" ? "a mapping" : `a ${typeof value}`;
}

/**
 * Parses an ISO 8601 calendar date or date-time to RFC 3339 UTC.
 * Rejects impossible dates (2025-02-30) that `Date` would silently roll over.
 */
export function parseDate(value: unknown): { ok: true; iso: string } | { ok: false; message: string } {
  if (typeof value !== "string") return { ok: false, message: `must be a date like 2025-12-01, got ${typeName(value)}` };
  const m = DATE.exec(value.trim());
  if (!m) return { ok: false, message: `"${value}" is not a date: use YYYY-MM-DD or an ISO 8601 date-time` };
  const [, y, mo, d, h = "00", mi = "00", s = "00", zone = "Z"] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return { ok: false, message: `"${value}" is not a real date` };
  }
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone}`);
  if (Number.isNaN(ms)) return { ok: false, message: `"${value}" is not a real date` };
  return { ok: true, iso: new Date(ms).toISOString().replace(".000Z", "Z") };
}

/** A one-line text field, trimmed; undefined when absent or wrong (the problem is recorded). */
export function textField(
  data: Record<string, unknown>,
  field: string,
  max: number,
  problems: FieldProblem[],
): string | undefined {
  const value = data[field];
  if (value === undefined) return undefined;
  if (typeof value !== "string") {
    problems.push({ field, message: `must be text, got ${typeName(value)}` });
    return undefined;
  }
  const trimmed = value.trim();
  if (trimmed === "") {
    problems.push({ field, message: "must not be empty" });
    return undefined;
  }
  if (trimmed.length > max) problems.push({ field, message: `must be at most ${max} characters, got ${trimmed.length}` });
  const line = singleLineProblem(trimmed);
  if (line) {
    problems.push({ field, message: line });
    return undefined;
  }
  return trimmed;
}

/** A true/false field, false when absent. */
export function flagField(data: Record<string, unknown>, field: string, problems: FieldProblem[]): boolean {
  const value = data[field];
  if (value === undefined) return false;
  if (typeof value === "boolean") return value;
  problems.push({ field, message: `must be true or false, got ${typeName(value)}` });
  return false;
}

export function validateFields(data: Record<string, unknown>): { fields?: Fields; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(data)) {
    if (!KNOWN.has(key)) problems.push({ field: key, message: unknownFieldMessage(key, [...KNOWN]) });
  }

  if (data.title === undefined) problems.push({ field: "title", message: "is required" });
  const title = textField(data, "title", MAX_TITLE, problems);
  const description = textField(data, "description", MAX_DESCRIPTION, problems);

  let date: string | undefined;
  if (data.date === undefined) problems.push({ field: "date", message: "is required" });
  else {
    const parsed = parseDate(data.date);
    if (parsed.ok) date = parsed.iso;
    else problems.push({ field: "date", message: parsed.message });
  }

  let updated: string | undefined;
  if (data.updated !== undefined) {
    const parsed = parseDate(data.updated);
    if (!parsed.ok) problems.push({ field: "updated", message: parsed.message });
    else if (date && parsed.iso < date) problems.push({ field: "updated", message: "must not be before date" });
    else updated = parsed.iso;
  }

  let tags: string[] = [];
  if (data.tags !== undefined) {
    if (!Array.isArray(data.tags))
      problems.push({ field: "tags", message: `must be a list like [rust, backend], got ${typeName(data.tags)}` });
    else {
      tags = [];
      data.tags.forEach((raw, i) => {
        // `Café` and `cafe\u0301` are the tag `café`: one spelling, one URL (src/shared/tags.ts).
        const tag = typeof raw === "string" ? canonicalTag(raw) : undefined;
        if (tag === undefined || !hasTagShape(tag)) {
          problems.push({
            field: `tags[${i}]`,
            message: `${JSON.stringify(raw)} must be letters and digits, in any script, joined by hyphens (web-dev, café, 天気)`,
          });
        } else if (!isCanonicalTag(tag)) {
          const bytes = utf8Bytes(tag);
          problems.push({
            field: `tags[${i}]`,
            message: `must be at most ${MAX_TAG_BYTES} bytes of UTF-8 (a Latin letter takes 1, a Japanese character 3), got ${bytes}`,
          });
        } else if (!tags.includes(tag)) tags.push(tag);
      });
    }
  }

  const draft = flagField(data, "draft", problems);

  if (problems.length > 0 || title === undefined || date === undefined) return { problems };
  return { fields: { title, date, updated, description, tags, draft }, problems };
}
