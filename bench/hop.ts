/**
 * What Miniflare's request paths cost, measured once against raw workerd: the constant Worker
 * (the real article's bytes) on raw workerd from a capnp config (bench/workerd.ts), and on
 * Miniflare by each way in: the socket straight to the Worker (what the benchmarks load), the
 * Worker's socket through the asset router (RPC proxy → router → asset lookup → Worker, as a
 * request from the Internet is routed), and Miniflare's entry socket (its entry Worker in front of
 * that). The real Worker's article on the first two Miniflare paths shows what the router would do
 * to the "× constant" ratios.
 *
 *   node bench/hop.ts [--rounds 3] [--seconds 3] [--no-write]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { bundle } from "./bundle.ts";
import { compare } from "./compare.ts";
import { machineNote, replaceSection, table } from "./docs.ts";
import { BROWSER_ACCEPT } from "./first.ts";
import { assetsDirectory, assetsRouting, serve } from "./miniflare.ts";
import { bundlePeers } from "./run.ts";
import { fmt } from "./stats.ts";
import { serve as serveRaw } from "./workerd.ts";

const root = resolve(import.meta.dirname, "..");

const PATHS: Record<string, string> = {
  "constant, raw workerd (reference)": "raw workerd socket → Worker",
  "constant, Miniflare direct": "workerd socket → Worker (what the benchmarks load)",
  "constant, Miniflare routed": "Worker's socket → RPC proxy → asset router → asset lookup → Worker",
  "constant, Miniflare entry": "entry socket → entry Worker → RPC proxy → asset router → asset lookup → Worker",
  "real, Miniflare direct": "workerd socket → Worker",
  "real, Miniflare routed": "Worker's socket → RPC proxy → asset router → asset lookup → Worker",
};

async function main() {
  const { values } = parseArgs({
    options: {
      rounds: { type: "string", default: "3" },
      seconds: { type: "string", default: "3" },
      slug: { type: "string", default: "rust-and-the-future-of-back-end-development" },
      "no-write": { type: "boolean", default: false },
    },
  });
  execFileSync("node", [join(root, "src/build/index.ts"), "--quiet"], { stdio: "inherit" });
  const work = mkdtempSync(join(tmpdir(), "edge-blog-hop-"));
  try {
    const real = bundle(work, { name: "real", main: join(root, "src/worker/index.ts"), assets: await assetsDirectory() });
    const path = `/posts/${values.slug}`;
    const { constant } = await bundlePeers(work, real, path);
    const raw = await serveRaw(work, [constant]);
    const mf = await serve(work, [constant, real]);
    try {
      const urls: Record<string, string> = {
        "constant, raw workerd (reference)": raw.urls.constant as string,
        "constant, Miniflare direct": mf.urls.constant as string,
        "constant, Miniflare routed": mf.routedUrls.constant as string,
        // The entry socket serves the first Worker: the constant one.
        "constant, Miniflare entry": mf.entryUrl,
        "real, Miniflare direct": mf.urls.real as string,
        "real, Miniflare routed": mf.routedUrls.real as string,
      };
      const results = await compare({
        urls,
        routes: [{ name: "article HTML", path, headers: () => ({ accept: BROWSER_ACCEPT }), expect: 200 }],
        baseline: "constant, raw workerd (reference)",
        rounds: Number(values.rounds),
        seconds: Number(values.seconds),
        warmupSeconds: 1,
        connections: 4,
        log: console.log,
      });
      const cells = results["article HTML"] ?? {};
      const rows = Object.keys(urls).map((k) => {
        const c = cells[k];
        return [
          k,
          PATHS[k] ?? "",
          fmt(c?.rps ?? Number.NaN),
          fmt(c?.p99Ms ?? Number.NaN, 2),
          `${fmt(c?.ratio ?? Number.NaN, 2)}×`,
        ];
      });
      const ratio = (w: string, base: string) => (cells[w]?.rps ?? Number.NaN) / (cells[base]?.rps ?? Number.NaN);
      const section = [
        "## Miniflare's request paths against raw workerd",
        "",
        `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machineNote()}.`,
        "",
        `The article's HTML from the constant Worker on raw workerd (capnp config, no assets) and on Miniflare by each way in; the real Worker's article by the two Miniflare sockets. Assets: ${await assetsRouting()}. \`wrk -t1 -c4\`, ${values.seconds} s × ${values.rounds} interleaved rounds after a 1 s warm-up, medians; the ratio is over the raw-workerd constant Worker in the same round.`,
        "",
        table(["Worker, way in", "request path", "req/s", "p99 ms", "× raw workerd constant"], rows),
        "",
        `The asset router runs for every request of every Worker alike: through it the constant Worker made ${fmt(cells["constant, Miniflare routed"]?.rps ?? Number.NaN)} req/s against ${fmt(cells["constant, Miniflare direct"]?.rps ?? Number.NaN)} direct, and the real Worker's ratio to the constant Worker was ${fmt(ratio("real, Miniflare routed", "constant, Miniflare routed"), 2)}× routed against ${fmt(ratio("real, Miniflare direct", "constant, Miniflare direct"), 2)}× direct. Routed figures would mostly measure Miniflare's router, which here shares the two cores with the Worker and in production is Cloudflare's and not billed to it; so the benchmarks load the direct socket, where the Worker's ASSETS binding still works.`,
        "",
        "Reproduce: `node bench/hop.ts` (Node 24 from node_modules/.bin on PATH; ≈ 2 min).",
      ].join("\n");
      console.log(`\n${section}\n`);
      if (!values["no-write"]) replaceSection(join(root, "docs/benchmarks.md"), "hop", section);
    } finally {
      await mf.stop();
      await raw.stop();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
