/**
 * After `npm install` (package.json `postinstall`): builds a small throwaway blog with
 * `npm run build`, so Node's compile cache (`NODE_COMPILE_CACHE` in that script) holds the
 * build's modules stripped of their types and compiled. The first real build then starts as
 * every later one does.
 *
 *   node tools/warm-build.ts
 *
 * Without it, the first build after an install (every build in CI: the test job installs, then
 * builds once) pays for type stripping on each thread it starts. The first module a thread
 * strips loads the stripper (WebAssembly), so that alone costs a thread about 0.1 s. Measured:
 * about 0.6 s of a cold build of 1,000 posts, out of about 5 (docs/benchmarks.md).
 *
 * The blog has enough posts for a cold build to start every thread it can: a post parser
 * (src/build/parse-pool.ts) and the card thread (src/build/cards/stage.ts). Those threads run
 * modules of their own, which only they compile. Its posts use the Markdown features the
 * pipeline handles with code of its own (code, footnotes, tables, alerts, maths), so that code
 * is compiled too. It is built in a temporary folder and removed; nothing of the blog's own
 * (content/, src/generated/, dist/) is read or written.
 *
 * An install never fails because of it: whatever goes wrong here (a build that fails or hangs,
 * no temporary folder) is printed and the install goes on; the real build says the same. The
 * npm script adds a last guard: a Node that cannot run TypeScript (the lockfile's Node 24 left
 * out with `--omit=optional`) fails to load this file, and the install still succeeds.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { MIN_POSTS_PER_THREAD } from "../src/build/early.ts";

const root = resolve(import.meta.dirname, "..");

/** Two threads' worth: a cold build of this many posts parses on two threads, and draws cards on a third. */
const WARM_POSTS = 2 * MIN_POSTS_PER_THREAD;

/** One post of the throwaway blog. */
function warmPost(i: number): string {
  return `---
title: "Warming up, part ${i}"
date: 2020-01-${String((i % 28) + 1).padStart(2, "0")}
tags: [warm, part-${i % 3}]
description: "Post ${i} of the build's warm-up."
---

A paragraph with *emphasis*, **strength**, \`code\`, a [link](https://example.com/${i}) and a note.[^1]

## A section

- a list
- of two items

| a | table |
| --- | --- |
| ${i} | row |

> [!NOTE]
> An alert.

Maths: $x^${i % 9}$.

\`\`\`ts
const part: number = ${i};
\`\`\`

[^1]: The note.
`;
}

/** Writes the throwaway blog (`posts` of warmPost) under `dir`; returns its content folder. */
export function writeWarmBlog(dir: string, posts = WARM_POSTS): string {
  const content = join(dir, "content");
  mkdirSync(join(content, "posts"), { recursive: true });
  writeFileSync(
    join(content, "site.yaml"),
    "title: Warm-up\ndescription: The build's warm-up.\nauthor: Warm-up\nlanguage: en\norigin: https://warm-up.example.com\n",
  );
  for (let i = 1; i <= posts; i++) writeFileSync(join(content, "posts", `warm-${i}.md`), warmPost(i));
  return content;
}

/** How long the throwaway build may take (it takes seconds) before the install goes on without it. */
const TIMEOUT_MS = 300_000;

/** Builds the throwaway blog in `dir` with `npm run build`; undefined when it built, else why not. */
function warm(dir: string): string | undefined {
  const content = writeWarmBlog(dir);
  const out = join(dir, "out");
  const args = ["--quiet", "--content", content, "--out", join(out, "generated"), "--assets", join(out, "assets")];
  const run = spawnSync("npm", ["run", "--silent", "build", "--", ...args, "--cache", join(out, "cache")], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: TIMEOUT_MS,
  });
  if (run.status === 0) return undefined;
  if (run.error) return run.error.message;
  if (run.signal) return `the build was stopped (${run.signal})`;
  return `${run.stdout ?? ""}${run.stderr ?? ""}`.trim().split("\n").slice(-5).join("\n");
}

// Run, not imported (the test imports the blog's making). Not `import.meta.main`: Node 24.0.0, which
// the lockfile carries for Apple silicon, has none.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  let dir: string | undefined;
  const cleanUp = () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  // Interrupted (Ctrl-C during the install): the temporary blog goes all the same.
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      cleanUp();
      process.exit(130);
    });
  let why: string | undefined;
  try {
    dir = mkdtempSync(join(tmpdir(), "edge-blog-warm-"));
    why = warm(dir);
  } catch (e) {
    why = (e as Error).message;
  } finally {
    cleanUp();
  }
  console.log(
    why === undefined
      ? `edge-blog: the build's code is compiled for its first run (${((performance.now() - started) / 1000).toFixed(1)} s)`
      : `edge-blog: could not warm the build up (the first build will be slower):\n${why}`,
  );
}
