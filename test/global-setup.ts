import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * Builds the fixture blog the engine tests run on (test/fixtures/blog → test/.generated), with
 * the real build script, before any test loads the Worker. Runs in Node, once per `vitest run`.
 */
export default function buildFixtureBlog(): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const run = spawnSync(
    process.execPath,
    ["scripts/build-content.ts", "--quiet", "--content", "test/fixtures/blog", "--out", "test/.generated"],
    { cwd: root, encoding: "utf8" },
  );
  if (run.status !== 0) throw new Error(`the fixture blog failed to build:\n${run.stderr}`);
}
