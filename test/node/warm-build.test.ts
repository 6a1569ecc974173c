/**
 * The install's warm-up (tools/warm-build.ts): after it, a cold build compiles none of the
 * engine's modules again, on any of its threads: each comes, types stripped and compiled, from
 * the compile cache the warm-up filled.
 *
 *   node --test test/node/warm-build.test.ts
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, test } from "node:test";
import { pathToFileURL } from "node:url";
import { writeWarmBlog } from "../../tools/warm-build.ts";

const root = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "edge-blog-warm-test-"));
after(() => rmSync(work, { recursive: true, force: true }));
const src = `${pathToFileURL(join(root, "src")).href}/`;

/** A cold build (no output, no build cache) of a blog large enough to start every thread a build can (src/build/early.ts), with Node's compile cache in `cache`: what Node says of each module. */
function coldBuild(cache: string, name: string) {
  const dir = join(work, name);
  const content = writeWarmBlog(dir, 250);
  const out = join(dir, "out");
  const args = ["--content", content, "--out", join(out, "generated"), "--assets", join(out, "assets")];
  const r = spawnSync("npm", ["run", "--silent", "build", "--", "--quiet", ...args, "--cache", join(out, "cache")], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NODE_COMPILE_CACHE: cache, NODE_DEBUG_NATIVE: "COMPILE_CACHE" },
    timeout: 120_000,
  });
  assert.equal(
    r.status,
    0,
    r.stderr
      .split("\n")
      .filter((l) => !l.startsWith("[compile cache]"))
      .join("\n"),
  );
  const lines = r.stderr.split("\n");
  /** The engine's modules (src/) Node compiled in this build, and those it took from the cache. */
  const engine = (pattern: RegExp) =>
    new Set(
      lines.flatMap((l) => (pattern.exec(l)?.[1]?.startsWith(src) ? [(pattern.exec(l)?.[1] ?? "").slice(src.length)] : [])),
    );
  return {
    compiled: engine(/^\[compile cache\] writing cache for (?:ESM|StrippedTypeScript) (\S+)/),
    cached: engine(/^\[compile cache\] V8 code cache for ESM (\S+) was accepted/),
  };
}

test("without the warm-up, a cold build compiles the engine's modules itself (what the warm-up saves)", () => {
  const { compiled, cached } = coldBuild(join(work, "empty-cache"), "unwarmed");
  assert.ok(compiled.has("build/build.ts"), [...compiled].join(", "));
  assert.ok(compiled.has("build/cards/draw-worker.ts"));
  assert.equal(cached.size, 0);
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
  assert.ok(readdirSync(cache).length > 0);
  const { compiled, cached } = coldBuild(cache, "warmed");
  assert.deepEqual([...compiled], []);
  assert.ok(cached.has("build/build.ts"));
  assert.ok(cached.has("build/content/markdown.ts"));
  assert.ok(cached.has("build/cards/draw-worker.ts"));
  if (availableParallelism() > 1) assert.ok(cached.has("build/parse-worker.ts"));
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
