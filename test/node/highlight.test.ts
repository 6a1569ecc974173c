/**
 * The build's highlighter (src/build/content/highlight.ts) loads each grammar the first time a
 * post uses it, where highlight.js's main module registers all of them on import. Its output
 * must be the main module's, for every name and alias, from a fresh start each time: a grammar
 * that embeds others (HTML's scripts and styles, PHP in a template) must bring them along.
 *
 *   node --test test/node/highlight.test.ts
 */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import type { HLJSApi } from "highlight.js";
import { LANGUAGE_FILES, LANGUAGE_ORDER } from "../../src/build/content/highlight-languages.ts";
import { languageFiles, languageOrder } from "../../tools/highlight-languages.ts";

const require = createRequire(import.meta.url);
const full = require("highlight.js") as HLJSApi;
const reference = (code: string, lang: string) =>
  full.highlight(code, { language: lang && full.getLanguage(lang) ? lang : "plaintext" }).value;

/** The module with a core of its own, nothing registered: as the first post of a build finds it. */
let fresh = 0;
async function freshHighlighter(): Promise<(code: string, lang: string) => string> {
  delete require.cache[require.resolve("highlight.js/lib/core")];
  const url = new URL("../../src/build/content/highlight.ts", import.meta.url);
  url.searchParams.set("fresh", String(fresh++));
  return ((await import(url.href)) as { highlightCode: (code: string, lang: string) => string }).highlightCode;
}

/** Code with something for most grammars to hold on to, and HTML's embedded languages. */
const SAMPLE = [
  '<!DOCTYPE html><html lang="en"><head><style>body { color: red; } /* c */</style>',
  "<script>const x = `a` + 1; function f(a, b) { return a + b; } // c</script></head>",
  '<body class="x"><?php echo "hi"; $a = [1, 2]; ?> {{ name | upper }} <%= x %></body></html>',
  "def main(args):",
  '    if x == 1 and y != "s": return 0x1F  # comment',
  "SELECT id, name FROM t WHERE a = 'b' ORDER BY 1;",
  "fn main() -> Result<(), String> { let v: Vec<u8> = vec![1]; Ok(()) }",
  '$ ls -la | grep foo && echo "done"',
  ">>> print('hi')",
  "key: value",
  "- item",
].join("\n");

test("the table of names and aliases is highlight.js's own (after an upgrade: node tools/highlight-languages.ts)", () => {
  assert.deepEqual(LANGUAGE_FILES, languageFiles());
  assert.deepEqual(LANGUAGE_ORDER, languageOrder());
});

/** An HTTP request with a JSON body: highlight.js guesses the body's language among every grammar. */
const HTTP =
  'POST /task?id=1 HTTP/1.1\nHost: example.org\nContent-Type: application/json\n\n{"status": "ok", "n": [1, 2.5, true, null]}';

test("whatever was loaded before, on one core: an alias two languages share, a guessed body, a prototype's name", async () => {
  const highlight = await freshHighlighter();
  // OCaml and Lasso claim `ml` and `ls` as well as SML and LiveScript; the main module says SML and LiveScript.
  for (const name of [
    "ocaml",
    "ml",
    "lasso",
    "ls",
    "http",
    "constructor",
    "__proto__",
    "toString",
    ...Object.keys(LANGUAGE_FILES),
  ]) {
    assert.equal(highlight(SAMPLE, name), reference(SAMPLE, name), name);
  }
  for (const name of ["http", "https"]) assert.equal(highlight(HTTP, name), reference(HTTP, name), name);
  const fresh = await freshHighlighter();
  assert.equal(fresh("datatype t = A | B", "ocaml"), reference("datatype t = A | B", "ocaml"));
  assert.equal(fresh("datatype t = A | B", "ml"), reference("datatype t = A | B", "ml"));
  assert.equal(fresh(HTTP, "http"), reference(HTTP, "http"));
});

test("every name and alias highlights as the main module does, each from a fresh start", async () => {
  const names = Object.keys(LANGUAGE_FILES);
  assert.ok(names.length > 350, `${names.length} names and aliases`);
  for (const name of [...names, "JavaScript", "HTML", "no-such-language", ""]) {
    const highlight = await freshHighlighter();
    assert.equal(highlight(SAMPLE, name), reference(SAMPLE, name), name);
  }
});
