/**
 * Writes src/build/content/highlight-languages.ts: every name and alias highlight.js knows, and
 * the language file each one is in, read from the installed package. Run it after upgrading
 * highlight.js; test/node/highlight.test.ts fails until then.
 *
 *   node tools/highlight-languages.ts
 */
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import type { HLJSApi } from "highlight.js";

const root = resolve(import.meta.dirname, "..");

/** Name or alias, lower-cased as highlight.js looks them up → the file (`lib/languages/<file>.js`). */
export function languageFiles(): Record<string, string> {
  const hljs = createRequire(import.meta.url)("highlight.js") as HLJSApi;
  const files: Record<string, string> = {};
  const fileOf = new Map(hljs.listLanguages().map((name) => [hljs.getLanguage(name), name]));
  for (const name of hljs.listLanguages()) {
    files[name] = name;
    // Where two languages claim an alias, the one highlight.js itself resolves it to.
    for (const alias of hljs.getLanguage(name)?.aliases ?? []) {
      const owner = fileOf.get(hljs.getLanguage(alias));
      if (owner) files[alias.toLowerCase()] = owner;
    }
  }
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The language files in the order the main module registers them, which decides its guesses' ties. */
export function languageOrder(): string[] {
  return (createRequire(import.meta.url)("highlight.js") as HLJSApi).listLanguages();
}

if (import.meta.main) {
  const version = (createRequire(import.meta.url)("highlight.js/package.json") as { version: string }).version;
  const file = join(root, "src", "build", "content", "highlight-languages.ts");
  writeFileSync(
    file,
    [
      `/** Written by tools/highlight-languages.ts from highlight.js ${version}. */`,
      "",
      "/** A language's name or alias, lower-cased → its file. */",
      `export const LANGUAGE_FILES: Readonly<Record<string, string>> = ${JSON.stringify(languageFiles())};`,
      "",
      "/** The files in the order the main module registers them. */",
      `export const LANGUAGE_ORDER: readonly string[] = ${JSON.stringify(languageOrder())};`,
      "",
    ].join("\n"),
  );
  // In the repository's own format, so the lint passes on what this wrote.
  const biome = join(root, "tools", "lint", "node_modules", ".bin", "biome");
  if (existsSync(biome)) execFileSync(biome, ["format", "--write", file], { stdio: "inherit" });
}
