/**
 * `npm start` and `npm test` run side by side: the build `npm test` runs writes only its own
 * folder (test/.your-blog/), never src/generated/ or dist/assets/, which the preview serves. Had
 * it written them, a draft open in the preview would answer 404 until the next save.
 *
 * The test runs the exact build command of package.json's `test` script and compares every file
 * of the preview's two folders, bytes and modification times, before and after.
 *
 *   node --test test/node/side-by-side.test.ts
 */
import assert from "node:assert/strict";
import { execSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";

const root = resolve(import.meta.dirname, "../..");
const scripts: Record<string, string> = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts;

/** Every file under `dir` (relative to the repository) with its size and modification time. */
function snapshot(dir: string): Record<string, string> {
  const abs = join(root, dir);
  if (!existsSync(abs)) return {};
  const files = readdirSync(abs, { withFileTypes: true, recursive: true }).filter((e) => e.isFile());
  return Object.fromEntries(
    files.map((e) => {
      const path = join(e.parentPath, e.name);
      const s = statSync(path);
      return [path, `${s.size} ${s.mtimeMs}`];
    }),
  );
}

test("npm test's build writes test/.your-blog/, and leaves the preview's src/generated/ and dist/assets/ alone", () => {
  const build = scripts.test?.split(" && ")[0] ?? "";
  assert.match(build, /^npm run build -- /, "npm test starts with the content build");
  const before = { generated: snapshot("src/generated"), assets: snapshot("dist/assets") };
  execSync(build, { cwd: root, stdio: "pipe" });
  assert.deepEqual({ generated: snapshot("src/generated"), assets: snapshot("dist/assets") }, before);
  for (const file of ["generated/content.ts", "generated/build.ts", "generated/search.ts", "assets/_headers"])
    assert.ok(existsSync(join(root, "test/.your-blog", file)), `test/.your-blog/${file} is written`);
});

test("the Worker under test reads test/.your-blog/, and `npm start` the folders the preview build writes", () => {
  const blogConfig = readFileSync(join(root, "test/blog/wrangler.toml"), "utf8");
  assert.match(blogConfig, /^directory = "\.\.\/\.your-blog\/assets"$/m);
  const vitest = readFileSync(join(root, "vitest.config.ts"), "utf8");
  assert.match(vitest, /"\.\/test\/\.your-blog\/generated\/"/);
  const deployed = readFileSync(join(root, "wrangler.toml"), "utf8");
  assert.match(deployed, /^directory = "dist\/assets"$/m);
});
