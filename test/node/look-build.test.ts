/**
 * The blog's look from content/, as the build script applies it: a theme in site.yaml and
 * content/site/style.css become the page's stylesheet and its CSP hash; a theme that fails
 * contrast or a style.css that would load something fails the build with one clear problem;
 * and a blog with neither builds exactly as before.
 *
 *   node --test test/node/look-build.test.ts
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, test } from "node:test";
import { STYLES } from "../../src/shared/styles.ts";

const root = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "edge-blog-look-"));
after(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the fixture blog with `site.yaml` extended and `files` (path → text) added. */
function blog(name: string, siteYaml: string, files: Record<string, string> = {}): string {
  const content = join(work, name);
  cpSync(join(root, "test", "fixtures", "blog"), content, { recursive: true });
  writeFileSync(join(content, "site.yaml"), readFileSync(join(content, "site.yaml"), "utf8") + siteYaml);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(content, path, ".."), { recursive: true });
    writeFileSync(join(content, path), text);
  }
  return content;
}

function build(content: string) {
  const out = `${content}-out`;
  const run = spawnSync(
    process.execPath,
    [join(root, "src", "build", "index.ts"), "--quiet", "--content", content, "--out", out, "--cache", join(work, "cache")],
    { cwd: content, encoding: "utf8" },
  );
  return { run, out };
}

const problems = (stderr: string) =>
  stderr
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.includes(" → "));
const hash = (css: string) => `sha256-${createHash("sha256").update(css).digest("base64")}`;
const styleHashIn = (out: string) => /export const styleHash = "([^"]+)";/.exec(readFileSync(join(out, "build.ts"), "utf8"))?.[1];

test("a blog without a theme or style.css inlines the built-in stylesheet, unchanged", () => {
  const { run, out } = build(blog("plain", ""));
  assert.equal(run.status, 0, run.stderr);
  assert.equal(styleHashIn(out), hash(STYLES));
  assert.equal(readFileSync(join(out, "content.ts"), "utf8").includes("stylesheet"), false);
});

test("a theme failing contrast fails the build with one problem naming both colours and the ratio", () => {
  const { run } = build(blog("low-contrast", 'theme:\n  light:\n    background: "#ffffff"\n    accent: "#ffd400"\n'));
  assert.equal(run.status, 1);
  assert.deepEqual(problems(run.stderr), ["site.yaml → theme.light.accent: #ffd400 on #ffffff is 1.4:1, needs 4.5:1"]);
});

test("a style.css with an off-site @import fails the build with its line", () => {
  const { run } = build(
    blog("import", "", { "site/style.css": 'h1{letter-spacing:-.01em}\n@import url("https://fonts.example/a.css");\n' }),
  );
  assert.equal(run.status, 1);
  assert.deepEqual(problems(run.stderr), [
    "site/style.css → line 2: @import is not allowed: the page's CSP loads no other stylesheet; put the rules in style.css",
  ]);
});

test("a theme and style.css become the page's stylesheet, and its hash the CSP's", () => {
  const css = ".brand{letter-spacing:.02em}";
  const { run, out } = build(
    blog("themed", 'theme:\n  light: { accent: "#6a1b9a" }\n  font: serif\n', { "site/style.css": `${css}\n` }),
  );
  assert.equal(run.status, 0, run.stderr);
  const stylesheet =
    `${STYLES}:root{--accent:#6a1b9a}@media print{:root{--bg:#fff;--fg:#000;--accent:#000;--link:#000}}` +
    `body{font-family:ui-serif,Georgia,Cambria,"Times New Roman",Times,serif}${css}`;
  assert.equal(styleHashIn(out), hash(stylesheet));
  assert.ok(readFileSync(join(out, "content.ts"), "utf8").includes(JSON.stringify(stylesheet)));
});
