/**
 * The worst a client can make one request cost (docs/benchmarks.md, "Worst cases"): workerd's
 * CPU per request for the largest feed and for the largest `Accept` header, each as a ratio to a
 * baseline measured in the same run (a feed of ordinary posts; a browser's `Accept`).
 *
 *   node bench/worst.ts [--rounds 5] [--seconds 2] [--root DIR] [--no-write]
 *
 * CPU is workerd's own: the sum over its threads of /proc/<pid>/task/<tid>/schedstat (ns on CPU)
 * around a batch of sequential requests on one keep-alive connection, so the client's work does
 * not count. `--root` measures another checkout (e.g. the commit before a fix, from `git archive`)
 * with the same corpora; its node_modules must resolve (a symlink to ours will do).
 */
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { type Bundle, bundle } from "./bundle.ts";
import { makePost, SITE_YAML, writeCorpus } from "./corpus.ts";
import { machineNote, replaceSection, table } from "./docs.ts";
import { serve } from "./miniflare.ts";
import { fmt, median } from "./stats.ts";

const here = resolve(import.meta.dirname, "..");

/** ns of CPU used so far by every thread of a process. */
function cpuNs(pid: number): number {
  let total = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // A thread that ended between the listing and the read.
    }
  }
  return total;
}

/** One GET on a keep-alive connection; resolves with the status once the body is read. */
function get(agent: Agent, base: string, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((ok, fail) => {
    const req = request(`${base}${path}`, { agent, headers }, (res) => {
      res.on("data", () => {});
      res.on("end", () => ok(res.statusCode ?? 0));
      res.on("error", fail);
    });
    req.on("error", fail);
    req.end();
  });
}

/**
 * A post of small Markdown that renders to about `htmlBytes` of HTML: one short reference link
 * repeated (`[a] `, 4 bytes, becomes a 45-byte `<a href>`, which Atom escapes again to ~75).
 * 1.9 MB is the largest a build now accepts; before the 2 MB limit, the audit's posts made ~4.4 MB.
 */
function giantPost(i: number, htmlBytes: number): string {
  const paragraph = "[a] ".repeat(100).trim();
  const body = Array.from({ length: Math.round(htmlBytes / 4515) }, () => paragraph).join("\n\n");
  return `---\ntitle: "Giant ${i}"\ndate: 2025-01-${String(10 + i).padStart(2, "0")}\n---\n\n${body}\n\n[a]: https://example.org/abcdefghij\n`;
}

/** Posts of ~150 KB of HTML: twenty of them pass the feed's 2 MB budget, so the feed is as big as it gets. */
function widePost(i: number): string {
  const base = makePost(i, 7).text;
  const body = base.slice(base.indexOf("\n---\n", 4) + 5);
  return `${base.slice(0, base.indexOf("\n---\n", 4) + 5)}${body.repeat(18)}`;
}

interface Corpus {
  name: string;
  posts: string[];
}

function writePosts(dir: string, posts: string[]): void {
  mkdirSync(join(dir, "posts"), { recursive: true });
  writeFileSync(join(dir, "site.yaml"), SITE_YAML);
  posts.forEach((text, i) => {
    writeFileSync(join(dir, "posts", `post-${i + 1}.md`), text);
  });
}

