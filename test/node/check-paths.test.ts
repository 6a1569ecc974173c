/**
 * tools/check-paths.ts: a tracked file naming one machine's absolute path fails `npm run
 * check`; system paths and URL paths do not.
 *
 *   node --test test/node/check-paths.test.ts
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { personalPaths } from "../../tools/check-paths.ts";

/** An absolute path, spelled so this file does not name one itself (npm run check reads it too). */
const at = (path: string) => `/${path}`;
/** A Windows path with `sep` between its parts: one backslash as written, two in a string literal. */
const windows = (sep: string, ...parts: string[]) => ["C:", ...parts].join(sep);

test("paths of a developer's machine are found, with their lines", () => {
  assert.deepEqual(
    personalPaths(
      [
        `import x from "${at("work/main/src/app.ts")}";`,
        `see ${at("home/ana/blog/content")}`,
        `at file://${at("Users/ana/edge-blog/src/index.ts")}:3`,
        windows("\\", "Users", "ana", "blog"),
        windows("\\\\", "Users", "ana", "blog"),
        at("root/.npm"),
      ].join("\n"),
    ),
    [
      { line: 1, path: at("work/main") },
      { line: 2, path: at("home/ana") },
      { line: 3, path: at("Users/ana") },
      { line: 4, path: windows("\\", "Users", "ana") },
      { line: 5, path: windows("\\\\", "Users", "ana") },
      { line: 6, path: at("root/.npm") },
    ],
  );
});

test("the repository's own location is found wherever it is", () => {
  assert.deepEqual(personalPaths("cwd: /data/ci/edge-blog/src", "/data/ci/edge-blog"), [{ line: 1, path: "/data/ci/edge-blog" }]);
});

test("system paths, URL paths and relative paths are fine", () => {
  const fine = [
    "/etc/hostname",
    "/usr/bin/chromium",
    "/dev/null",
    "/tmp/edge-blog-x",
    "https://example.com/home/ana",
    "http://localhost:8787/work/x",
    "/posts/home",
    "../home/x",
    "node_modules/.bin/node",
    "~/work/blog",
  ];
  assert.deepEqual(personalPaths(fine.join("\n")), []);
});
