import type { MessageKey, Messages } from "../i18n/index.ts";

/**
 * Text and attribute values escaped exactly as hono/jsx escapes them (`&`, `<`, `>`, `"`, `'`),
 * so markup joined from strings, at build time or per request, has the bytes the JSX views
 * rendered for the same markup (test/strings-vs-jsx.test.tsx holds the two against each other).
 */
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const SPECIAL = /[&<>'"]/;

export function escapeHtml(text: string): string {
  return SPECIAL.test(text) ? text.replace(/[&<>'"]/g, (c) => ESCAPES[c] as string) : text;
}

/** Markup to put in a message's slot as it is, where the message's own words are escaped. */
interface Markup {
  html: string;
}

/**
 * A message with markup in some of its slots (a date, a link), in the language's own word
 * order: its words escaped, the markup joined as it is.
 */
export function messageHtml(
  t: Messages,
  key: MessageKey,
  vars: Record<string, string | number>,
  html: Record<string, string>,
): string {
  const slots: Record<string, Markup | string | number> = { ...vars };
  for (const name in html) slots[name] = { html: html[name] as string };
  let out = "";
  for (const piece of t.parts<Markup>(key, slots)) out += typeof piece === "string" ? escapeHtml(piece) : piece.html;
  return out;
}
