/**
 * `npm run bench`: the real Worker against a constant-string Worker, a Hono app sending the same
 * constant and a naive Hono + marked Worker, all bundled by wrangler and served by Miniflare
 * (bench/miniflare.ts: workerd, each Worker with its assets) in one run; then the first
 * request of each on a fresh isolate (bench/first.ts) and the start-up CPU of the real Worker and
 * the Hono-constant peer (bench/startup.ts), in interleaved pairs.
 *
 *   node bench/run.ts [--rounds 5] [--seconds 5] [--warmup 2] [--connections 4]
 *                             [--first-samples 15] [--startup-runs 5] [--slug SLUG] [--no-throughput] [--no-first]
 *                             [--no-soak] [--write]
 *
 * Results print as they come. Then the load test (bench/soak.ts: 256 connections for
 * 60 s) runs against a fresh instance. With --write, and only when every part ran and passed,
 * the sections are recorded in docs/benchmarks.md. The article measured is --slug, by default
 * the blog's newest published post.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { CORPUS_KEY } from "../src/shared/corpus.ts";
import { newestPublished } from "./article.ts";
import { type Bundle, bundle } from "./bundle.ts";
import { compare, type Results, type Route } from "./compare.ts";
import { machineNote, replaceSection, table } from "./docs.ts";
import { BROWSER_ACCEPT, type FirstCase, firstMethod, firstRequests, firstVerdict, renderFirst } from "./first.ts";
import { assetsDirectory, assetsRouting, serve } from "./miniflare.ts";
import { soakBundle } from "./soak.ts";
import { checkStartup } from "./startup.ts";
import { fmt, goalVerdict, median } from "./stats.ts";

const root = resolve(import.meta.dirname, "..");

/** Target: each first request of the real Worker at most this much over the Hono-constant peer's. */
export const FIRST_LIMIT_MS = 5;
/** Issue 25 §2's goals over the Hono-constant peer, each from one run: the first article request, */
export const FIRST_ARTICLE_GOAL_MS = 2;
/** spawn → first answer (the cold start), */
export const COLD_GOAL_MS = 10;
/** and start-up CPU (`wrangler check startup`, active). */
export const STARTUP_GOAL_MS = 5;

export interface StartupPairs {
  real: number[];
  hono: number[];
  /** Profiles taken again because every sample in them was idle (see startupPairs). */
  retaken: number;
}

/** Times a profile with no active sample is taken again before it counts as 0 ms. */
const EMPTY_PROFILE_RETRIES = 3;

/**
 * Start-up CPU of the real Worker and the peer, `runs` interleaved pairs (order alternating).
 * The profiler samples a start-up only a few times, each sample standing for everything since the
 * one before: a small Worker's profile often holds one to four samples in all, and in about a
 * third of the peer's the only samples are idle ones, so its start-up shows as 0 ms. No Hono app
 * starts in 0 ms: such a profile did not see the start-up, and is taken again (at most
 * EMPTY_PROFILE_RETRIES times, for either Worker), and the number retaken is reported.
 */
export function startupPairs(work: string, real: Bundle, hono: Bundle, runs: number, log = console.log): StartupPairs {
  const out: StartupPairs = { real: [], hono: [], retaken: 0 };
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? ([real, hono] as const) : ([hono, real] as const);
    for (const b of order) {
      let ms = 0;
      for (let attempt = 0; attempt <= EMPTY_PROFILE_RETRIES; attempt++) {
        if (attempt > 0) out.retaken++;
        ms = checkStartup(b.config, join(work, `startup-${b.name}-${i}-${attempt}.cpuprofile`)).activeMs;
        if (ms > 0) break;
      }
      (b === real ? out.real : out.hono).push(ms);
      log(`startup ${i + 1}/${runs} ${b.name.padEnd(8)} ${ms.toFixed(1).padStart(7)} ms`);
    }
  }
  return out;
}

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

export interface Peers {
  constant: Bundle;
  hono: Bundle;
  /** A tag of the article, for the tag-page first request. */
  tag: string;
}

