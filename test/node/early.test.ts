/**
 * Threads a cold build starts before it has loaded itself (src/build/early.ts): started only for
 * a build that looks cold and large, handed to the build when it asks, and never keeping the
 * process alive when it does not.
 *
 *   node --test test/node/early.test.ts
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, test } from "node:test";

const root = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "edge-blog-early-"));
after(() => rmSync(work, { recursive: true, force: true }));

const blog = (name: string, posts: number) => {
  const dir = join(work, name);
  mkdirSync(join(dir, "posts"), { recursive: true });
  for (let i = 0; i < posts; i++) writeFileSync(join(dir, "posts", `p-${i}.md`), "");
  return dir;
};

/** Runs startEarly in a process of its own; prints how many of each thread wait, and exits on its own. */
function early(content: string, cache: string, cards: boolean) {
  const script = `
    import { startEarly, waiting, PARSE_WORKER, DRAW_WORKER } from ${JSON.stringify(join(root, "src/build/early.ts"))};
    startEarly(${JSON.stringify(content)}, ${JSON.stringify(cache)}, ${cards});
    console.log(JSON.stringify([waiting(PARSE_WORKER), waiting(DRAW_WORKER)]));
  `;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as [number, number];
}

test("a cold build of many posts starts a parser per other core, and a card drawer; the process still ends by itself", () => {
  const parsers = Math.min(availableParallelism(), 2) - 1;
  assert.deepEqual(early(blog("many", 250), join(work, "no-cache"), true), [parsers, 1]);
  assert.deepEqual(early(blog("many-no-cards", 250), join(work, "no-cache"), false), [parsers, 0]);
});

test("a small blog, or one whose caches are there, starts none", () => {
  assert.deepEqual(early(blog("few", 20), join(work, "no-cache"), true), [0, 0]);
  const cache = join(work, "warm-cache");
  mkdirSync(join(cache, "posts", "snapshot"), { recursive: true });
  mkdirSync(join(cache, "cards"), { recursive: true });
  writeFileSync(join(cache, "cards", "index.json"), "{}");
  assert.deepEqual(early(blog("warm", 250), cache, true), [0, 0]);
  assert.deepEqual(early(join(work, "no-such-blog"), join(work, "no-cache"), true), [0, 0]);
});
