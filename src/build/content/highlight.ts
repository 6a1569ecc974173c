/**
 * Code highlighting with highlight.js, each language loaded the first time a post uses it. The
 * package's main module registers all of its 190-odd languages on import: about 0.2 s of every
 * build, when a rebuild renders a post or two. The output is the same:
 * test/node/highlight.test.ts holds it against the main module, for every name and alias.
 *
 * Node only (it loads grammars with `require`). Inside workerd, where the engine's tests run the
 * pipeline, vitest.config.ts swaps in highlight-all.ts, the main module behind the same function.
 */
import { createRequire } from "node:module";
import type { HLJSApi, Language } from "highlight.js";
import { LANGUAGE_FILES } from "./highlight-languages.ts";

const require = createRequire(import.meta.url);
const hljs = require("highlight.js/lib/core") as HLJSApi;

/** Registers the language a name or alias stands for, and the ones it embeds; false for none. */
function load(name: string): boolean {
  if (hljs.getLanguage(name)) return true;
  const file = LANGUAGE_FILES[name];
  if (file === undefined) return false;
  hljs.registerLanguage(file, require(`highlight.js/lib/languages/${file}`));
  // HTML's scripts and styles, a REPL's language: highlighted as the main module would.
  for (const sub of embedded(hljs.getLanguage(file))) if (sub !== "self") load(sub);
  return true;
}

/** Every `subLanguage` a grammar names, anywhere in its modes. */
function embedded(language: Language | undefined): Set<string> {
  const found = new Set<string>();
  const seen = new Set<object>();
  const walk = (value: unknown) => {
    if (typeof value !== "object" || value === null || value instanceof RegExp || seen.has(value)) return;
    seen.add(value);
    const sub = (value as { subLanguage?: unknown }).subLanguage;
    for (const s of typeof sub === "string" ? [sub] : Array.isArray(sub) ? sub : []) found.add(String(s));
    for (const v of Object.values(value)) walk(v);
  };
  walk(language);
  return found;
}

/** `code` as highlight.js's HTML in `lang` (a name or alias, any case), or as plain text for one it does not know. */
export function highlightCode(code: string, lang: string): string {
  const name = lang.toLowerCase();
  const language = name && load(name) ? name : "plaintext";
  load(language);
  return hljs.highlight(code, { language }).value;
}
