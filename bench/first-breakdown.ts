/**
 * Where a fresh isolate's first request goes: the real Worker's first request for paths that
 * each add one part of the work (the app and a tiny document; a corpus read with no view; the
 * Markdown; the HTML page), against the Hono-constant peer, all in one interleaved run. For
 * profiling, not a target: the targets are in run.ts (`bench:first`).
 *
 * `--only` keeps the cases whose name contains one of its comma-separated words (the peer is
 * always kept), for a quicker run with more samples while trying a change.
 *
 * `--against <dir>` adds the HTML pages (article, index, tag page) from another checkout of the
 * engine (a git worktree of the commit before a change, its content built there), served with
 * the same assets and interleaved with the rest: an A/B on a machine too noisy for two separate
 * runs.
 *
 *   node bench/first-breakdown.ts [--samples 7] [--slug <post>] [--tag <tag>]
 *                                         [--only "post HTML,read"] [--against ../before]
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { bundle } from "./bundle.ts";
import { type FirstCase, firstRequests, renderFirst } from "./first.ts";
import { assetsDirectory } from "./miniflare.ts";
import { bundlePeers, bundleReadPeer } from "./run.ts";

const root = resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    samples: { type: "string", default: "7" },
    slug: { type: "string", default: "rust-and-the-future-of-back-end-development" },
    tag: { type: "string", default: "rust" },
    only: { type: "string" },
    against: { type: "string" },
  },
});
execFileSync("node", [join(root, "src/build/index.ts"), "--quiet"], { stdio: "inherit" });
const work = mkdtempSync(join(tmpdir(), "edge-blog-first-"));
try {
  const assets = await assetsDirectory();
  const real = bundle(work, { name: "real", main: join(root, "src/worker/index.ts"), assets });
  const post = `/posts/${values.slug}`;
  const peers = await bundlePeers(work, real, post);
  const peerRead = bundleReadPeer(work, real);
  const ready = "/robots.txt";
  const all: FirstCase[] = [
    { name: "peer article", worker: "hono constant", bundle: peers.hono, path: post, readyPath: ready },
    { name: "peer article + the post's read", worker: "hono + read", bundle: peerRead, path: post, readyPath: ready },
    { name: "opensearch.xml (app, no read)", worker: "real", bundle: real, path: "/opensearch.xml", readyPath: ready },
    { name: "post .json (one read)", worker: "real", bundle: real, path: `${post}.json`, readyPath: ready },
    {
      name: "post .json, asset service cold",
      worker: "real",
      bundle: real,
      path: `${post}.json`,
      readyPath: ready,
      coldAssetService: true,
    },
    { name: "post .md", worker: "real", bundle: real, path: `${post}.md`, readyPath: ready },
    { name: "post HTML", worker: "real", bundle: real, path: post, readyPath: ready },
    { name: "index HTML", worker: "real", bundle: real, path: "/", readyPath: ready },
    { name: "tag page HTML", worker: "real", bundle: real, path: `/tags/${values.tag}`, readyPath: ready },
    { name: "404 HTML", worker: "real", bundle: real, path: "/no-such-page", readyPath: ready, status: 404 },
  ];
  if (values.against) {
    const dir = resolve(values.against);
    // A checkout from before the re-layout (docs/architecture.md) has its build and Worker elsewhere.
    const old = !existsSync(join(dir, "src", "build", "index.ts"));
    const build = old ? join(dir, "scripts", "build-content.ts") : join(dir, "src", "build", "index.ts");
    execFileSync("node", [build, "--quiet"], { stdio: "inherit", cwd: dir });
    const main = old ? join(dir, "src", "index.ts") : join(dir, "src", "worker", "index.ts");
    const before = bundle(work, { name: "before", main, assets });
    // The same pages from the other checkout, so each can be compared with its twin.
    for (const c of all.filter((c) => c.worker === "real" && c.name.endsWith("HTML") && c.status === undefined)) {
      all.push({ ...c, name: `${c.name}, ${values.against}`, worker: "before", bundle: before });
    }
  }
  const wanted = values.only?.split(",").map((w) => w.trim());
  const cases = all.filter((c) => c.name === "peer article" || !wanted || wanted.some((w) => c.name.includes(w)));
  const rows = await firstRequests(work, cases, {
    samples: Number(values.samples),
    peer: "peer article",
    log: (l) => console.log(l),
  });
  console.log(`\n${renderFirst(rows, { peer: "peer article", samples: Number(values.samples) })}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
