/**
 * The three representations every page has, and how each is named in a URL and on the wire.
 * A leaf module: paths, negotiation, routes and representations all depend on it, it on nothing.
 */

export type Format = "html" | "json" | "markdown";

/** Server preference, highest first: the tie-breaker when `Accept` rates formats equally. */
export const FORMATS: readonly Format[] = ["html", "json", "markdown"];

export const MEDIA_TYPES: Record<Format, string> = {
  html: "text/html",
  json: "application/json",
  markdown: "text/markdown",
};

export const CONTENT_TYPES: Record<Format, string> = {
  html: "text/html; charset=utf-8",
  json: "application/json; charset=utf-8",
  markdown: "text/markdown; charset=utf-8",
};

/** The suffix of each format's explicit URL: `/posts/x` (HTML), `/posts/x.json`, `/posts/x.md`. */
export const EXTENSIONS: Record<Format, string> = { html: "", json: ".json", markdown: ".md" };

/** `x.json` → { name: "x", format: "json" }; a name without a known suffix is HTML. */
export function splitExtension(name: string): { name: string; format: Format } {
  if (name.endsWith(".json")) return { name: name.slice(0, -5), format: "json" };
  if (name.endsWith(".md")) return { name: name.slice(0, -3), format: "markdown" };
  return { name, format: "html" };
}
