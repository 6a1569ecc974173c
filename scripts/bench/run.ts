/**
 * `npm run bench`: the real Worker against a constant-string Worker and a naive
 * Hono + marked Worker, all bundled by wrangler and served by workerd in one run.
 *
 *   node scripts/bench/run.ts [--rounds 5] [--seconds 5] [--warmup 2] [--connections 4] [--no-write] [--no-soak]
 *
 * Results print as they come and are written to docs/benchmarks.md. Then the load test
 * (scripts/bench/soak.ts: 256 connections for 60 s) runs against a fresh workerd.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { bundle } from "./bundle.ts";
import { compare, type Results, type Route } from "./compare.ts";
import { machineNote, replaceSection, table } from "./docs.ts";
import { soakBundle } from "./soak.ts";
import { fmt } from "./stats.ts";
import { serve } from "./workerd.ts";

const root = resolve(import.meta.dirname, "../..");

const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/** The routes measured; the 304 sends each Worker its own ETag (the baseline has none). */
export function articleRoutes(slug: string, etags: Record<string, string>, indexPath = "/"): Route[] {
  const article = `/posts/${slug}`;
  return [
    { name: "article HTML", path: article, headers: () => ({ accept: BROWSER_ACCEPT }), expect: 200 },
    { name: "article JSON", path: article, headers: () => ({ accept: "application/json" }), expect: 200 },
    { name: "index HTML", path: indexPath, headers: () => ({ accept: BROWSER_ACCEPT }), expect: 200 },
    {
      name: "304 revalidate",
      path: article,
      headers: (w) => ({ accept: BROWSER_ACCEPT, "if-none-match": etags[w] ?? etags.real ?? '"none"' }),
      expect: 304,
    },
  ];
}

/** The constant Worker sends the real Worker's article bytes: fetch them, then bundle it. */
export async function bundleConstant(work: string, articleUrl: string) {
  const res = await fetch(articleUrl, { headers: { accept: BROWSER_ACCEPT } });
  if (res.status !== 200) throw new Error(`article answered ${res.status}`);
  const html = await res.text();
  const module = join(work, "article-html.js");
  writeFileSync(module, `export default ${JSON.stringify(html)};\n`);
  return bundle(work, {
    name: "constant",
    main: join(root, "scripts/bench/workers/constant.ts"),
    alias: { "bench:article-html": module },
  });
}

/** Each Worker's strong ETag for a representation, for the 304 route. */
export async function etagsOf(urls: Record<string, string>, path: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [w, url] of Object.entries(urls)) {
    const res = await fetch(`${url}${path}`, { headers: { accept: BROWSER_ACCEPT } });
    await res.arrayBuffer();
    const tag = res.headers.get("etag");
    if (tag) out[w] = tag;
  }
  return out;
}

function render(results: Results, opts: Record<string, string | boolean | undefined>, bytes: Record<string, number>): string {
  const workers = ["constant", "real", "naive"];
  const rows: string[][] = [];
  for (const [route, cells] of Object.entries(results)) {
    for (const w of workers) {
      const c = cells[w];
      if (!c) continue;
      rows.push([route, w, fmt(c.rps), fmt(c.p99Ms, 2), `${fmt(c.ratio, 2)}×`]);
    }
  }
  const article = results["article HTML"]?.real?.ratio ?? Number.NaN;
  return [
    "## Worker throughput",
    "",
    `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machineNote()}.`,
    "",
    "Each Worker is bundled by `wrangler deploy --dry-run --outdir` and served by `workerd` directly on 127.0.0.1 (no `wrangler dev` proxy).",
    `Load: \`wrk -t1 -c${opts.connections}\`, ${opts.seconds} s per (route, Worker), ${opts.rounds} interleaved rounds after a ${opts.warmup} s warm-up; figures are medians over rounds.`,
    "The ratio is req/s over the constant Worker's req/s for the same request in the same round (median of per-round ratios).",
    "The constant Worker returns the real article HTML for every request (a 200 even on the 304 row).",
    "",
    table(["route", "worker", "req/s", "p99 ms", "× constant"], rows),
    "",
    `Bundles (raw / gzip): ${Object.entries(bytes)
      .map(([k, v]) => `${k} ${fmt(v / 1024, 1)} KiB`)
      .join(", ")}.`,
    "",
    `Target: warm article HTML ≥ 0.90× constant — measured ${fmt(article, 2)}× (${article >= 0.9 ? "met" : "not met"}).`,
    "",
    "Reproduce: `npm run bench` (or `node scripts/bench/run.ts --rounds 5 --seconds 5`), Node 24 from node_modules/.bin on PATH.",
  ].join("\n");
}

async function main() {
  const { values } = parseArgs({
    options: {
      rounds: { type: "string", default: "5" },
      seconds: { type: "string", default: "5" },
      warmup: { type: "string", default: "2" },
      connections: { type: "string", default: "4" },
      slug: { type: "string", default: "rust-and-the-future-of-back-end-development" },
      "no-write": { type: "boolean", default: false },
      "no-soak": { type: "boolean", default: false },
    },
  });
  execFileSync("node", [join(root, "scripts/build-content.ts"), "--quiet"], { stdio: "inherit" });
  const work = mkdtempSync(join(tmpdir(), "edge-blog-bench-"));
  try {
    const real = bundle(work, { name: "real", main: join(root, "src/index.ts") });
    const naive = bundle(work, { name: "naive", main: join(root, "scripts/bench/workers/naive.ts") });
    const articlePath = `/posts/${values.slug}`;
    // Serve the real Worker once to capture the article bytes the constant Worker will send.
    const first = await serve(work, [real]);
    let constant: ReturnType<typeof bundle>;
    try {
      constant = await bundleConstant(work, `${first.urls.real}${articlePath}`);
    } finally {
      await first.stop();
    }
    const served = await serve(work, [constant, real, naive]);
    try {
      const etags = await etagsOf(served.urls, articlePath);
      const results = await compare({
        urls: served.urls,
        routes: articleRoutes(values.slug as string, etags),
        baseline: "constant",
        rounds: Number(values.rounds),
        seconds: Number(values.seconds),
        warmupSeconds: Number(values.warmup),
        connections: Number(values.connections),
        log: console.log,
      });
      const bytes = {
        "constant raw": constant.rawBytes,
        "real raw": real.rawBytes,
        "real gzip": real.gzipBytes,
        "naive raw": naive.rawBytes,
      };
      const section = render(results, values, bytes);
      console.log(`\n${section}\n`);
      if (!values["no-write"]) replaceSection(join(root, "docs/benchmarks.md"), "throughput", section);
    } finally {
      await served.stop();
    }
    if (!values["no-soak"]) await soakBundle(work, real, { seconds: 60, connections: 256, write: !values["no-write"] });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) await main();