/**
 * The constant Worker and the Hono-constant app send the real Worker's article bytes: serve the
 * real Worker once, fetch them (and the article's tags), then bundle both peers around them.
 */
export async function bundlePeers(work: string, real: Bundle, articlePath: string): Promise<Peers> {
  const served = await serve(work, [real]);
  let html: string;
  let tags: string[];
  try {
    const base = `${served.urls[real.name]}${articlePath}`;
    const res = await fetch(base, { headers: { accept: BROWSER_ACCEPT } });
    if (res.status !== 200) throw new Error(`article answered ${res.status}`);
    html = await res.text();
    const json = await fetch(base, { headers: { accept: "application/json" } });
    tags = ((await json.json()) as { tags?: string[] }).tags ?? [];
  } finally {
    await served.stop();
  }
  const tag = tags[0];
  if (!tag) throw new Error(`${articlePath} has no tag: the tag-page first request needs one`);
  const module = articleModule(work);
  writeFileSync(module, `export default ${JSON.stringify(html)};\n`);
  const alias = { "bench:article-html": module };
  return {
    // Served with the same assets as the real Worker, so every Worker is served the same way.
    constant: bundle(work, {
      name: "constant",
      main: join(root, "bench/workers/constant.ts"),
      alias,
      assets: real.assets,
    }),
    hono: bundle(work, { name: "hono", main: join(root, "bench/workers/hono-constant.ts"), alias, assets: real.assets }),
    tag,
  };
}

/** Where bundlePeers writes the article's bytes, as a module the peers import. */
const articleModule = (work: string) => join(work, "article-html.js");

/**
 * The Hono-constant peer plus the post's one corpus read (workers/hono-read.ts), for telling the
 * asset layer's share of a first request from the Worker's own; after bundlePeers in `work`.
 */
export function bundleReadPeer(work: string, real: Bundle): Bundle {
  if (!real.assets) throw new Error("the read peer needs the real Worker's assets");
  const keyModule = join(work, "corpus-key.js");
  writeFileSync(keyModule, `export default ${JSON.stringify(corpusKeyOf(real.assets))};\n`);
  return bundle(work, {
    name: "hono-read",
    main: join(root, "bench/workers/hono-read.ts"),
    alias: { "bench:article-html": articleModule(work), "bench:corpus-key": keyModule },
    assets: real.assets,
  });
}

/**
 * The secret folder the real Worker's corpus is stored under (src/shared/corpus.ts): the one
 * entry of the assets' `_content/` that has a key's shape. The peer must read the same file.
 */
