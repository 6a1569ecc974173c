/**
 * What the Worker's script carries, since every byte of it is compiled when an isolate starts:
 * - the interface catalogues of the blog's own languages, and no other (the build writes each
 *   language's into its site record, src/build/content/module.ts); the ten of them were a
 *   quarter of it;
 * - no regular-expression literal with a Unicode property escape (`/\p{L}/u`): each costs start-up
 *   1 to 2 ms whether or not it is used (src/shared/lazy-regexp.ts);
 * - no JSX runtime (hono/jsx): the pages are joined from strings (src/worker/views/), and the
 *   runtime was 30 KiB of the script;
 * - Hono's PatternRouter (hono/tiny), not the default's RegExpRouter and TrieRouter, which are
 *   15 KiB more and join every route into one expression on the isolate's first request.
 *
 *   node --test test/node/worker-bundle.test.ts
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { after, test } from "node:test";
import ts from "typescript";
import { CATALOGUES } from "../../src/shared/i18n/catalogues.ts";

const root = resolve(import.meta.dirname, "../..");
// Inside the repository (tmp/ is ignored by git), so the copy finds node_modules as the Worker does.
mkdirSync(join(root, "tmp"), { recursive: true });
const work = mkdtempSync(join(root, "tmp", "worker-bundle-"));
after(() => rmSync(work, { recursive: true, force: true }));
const compatibility = readFileSync(join(root, "wrangler.toml"), "utf8")
  .split("\n")
  .filter((line) => /^compatibility_(date|flags) = /.test(line));

const scripts = new Map<string, string>();

/** The deployed script of the engine with `fixture` (under test/fixtures) as its content. */
function script(fixture: string): string {
  const made = scripts.get(fixture) ?? bundle(fixture);
  scripts.set(fixture, made);
  return made;
}

function bundle(fixture: string): string {
  const dir = join(work, fixture);
  cpSync(join(root, "src"), join(dir, "src"), { recursive: true });
  const out = join(dir, "src", "generated");
  const build = spawnSync(
    "node",
    [join(root, "src/build/index.ts"), "--quiet", "--no-cards", "--content", join(root, "test/fixtures", fixture)].concat([
      "--out",
      out,
      "--assets",
      join(dir, "assets"),
      "--cache",
      join(dir, "cache"),
    ]),
    { cwd: root, encoding: "utf8" },
  );
  assert.equal(build.status, 0, build.stderr);
  writeFileSync(
    join(dir, "wrangler.toml"),
    [`name = "bundle-test"`, `main = "src/worker/index.ts"`, ...compatibility, ""].join("\n"),
  );
  const deploy = spawnSync("npx", ["--no", "wrangler", "deploy", "--dry-run", "--outdir", join(dir, "dist")], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  assert.equal(deploy.status, 0, deploy.stderr);
  return readFileSync(join(dir, "dist", "index.js"), "utf8");
}

/** The script with its string escapes read (esbuild writes non-ASCII characters as `\xE9`, `\u3042`). */
const unescaped = (js: string) =>
  js.replace(/\\u\{([0-9a-fA-F]+)\}|\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})/g, (_, a, b, c) =>
    String.fromCodePoint(Number.parseInt(a ?? b ?? c, 16)),
  );

/** A message's entry as a script writes it (`relatedPosts: "…"` or, as JSON, `"relatedPosts": "…"`), not prose in a comment. */
const entry = (key: string, value: string) =>
  new RegExp(`\\b${key}["']?:\\s*["'\`]${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["'\`]`, "g");

/** Which catalogues a script holds, told by a message only that catalogue words as it does. */
function cataloguesIn(script: string): string[] {
  const js = unescaped(script);
  return Object.entries(CATALOGUES)
    .filter(([code, c]) => {
      const own = String(c.relatedPosts);
      const shared = Object.entries(CATALOGUES).some(([other, o]) => other !== code && o.relatedPosts === own);
      assert.ok(!shared, `${code}'s relatedPosts is not its own`);
      return entry("relatedPosts", own).test(js);
    })
    .map(([code]) => code)
    .sort();
}

test("an English blog's Worker carries the English catalogue only, and once", () => {
  const js = script("blog");
  assert.deepEqual(cataloguesIn(js), ["en"]);
  assert.equal(unescaped(js).match(entry("skipToContent", String(CATALOGUES.en?.skipToContent)))?.length, 1);
});

test("a Brazilian Portuguese blog's Worker carries Portuguese only, not English besides", () => {
  assert.deepEqual(cataloguesIn(script("blog-pt-br")), ["pt"]);
});

test("a blog in English, Portuguese, Japanese and Arabic carries those four", () => {
  assert.deepEqual(cataloguesIn(script("blog-languages")), ["ar", "en", "ja", "pt"]);
});

/** The regular-expression literals of a script, as written (TypeScript's parser tells them from division and strings). */
function regExpLiterals(js: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isRegularExpressionLiteral(node)) found.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile("index.js", js, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS));
  return found;
}

test("the Worker's script has no regular-expression literal with a Unicode property escape", () => {
  const literals = regExpLiterals(script("blog-languages"));
  assert.ok(literals.length > 10, `only ${literals.length} literals found: is the parser reading the script?`);
  assert.ok(
    literals.some((r) => r.includes("\\s")),
    "the literals are read as written",
  );
  assert.deepEqual(
    literals.filter((r) => /\\[pP]\{/.test(r)),
    [],
  );
});

test("the Worker's script carries no JSX runtime: every page is joined from strings", () => {
  const js = script("blog-languages");
  // esbuild heads each module's code with its path: `// ../node_modules/hono/dist/jsx/base.js`.
  assert.match(js, /^\/\/ \S*node_modules\/hono\/dist\/hono-base\.js$/m, "the script names the modules it was made of");
  assert.doesNotMatch(js, /^\/\/ \S*node_modules\/hono\/dist\/jsx\//m);
});

test("the Worker routes with Hono's PatternRouter, which compiles nothing on the first request", () => {
  const js = script("blog-languages");
  assert.match(js, /^\/\/ \S*node_modules\/hono\/dist\/router\/pattern-router\/router\.js$/m);
  assert.doesNotMatch(js, /^\/\/ \S*node_modules\/hono\/dist\/router\/(reg-exp|trie|smart)-router\//m);
});
