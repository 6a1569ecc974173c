/**
 * Code highlighting with highlight.js, each language loaded the first time a post uses it. The
 * package's main module registers all of its 190-odd languages on import: about 0.2 s of every
 * build, when a rebuild renders a post or two. The output is the main module's, whatever was
 * loaded before: test/node/highlight.test.ts holds it so for every name and alias.
 *
 * Node only (it loads grammars with `require`). Inside workerd, where the engine's tests run the
 * pipeline, vitest.config.ts swaps in highlight-all.ts, the main module behind the same function.
 */
import { createRequire } from "node:module";
import type { HLJSApi, Language } from "highlight.js";
import { LANGUAGE_FILES, LANGUAGE_ORDER } from "./highlight-languages.ts";

const require = createRequire(import.meta.url);
const core = require("highlight.js/lib/core") as HLJSApi;
/** Languages loaded so far: whether each needs every grammar (below). */
const loaded = new Map<string, boolean>();

/** The language file a name or alias stands for, as the main module resolves it (`ml` is sml). */
const fileOf = (name: string): string | undefined => (Object.hasOwn(LANGUAGE_FILES, name) ? LANGUAGE_FILES[name] : undefined);

/**
 * Registers a language and the ones it embeds (HTML's scripts and styles, a REPL's language).
 * True when it, or one it embeds, guesses an embedded language among every grammar registered
 * (HTTP's body: `subLanguage: []`): only the main module's registry gives the main module's guess.
 */
function load(file: string): boolean {
  const known = loaded.get(file);
  if (known !== undefined) return known;
  loaded.set(file, false);
  core.registerLanguage(file, require(`highlight.js/lib/languages/${file}`));
  const { names, any } = embedded(core.getLanguage(file));
  let needsAll = any;
  for (const name of names) {
    const sub = fileOf(name.toLowerCase());
    if (sub !== undefined && load(sub)) needsAll = true;
  }
  loaded.set(file, needsAll);
  return needsAll;
}

/** Every language a grammar embeds by name, and whether it lets highlight.js guess among all. */
function embedded(language: Language | undefined): { names: Set<string>; any: boolean } {
  const names = new Set<string>();
  let any = false;
  const seen = new Set<object>();
  const walk = (value: unknown) => {
    if (typeof value !== "object" || value === null || value instanceof RegExp || seen.has(value)) return;
    seen.add(value);
    const sub = (value as { subLanguage?: unknown }).subLanguage;
    if (typeof sub === "string" && sub !== "self") names.add(sub);
    if (Array.isArray(sub)) {
      if (sub.length === 0) any = true;
      for (const s of sub) if (s !== "self") names.add(String(s));
    }
    for (const v of Object.values(value)) walk(v);
  };
  walk(language);
  return { names, any };
}

/** The main module's registry, on a core of its own, for the grammars that guess among all. */
let everything: HLJSApi | undefined;
function all(): HLJSApi {
  if (!everything) {
    everything = core.newInstance();
    for (const file of LANGUAGE_ORDER) everything.registerLanguage(file, require(`highlight.js/lib/languages/${file}`));
  }
  return everything;
}

/** `code` as highlight.js's HTML in `lang` (a name or alias, any case), or as plain text for one it does not know. */
export function highlightCode(code: string, lang: string): string {
  const file = fileOf(lang.toLowerCase()) ?? "plaintext";
  return (load(file) ? all() : core).highlight(code, { language: file }).value;
}