function corpusKeyOf(assets: string): string {
  const keys = readdirSync(join(assets, "_content")).filter((name) => CORPUS_KEY.test(name));
  if (keys.length !== 1) throw new Error(`expected one corpus key folder in ${assets}/_content, found ${keys.length}`);
  return keys[0] as string;
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

/** The real Worker's three first-request cases and the peer's, for `slug` and `tag`. */
export function firstCases(real: Bundle, peer: Bundle, slug: string, tag?: string): FirstCase[] {
  const cases: FirstCase[] = [
    { name: "article", worker: "real", bundle: real, path: `/posts/${slug}`, readyPath: "/robots.txt" },
    { name: "index", worker: "real", bundle: real, path: "/", readyPath: "/robots.txt" },
  ];
  if (tag) cases.push({ name: "tag page", worker: "real", bundle: real, path: `/tags/${tag}`, readyPath: "/robots.txt" });
  cases.push({ name: "peer article", worker: "hono constant", bundle: peer, path: `/posts/${slug}`, readyPath: "/robots.txt" });
  return cases;
}

const stamp = () => `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machineNote()}.`;

function render(
  results: Results,
  opts: Record<string, string | boolean | undefined>,
  bytes: Record<string, number>,
  routing: string,
): string {
  const workers = ["constant", "real", "hono", "naive"];
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
    stamp(),
    "",
    `Each Worker is bundled by \`wrangler deploy --dry-run --outdir\` and served by Miniflare's Node API (workerd) on 127.0.0.1 with a Workers Static Assets directory and the ASSETS binding (every Worker the same built assets; ${routing}, from wrangler.toml).`,
    "wrk connects to a workerd socket that leads straight to each Worker: no Node proxy, no Miniflare entry Worker and no asset router in the path (`node bench/hop.ts` measures what those would add).",
    `Load: \`wrk -t1 -c${opts.connections}\`, ${opts.seconds} s per (route, Worker), ${opts.rounds} interleaved rounds after a ${opts.warmup} s warm-up; figures are medians over rounds.`,
    "The ratio is req/s over the constant Worker's req/s for the same request in the same round (median of per-round ratios).",
    "The constant Worker and the Hono-constant app (Hono routing, then `c.html` of the same constant) return the real article HTML for every request (a 200 even on the 304 row).",
    "",
    table(["route", "worker", "req/s", "p99 ms", "× constant"], rows),
    "",
    `Bundles (raw / gzip): ${Object.entries(bytes)
      .map(([k, v]) => `${k} ${fmt(v / 1024, 1)} KiB`)
      .join(", ")}.`,
    "",
    `Target: warm article HTML ≥ 0.90× constant — measured ${fmt(article, 2)}× (${article >= 0.9 ? "met" : "not met"}).`,
    "",
    "Reproduce: `npm run bench` (or `node bench/run.ts --rounds 5 --seconds 5`), Node 24 from node_modules/.bin on PATH.",
  ].join("\n");
}

const signed = (ms: number, digits = 2) => `${ms >= 0 ? "+" : ""}${fmt(ms, digits)}`;

/** The three figures issue 25 §2 sets goals for, each over the peer, from this run. */
function coldGoals(rows: Awaited<ReturnType<typeof firstRequests>>, startup: StartupPairs | undefined): string[] {
  const article = rows.find((r) => r.name === "article");
  const peer = rows.find((r) => r.worker === "hono constant");
  if (!article || !peer) return [];
  const pairs = (a: readonly number[], b: readonly number[]) => a.map((x, i) => x - (b[i] as number));
  const lines = [
    "Against the Hono-constant peer, in this run (issue 25 §2):",
    "",
    `- spawn → first answer (the cold start) ${signed(article.coldOverPeerMs, 1)} ms (goal ≤ +${COLD_GOAL_MS}: ${goalVerdict(pairs(article.coldMs, peer.coldMs), COLD_GOAL_MS)});`,
  ];
  if (startup) {
    const differences = pairs(startup.real, startup.hono);
    const over = median(differences);
    lines.push(
      `- start-up CPU (\`wrangler check startup\`, active; ${startup.real.length} interleaved pairs, medians${startup.retaken > 0 ? `; ${startup.retaken} profile(s) with no active sample taken again` : ""}): real ${fmt(median(startup.real), 1)} ms, peer ${fmt(median(startup.hono), 1)} ms, ${signed(over, 1)} ms as the median of pair differences, which ranged from ${signed(Math.min(...differences), 1)} to ${signed(Math.max(...differences), 1)} (goal ≤ +${STARTUP_GOAL_MS}: ${goalVerdict(differences, STARTUP_GOAL_MS)});`,
    );
  }
  lines.push(
    `- the first article request itself ${signed(article.overPeerMs)} ms (goal ≤ +${FIRST_ARTICLE_GOAL_MS}: ${goalVerdict(pairs(article.ms, peer.ms), FIRST_ARTICLE_GOAL_MS)}).`,
  );
  return lines;
}

