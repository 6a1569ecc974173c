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
  for (const [content, out, ...flags] of [
    ["test/fixtures/blog", "test/.generated"],
    ["test/fixtures/blog", "test/.generated-preview", "--preview"],
    // A blog with federation on, for the `federation` project.
    ["test/fixtures/blog-fedi", "test/.generated-federation"],
    // A blog in several languages, for the `languages` project.
    ["test/fixtures/blog-languages", "test/.generated-languages"],
  ]) {
    const run = spawnSync(
      process.execPath,
      ["src/build/index.ts", "--quiet", "--content", content as string, "--out", out as string, ...flags],
      { cwd: root, encoding: "utf8", env: { ...process.env, BLOG_PREVIEW: "" } },
    );
    if (run.status !== 0) throw new Error(`the fixture blog failed to build (${out}):\n${run.stderr}`);
  }
}
