/**
 * The layout check (tools/check-layout.ts) on trees the test writes: it passes the real tree,
 * and fails on each way the layout can be broken. Runs in Node: node --test test/node/check-layout.test.ts
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, test } from "node:test";

const root = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "edge-blog-layout-"));
after(() => rmSync(work, { recursive: true, force: true }));

let trees = 0;
/** A tree of files (path → text), checked as `npm run check` checks the repository. */
function check(files: Record<string, string>) {
  const dir = join(work, String(trees++));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const run = spawnSync(process.execPath, [join(root, "tools/check-layout.ts"), dir], { encoding: "utf8" });
  return { status: run.status, errors: run.stderr.split("\n").filter((l) => l && !l.includes("layout problem")) };
}

/** A tree that keeps the rules: the Worker and the build each import shared, and tests anything. */
const GOOD: Record<string, string> = {
  "src/shared/types.ts": "export interface Post { slug: string }\n",
  "src/worker/index.ts": 'import type { Post } from "../shared/types.ts";\nimport { site } from "../generated/content.ts";\n',
  "src/generated/content.ts": 'import type { Post } from "../shared/types.ts";\nexport const site = {};\n',
  "src/build/index.ts": 'import { readFileSync } from "node:fs";\nimport type { Post } from "../shared/types.ts";\n',
  "src/authoring/new-post.ts": 'import "../build/index.ts";\n',
  "test/x.test.ts": 'import "../src/worker/index.ts";\nimport "../src/build/index.ts";\n',
  "bench/run.ts": 'import "../src/worker/index.ts";\n',
};

test("the repository's own tree keeps the layout", () => {
  const run = spawnSync(process.execPath, [join(root, "tools/check-layout.ts"), root], { encoding: "utf8" });
  assert.equal(run.stderr, "");
  assert.equal(run.status, 0);
});

test("a tree that keeps the rules passes", () => {
  assert.deepEqual(check(GOOD), { status: 0, errors: [] });
});

test("the Worker importing the build fails, naming the file, the import and the rule", () => {
  const { status, errors } = check({ ...GOOD, "src/worker/routes/x.ts": 'import { parsePost } from "../../build/index.ts";\n' });
  assert.equal(status, 1);
  assert.deepEqual(errors, [
    "src/worker/routes/x.ts → ../../build/index.ts: the Worker (src/worker) may import the Worker (src/worker), the shared part (src/shared), the generated modules (src/generated); not the build (src/build)",
  ]);
});

test("the build importing the Worker fails, a type-only import too", () => {
  const { status, errors } = check({ ...GOOD, "src/build/x.ts": 'type T = import("../worker/index.ts").T;\n' });
  assert.equal(status, 1);
  assert.match(
    errors.join("\n"),
    /^src\/build\/x\.ts → \.\.\/worker\/index\.ts: the build \(src\/build\) may import .*; not the Worker/,
  );
});

test("shared importing either program fails, and so does a Node API in shared or Worker code", () => {
  const { status, errors } = check({
    ...GOOD,
    "src/shared/a.ts": 'export { x } from "../build/index.ts";\n',
    "src/worker/b.ts": 'import { readFileSync } from "node:fs";\n',
  });
  assert.equal(status, 1);
  assert.equal(errors.length, 2);
  assert.match(
    errors[0] as string,
    /^src\/shared\/a\.ts → \.\.\/build\/index\.ts: the shared part \(src\/shared\) may import the shared part \(src\/shared\); not the build/,
  );
  assert.equal(errors[1], "src/worker/b.ts → node:fs: the Worker (src/worker) runs in workerd, which has no Node API");
});

test("a file outside the layout fails", () => {
  const { status, errors } = check({ ...GOOD, "src/stray.ts": "export const x = 1;\n" });
  assert.equal(status, 1);
  assert.deepEqual(errors, ["src/stray.ts: is outside the layout: put it in src/build, src/worker, src/shared or src/authoring"]);
});

test("an import circle fails, even through types only, and names every module in it", () => {
  const { status, errors } = check({
    ...GOOD,
    "src/build/a.ts": 'import type { B } from "./b.ts";\nexport type A = B;\n',
    "src/build/b.ts": 'import type { C } from "./c.ts";\nexport type B = C;\n',
    "src/build/c.ts": 'export type C = import("./a.ts").A;\n',
  });
  assert.equal(status, 1);
  assert.deepEqual(errors, [
    "src/build/a.ts: is in an import circle: src/build/a.ts > src/build/b.ts > src/build/c.ts > src/build/a.ts",
  ]);
});
