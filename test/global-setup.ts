import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * Builds the fixture blog the engine tests run on (test/fixtures/blog → test/.generated), with
 * the real build script, before any test loads the Worker; and its preview build, as `npm start`
 * builds it (→ test/.generated-preview, for the `preview` project). Runs in Node, once per
 * `vitest run`.
 */
export default function buildFixtureBlog(): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  for (const [out, ...flags] of [["test/.generated"], ["test/.generated-preview", "--preview"]]) {
    const run = spawnSync(
      process.execPath,
      ["src/build/index.ts", "--quiet", "--content", "test/fixtures/blog", "--out", out as string, ...flags],
      { cwd: root, encoding: "utf8", env: { ...process.env, BLOG_PREVIEW: "" } },
    );
    if (run.status !== 0) throw new Error(`the fixture blog failed to build (${out}):\n${run.stderr}`);
  }
}