function renderFirstSection(
  rows: Awaited<ReturnType<typeof firstRequests>>,
  samples: number,
  startup: StartupPairs | undefined,
): string {
  const verdict = firstVerdict(rows, "peer article", FIRST_LIMIT_MS);
  const goals = coldGoals(rows, startup);
  return [
    "## First request on a fresh isolate",
    "",
    stamp(),
    "",
    firstMethod(samples),
    "",
    renderFirst(rows, { peer: "peer article", samples }),
    "",
    `Target: the real Worker's first request for the article, the index and a tag page each ≤ ${FIRST_LIMIT_MS} ms more than the peer's first request — ${verdict.text}.`,
    "",
    ...(goals.length > 0 ? [...goals, ""] : []),
    "Reproduce: `npm run bench` (or `node bench/run.ts --no-throughput --no-soak --first-samples 15` for this section alone), Node 24 from node_modules/.bin on PATH.",
  ].join("\n");
}

async function main() {
  const { values } = parseArgs({
    options: {
      rounds: { type: "string", default: "5" },
      seconds: { type: "string", default: "5" },
      warmup: { type: "string", default: "2" },
      connections: { type: "string", default: "4" },
      "first-samples": { type: "string", default: "15" },
      "startup-runs": { type: "string", default: "5" },
      slug: { type: "string" },
      "no-throughput": { type: "boolean", default: false },
      "no-first": { type: "boolean", default: false },
      "no-soak": { type: "boolean", default: false },
      write: { type: "boolean", default: false },
    },
  });
  /** Sections of docs/benchmarks.md, recorded at the end: never from a run that failed. */
  const sections = new Map<string, string>();
  const write = (id: string, section: string) => {
    console.log(`\n${section}\n`);
    sections.set(id, section);
  };
  execFileSync("node", [join(root, "src/build/index.ts"), "--quiet"], { stdio: "inherit" });
  const slug = values.slug ?? (await newestPublished(join(root, "src/generated")));
  const work = mkdtempSync(join(tmpdir(), "edge-blog-bench-"));
  try {
    const assets = await assetsDirectory();
    const real = bundle(work, { name: "real", main: join(root, "src/worker/index.ts"), assets });
    // The naive Worker reads the same built content as the real one, so it gets the same assets.
    const naive = bundle(work, { name: "naive", main: join(root, "bench/workers/naive.ts"), assets });
    const articlePath = `/posts/${slug}`;
    const peers = await bundlePeers(work, real, articlePath);
    if (!values["no-throughput"]) {
      const served = await serve(work, [peers.constant, real, peers.hono, naive]);
      try {
        const etags = await etagsOf(served.urls, articlePath);
        const results = await compare({
          urls: served.urls,
          routes: articleRoutes(slug, etags),
          baseline: "constant",
          constants: ["hono"],
          rounds: Number(values.rounds),
          seconds: Number(values.seconds),
          warmupSeconds: Number(values.warmup),
          connections: Number(values.connections),
          log: console.log,
        });
        const bytes = {
          "constant raw": peers.constant.rawBytes,
          "hono raw": peers.hono.rawBytes,
          "real raw": real.rawBytes,
          "real gzip": real.gzipBytes,
          "naive raw": naive.rawBytes,
        };
        write("throughput", render(results, values, bytes, await assetsRouting()));
      } finally {
        await served.stop();
      }
    }
    if (!values["no-first"]) {
      const samples = Number(values["first-samples"]);
      const rows = await firstRequests(work, firstCases(real, peers.hono, slug, peers.tag), {
        samples,
        peer: "peer article",
        log: console.log,
      });
      const runs = Number(values["startup-runs"]);
      const startup = runs > 0 ? startupPairs(work, real, peers.hono, runs) : undefined;
      write("first", renderFirstSection(rows, samples, startup));
    }
    if (!values["no-soak"]) {
      const soaked = await soakBundle(work, real, { seconds: 60, connections: 256 });
      if (soaked.passed) sections.set("soak", soaked.section);
      else process.exitCode = 1;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (values.write && !process.exitCode) {
    for (const [id, section] of sections) replaceSection(join(root, "docs/benchmarks.md"), id, section);
    console.log(`recorded in docs/benchmarks.md: ${[...sections.keys()].join(", ")}`);
  }
}

if (import.meta.main) await main();