/** Builds `corpus` with `root`'s pipeline into a private copy of `root`'s src/, and bundles it. */
function build(work: string, root: string, corpus: Corpus | "small"): Bundle {
  const name = corpus === "small" ? "small" : corpus.name;
  const dir = join(work, name);
  const content = join(dir, "content");
  if (corpus === "small") writeCorpus(content, 20);
  else writePosts(content, corpus.posts);
  const project = join(dir, "project");
  cpSync(join(root, "src"), join(project, "src"), { recursive: true, filter: (p) => !p.includes(`${sep}src${sep}generated`) });
  cpSync(join(root, "scripts"), join(project, "scripts"), { recursive: true });
  cpSync(join(root, "tsconfig.json"), join(project, "tsconfig.json"));
  symlinkSync(
    existsSync(join(root, "node_modules")) ? join(root, "node_modules") : join(here, "node_modules"),
    join(project, "node_modules"),
    "dir",
  );
  execFileSync("node", [join(project, "src/build/index.ts"), "--content", content, "--out", join(project, "src/generated")], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  // The build writes the assets beside the module (`--out DIR` → DIR/assets); an older checkout
  // (--root) may write none, and then the Worker gets an empty directory.
  const assets = join(project, "src/generated/assets");
  return {
    ...bundle(dir, { name, main: join(project, "src/worker/index.ts") }),
    assets: existsSync(assets) ? assets : undefined,
  };
}

/** A browser's Accept, and the largest one a client may send (~120 KB, as in the audit). */
const BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
const HUGE_200 = `text/html, ${"text/plain;q=0.5, ".repeat(7000)}*/*;q=0.1`;
const HUGE_406 = `${"image/png;q=0.5, ".repeat(7500)}image/webp`;

interface Row {
  name: string;
  bundle: string;
  /** Requests sent in turn (alternating, for the feeds that evicted each other). */
  paths: string[];
  headers: Record<string, string>;
  status: number;
  /** The row this one is a ratio of. */
  baseline?: string;
}

const ROWS: Row[] = [
  { name: "feed, 20 ordinary posts (baseline)", bundle: "small", paths: ["/feed.xml"], headers: {}, status: 200 },
  {
    name: "feed at its 2 MB budget",
    bundle: "wide",
    paths: ["/feed.xml"],
    headers: {},
    status: 200,
    baseline: "feed, 20 ordinary posts (baseline)",
  },
  {
    name: "Atom and JSON feeds in turn, 3 largest posts",
    bundle: "giant",
    paths: ["/feed.xml", "/feed.json"],
    headers: {},
    status: 200,
    baseline: "feed, 20 ordinary posts (baseline)",
  },
  { name: "index, browser Accept (baseline)", bundle: "small", paths: ["/"], headers: { accept: BROWSER }, status: 200 },
  {
    name: "index, 120 KB Accept → 200",
    bundle: "small",
    paths: ["/"],
    headers: { accept: HUGE_200 },
    status: 200,
    baseline: "index, browser Accept (baseline)",
  },
  {
    name: "index, 120 KB Accept → 406",
    bundle: "small",
    paths: ["/"],
    headers: { accept: HUGE_406 },
    status: 406,
    baseline: "index, browser Accept (baseline)",
  },
];

/** CPU ms per request of one row, over `seconds` (at least 4 requests). */
async function measureRow(agent: Agent, base: string, pid: number, row: Row, seconds: number): Promise<number> {
  for (const p of row.paths) await get(agent, base, p, row.headers); // warm, and fills the cache
  const deadline = performance.now() + seconds * 1000;
  const before = cpuNs(pid);
  let n = 0;
  while (n < 4 || performance.now() < deadline) {
    const path = row.paths[n % row.paths.length] as string;
    const status = await get(agent, base, path, row.headers);
    if (status !== row.status) throw new Error(`${row.name}: ${path} answered ${status}, expected ${row.status}`);
    n++;
  }
  return (cpuNs(pid) - before) / 1e6 / n;
}

/** CPU ms of the first /feed.xml of a fresh isolate, after a cheap request has loaded the Worker. */
async function firstFeed(base: string, pid: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  await get(agent, base, "/robots.txt", {});
  const before = cpuNs(pid);
  await get(agent, base, "/feed.xml", {});
  const ms = (cpuNs(pid) - before) / 1e6;
  agent.destroy();
  return ms;
}

function push(into: Record<string, number[]>, key: string, value: number): void {
  const list = into[key] ?? [];
  list.push(value);
  into[key] = list;
}

async function main() {
  const { values } = parseArgs({
    options: {
      rounds: { type: "string", default: "5" },
      seconds: { type: "string", default: "2" },
      root: { type: "string", default: here },
      giant: { type: "string", default: "1.9" },
      "no-write": { type: "boolean", default: false },
    },
  });
  const root = resolve(values.root as string);
  const rounds = Number(values.rounds);
  const seconds = Number(values.seconds);
  const work = mkdtempSync(join(tmpdir(), "edge-blog-worst-"));
  try {
    console.log("building the three corpora…");
    const bundles = [
      build(work, root, "small"),
      build(work, root, { name: "wide", posts: Array.from({ length: 20 }, (_, i) => widePost(i + 1)) }),
      build(work, root, { name: "giant", posts: [1, 2, 3].map((i) => giantPost(i, Number(values.giant) * 1e6)) }),
    ];
    const cpu: Record<string, number[]> = {};
    const ratios: Record<string, number[]> = {};
    const builds: Record<string, number[]> = {};
    for (let round = 1; round <= rounds; round++) {
      // A fresh workerd each round: the first-feed figures need fresh isolates.
      const served = await serve(work, bundles);
      try {
        for (const b of bundles) push(builds, b.name, await firstFeed(served.urls[b.name] as string, served.pid));
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        const perRound: Record<string, number> = {};
        // Rotate the order each round so drift does not favour one row.
        const order = ROWS.map((_, i) => ROWS[(i + round) % ROWS.length] as Row);
        for (const row of order) {
          perRound[row.name] = await measureRow(agent, served.urls[row.bundle] as string, served.pid, row, seconds);
          push(cpu, row.name, perRound[row.name] as number);
        }
        for (const row of ROWS)
          if (row.baseline) push(ratios, row.name, (perRound[row.name] as number) / (perRound[row.baseline] as number));
        agent.destroy();
        console.log(`round ${round}: ${ROWS.map((r) => `${r.name} ${fmt(perRound[r.name] as number, 3)} ms`).join(" · ")}`);
      } finally {
        await served.stop();
      }
    }
    const rows = ROWS.map((r) => [
      r.name,
      fmt(median(cpu[r.name] ?? []), 3),
      r.baseline ? `${fmt(median(ratios[r.name] ?? []), 1)}×` : "1×",
    ]);
    const buildRows = bundles.map((b) => [b.name, fmt(median(builds[b.name] ?? []), 1)]);
    const section = [
      "## Worst cases a client can choose",
      "",
      `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machineNote()}${root === here ? "" : `; measuring ${root}`}.`,
      "",
      "Served by Miniflare (one workerd process, each Worker with its assets, sockets straight to the Workers). workerd's CPU per request (all its threads, from /proc schedstat), sequential requests on one keep-alive connection, after one warm-up request; " +
        `${seconds} s per row, ${rounds} rounds in rotating order, each round on a fresh workerd; medians, and the median of per-round ratios to the baseline row.`,
      `Corpora: 20 ordinary posts (~1,200 words); 20 posts of ~150 KB of HTML (the feed stops at its 2 MB budget); 3 posts of ${values.giant} MB of HTML each (a short reference link repeated; 1.9 MB is about the largest a build accepts).`,
      "The 120 KB `Accept` values are 7,000 ranges: `text/html` first then `text/plain;q=0.5` (→ 200), or 7,500 `image/png;q=0.5` (→ 406).",
      "",
      table(["request", "CPU ms / request", "× baseline"], rows),
      "",
      table(["corpus", "first /feed.xml of an isolate, CPU ms"], buildRows),
      "",
      "Reproduce: `node bench/worst.ts` (Node 24 from node_modules/.bin on PATH; ≈ 2 min). Before the fix: `git archive d717a09 | tar -x -C /tmp/before && node bench/worst.ts --root /tmp/before --no-write [--giant 4.4]`.",
    ].join("\n");
    console.log(`\n${section}\n`);
    if (!values["no-write"]) replaceSection(join(here, "docs/benchmarks.md"), "worst", section);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) await main();
