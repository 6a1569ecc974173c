/**
 * `npm run bench` on an author's blog: the article it measures is the blog's newest published
 * post (the shipped sample may be gone), never one scheduled for later.
 *
 *   node --test test/node/bench-defaults.test.ts
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, test } from "node:test";
import { newestPublished } from "../../bench/article.ts";

const root = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "edge-blog-bench-defaults-"));
after(() => rmSync(work, { recursive: true, force: true }));

test("the article measured is the newest published post, past the scheduled ones", async () => {
  const out = join(work, "generated");
  const run = spawnSync(
    process.execPath,
    [join(root, "src/build/index.ts"), "--quiet", "--content", join(root, "test/fixtures/blog"), "--out", out],
    { encoding: "utf8", env: { ...process.env, BLOG_PREVIEW: "" } },
  );
  assert.equal(run.status, 0, run.stderr);
  // The fixture's newest post, the-launch, is dated 2099: scheduled, so the next one is measured.
  assert.equal(await newestPublished(out), "rust-on-the-back-end");
});
