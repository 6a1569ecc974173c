/**
 * The install's warm-up (tools/warm-build.ts): after it, a cold build compiles none of the
 * engine's modules again, on any of its threads: each comes, types stripped and compiled, from
 * the compile cache the warm-up filled.
 *
 *   node --test test/node/warm-build.test.ts
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, test } from "node:test";
import { writeWarmBlog } from "../../tools/warm-build.ts";

const root = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "edge-blog-warm-test-"));
after(() => rmSync(work, { recursive: true, force: true }));
/**
 * Node's compile cache in `cache`, as a list of its entries (name and size). Node writes an
 * entry for each module it compiles, and leaves an entry it could use as it is: an unchanged
 * list means the build compiled nothing. (Node's debug log says the same per module, but its
 * threads' lines interleave on a loaded machine.)
 */
const entries = (cache: string) =>
  existsSync(cache)
    ? readdirSync(cache, { recursive: true })
        .map(String)
        .sort()
        .map((name) => `${name} ${statSync(join(cache, name)).size}`)
    : [];

/** A cold build (no output, no build cache) of a blog large enough to start every thread a build can (src/build/early.ts), with Node's compile cache in `cache`. */
function coldBuild(cache: string, name: string) {
  const dir = join(work, name);
  const content = writeWarmBlog(dir, 250);
  const out = join(dir, "out");
  const args = ["--content", content, "--out", join(out, "generated"), "--assets", join(out, "assets")];
  const r = spawnSync("npm", ["run", "--silent", "build", "--", ...args, "--cache", join(out, "cache")], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NODE_COMPILE_CACHE: cache },
    timeout: 120_000,
  });
  assert.equal(r.status, 0, r.stderr);
  // Every thread it can start did start: the card thread drew the cards as the posts were parsed.
  assert.match(r.stdout, /250 social card\(s\) drawn, 250 as the posts were parsed/);
}

test("without the warm-up, a cold build compiles the build's modules itself (what the warm-up saves)", () => {
  const cache = join(work, "empty-cache");
  coldBuild(cache, "unwarmed");
  assert.ok(entries(cache).length > 100, `${entries(cache).length} entries`);
});

test("after the warm-up, a cold build with a thread per core compiles none of them: every one is cached", () => {
  const cache = join(work, "warm-cache");
  const warmBlogs = () => new Set(readdirSync(tmpdir()).filter((name) => /^edge-blog-warm-(?!test-)/.test(name)));
  const before = warmBlogs();
  const warm = spawnSync(process.execPath, [join(root, "tools", "warm-build.ts")], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NODE_COMPILE_CACHE: cache },
    timeout: 120_000,
  });
  assert.equal(warm.status, 0, warm.stderr);
  assert.match(warm.stdout, /^edge-blog: the build's code is compiled for its first run \(\d+\.\d s\)\n$/);
  const warmed = entries(cache);
  assert.ok(warmed.length > 100, `${warmed.length} entries`);
  coldBuild(cache, "warmed");
  assert.deepEqual(entries(cache), warmed);
  // The warm-up's blog is gone: it wrote nothing that stays.
  assert.deepEqual(
    [...warmBlogs()].filter((name) => !before.has(name)),
    [],
  );
});

test("an install goes on when the warm-up cannot run: it says why and exits 0", () => {
  const warm = spawnSync(process.execPath, [join(root, "tools", "warm-build.ts")], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, TMPDIR: join(work, "no-such-folder") },
    timeout: 60_000,
  });
  assert.equal(warm.status, 0, warm.stderr);
  assert.equal(
    warm.stdout,
    `edge-blog: could not warm the build up (the first build will be slower):\nENOENT: no such file or directory, mkdtemp '${join(work, "no-such-folder", "edge-blog-warm-XXXXXX")}'\n`,
  );
});

test("the lockfile knows the project has an install script: npm install leaves it as committed", () => {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as {
    packages: Record<string, { hasInstallScript?: boolean }>;
  };
  assert.match(pkg.scripts.postinstall ?? "", /tools\/warm-build\.ts/);
  assert.equal(lock.packages[""]?.hasInstallScript, true);
});
