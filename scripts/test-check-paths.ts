/**
 * scripts/check-paths.ts: a tracked file naming one machine's absolute path fails `npm run
 * check`; system paths and URL paths do not.
 *
 *   node --test scripts/test-check-paths.ts
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { personalPaths } from "./check-paths.ts";

test("paths of a developer's machine are found, with their lines", () => {
  assert.deepEqual(
    personalPaths(
      [
        'import x from "/work/main/src/app.ts";',
        "see /home/ana/blog/content",
        "at file:///Users/ana/edge-blog/src/index.ts:3",
        "C:\\Users\\ana\\blog",
        "/root/.npm",
      ].join("\n"),
    ),
    [
      { line: 1, path: "/work/main" },
      { line: 2, path: "/home/ana" },
      { line: 3, path: "/Users/ana" },
      { line: 4, path: "C:\\Users\\ana" },
      { line: 5, path: "/root/.npm" },
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
