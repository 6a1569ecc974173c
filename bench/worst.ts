/**
 * The worst a client can make one request cost (docs/benchmarks.md, "Worst cases"): workerd's
 * CPU per request for the largest feed, for the largest `Accept` header and for the costliest
 * search queries, each as a ratio to a baseline measured in the same run (a feed of ordinary
 * posts; a browser's `Accept`; a plain two-word search over the same posts).
 *
 *   node bench/worst.ts [--rounds 5] [--seconds 2] [--root DIR] [--no-write]
 *     [--only feed,accept,search] [--posts 10000] [--cache DIR]
 *
 * CPU is workerd's own: the sum over its threads of /proc/<pid>/task/<tid>/schedstat (ns on CPU)
 * around a batch of sequential requests on one keep-alive connection, so the client's work does
 * not count. `--root` measures another checkout (e.g. the commit before a fix, from `git archive`)
 * with the same corpora; its node_modules must resolve (a symlink to ours will do). `--cache`
 * keeps the build's cache (social cards) between runs: the search corpus has `--posts` posts.
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
  return getWithHeaders(agent, base, path, headers).then((r) => r.status);
}

/** One GET; its status and the bytes of its response header fields (names, values, ": " and CRLF). */
function getWithHeaders(
  agent: Agent,
  base: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headerBytes: number }> {
  return new Promise((ok, fail) => {
    const req = request(`${base}${path}`, { agent, headers }, (res) => {
      let headerBytes = 0;
      for (let i = 0; i < res.rawHeaders.length; i += 2) {
        headerBytes += Buffer.byteLength(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`);
      }
      res.on("data", () => {});
      res.on("end", () => ok({ status: res.statusCode ?? 0, headerBytes }));
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

/**
 * The search corpus: the scale bench's posts, each with one accented word in its first paragraph
 * (as the audit's: a folded text differs from its lower case only there).
 */
function searchPosts(n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const text = makePost(i + 1, 42).text;
    const body = text.indexOf("\n---\n", 4) + 5;
    return `${text.slice(0, body)}\nA café on the edge.\n${text.slice(body)}`;
  });
}

/** Builds `corpus` with `root`'s pipeline into a private copy of `root`'s src/, and bundles it. */
function build(work: string, root: string, corpus: Corpus | "small", cache?: string): Bundle {
  const name = corpus === "small" ? "small" : corpus.name;
  const dir = join(work, name);
  const content = join(dir, "content");
  if (corpus === "small") writeCorpus(content, 20);
  else writePosts(content, corpus.posts);
  const project = join(dir, "project");
  cpSync(join(root, "src"), join(project, "src"), { recursive: true, filter: (p) => !p.includes(`${sep}src${sep}generated`) });
  // An older checkout (--root) kept part of its build in scripts/.
  if (existsSync(join(root, "scripts"))) cpSync(join(root, "scripts"), join(project, "scripts"), { recursive: true });
  cpSync(join(root, "tsconfig.json"), join(project, "tsconfig.json"));
  // The build's cache (--cache) is keyed by the locked versions of what draws the cards.
  for (const f of ["package.json", "package-lock.json"]) if (existsSync(join(root, f))) cpSync(join(root, f), join(project, f));
  symlinkSync(
    existsSync(join(root, "node_modules")) ? join(root, "node_modules") : join(here, "node_modules"),
    join(project, "node_modules"),
    "dir",
  );
  // The Node running this script (24), not whatever `node` is first on PATH.
  execFileSync(
    process.execPath,
    [
      join(project, "src/build/index.ts"),
      "--content",
      content,
      "--out",
      join(project, "src/generated"),
      ...(cache ? ["--cache", cache] : []),
    ],
    {
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
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

type Group = "feed" | "accept" | "search";

interface Row {
  name: string;
  group: Group;
  bundle: string;
  /** Requests sent in turn (alternating, for the feeds that evicted each other). */
  paths: string[];
  headers: Record<string, string>;
  /** The status every request must answer (any of them, when the fix changes it). */
  status: number | number[];
  /** The row this one is a ratio of. */
  baseline?: string;
}

/** `/search.json?q=…` for a raw query. */
const searchJson = (q: string, extra = "") => `/search.json?q=${encodeURIComponent(q)}${extra}`;
/** Distinct two-word phrases of the corpus's words, as many as 200 characters hold. */
function manyPhrases(): string {
  const words = "system service request latency cache edge worker isolate runtime memory thread queue stream".split(" ");
  const out: string[] = [];
  for (let i = 0; i + 1 < words.length * words.length; i++) {
    const next = `"${words[i % words.length]} ${words[(i + 1 + Math.floor(i / words.length)) % words.length]}"`;
    if ([...out, next].join(" ").length > 200) break;
    out.push(next);
  }
  return out.join(" ");
}
/** Words one after another up to 200 characters: `make(i)` is the i-th. */
function upTo200(make: (i: number) => string, open = "", close = ""): string {
  let q = "";
  for (let i = 0; `${open}${q} ${make(i)}${close}`.trim().length <= 200; i++) q = `${q} ${make(i)}`.trim();
  return `${open}${q}${close}`;
}
const LETTERS = "abcdefghijklmnopqrstuvwxyz";
const PLAIN = "search: plain two-word query (baseline)";
const search = (name: string, paths: string[], status: number | number[] = 200, headers: Record<string, string> = {}): Row => ({
  name: `search: ${name}`,
  group: "search",
  bundle: "search",
  paths,
  headers,
  status,
  baseline: PLAIN,
});

/** The search rows: the audit's query, then every other shape a client could choose. */
const SEARCH_ROWS: Row[] = [
  { name: PLAIN, group: "search", bundle: "search", paths: [searchJson("edge cache")], headers: {}, status: 200 },
  search('the audit\'s query: `"of the"` × 22 (197 characters)', [searchJson(Array(22).fill('"of the"').join(" "))]),
  search('one common phrase: `"of the"`', [searchJson('"of the"')]),
  search("distinct two-word phrases, 200 characters", [searchJson(manyPhrases())]),
  search("one phrase of 200 characters", [searchJson(upTo200((i) => (i % 2 ? "of" : "the"), '"', '"'))]),
  search("prefix terms `a* b* c* …`, 200 characters", [searchJson(upTo200((i) => `${LETTERS[i % 26]}*`))]),
  search("one-letter terms `a b c …`, 200 characters", [searchJson(upTo200((i) => LETTERS[i % 26] as string))]),
  search("two-letter prefix of the commonest words: `th`", [searchJson("th")]),
  search("combining marks: `cafe` + 195 × U+0301", [searchJson(`cafe${"\u0301".repeat(195)}`)]),
  search('accented phrases: `"café on" "é edge"` × 10', [
    searchJson(Array(10).fill('"café on" "é edge"').join(" ").slice(0, 200)),
  ]),
  search("common word, last page (page=1000)", [searchJson("the", "&page=1000")]),
  search(
    "plain query, a junk parameter per request",
    Array.from({ length: 64 }, (_, i) => searchJson("edge cache", `&x=${i}`)),
  ),
  search("5,000-character query", [searchJson("edge ".repeat(1000))], 400),
  search("5,000-character query, `Accept: image/png`", [searchJson("edge ".repeat(1000)).replace(".json", "")], [400, 406], {
    accept: "image/png",
  }),
];

const ALL_ROWS: Row[] = [
  { name: "feed, 20 ordinary posts (baseline)", group: "feed", bundle: "small", paths: ["/feed.xml"], headers: {}, status: 200 },
  {
    name: "feed at its 2 MB budget",
    group: "feed",
    bundle: "wide",
    paths: ["/feed.xml"],
    headers: {},
    status: 200,
    baseline: "feed, 20 ordinary posts (baseline)",
  },
  {
    name: "Atom and JSON feeds in turn, 3 largest posts",
    group: "feed",
    bundle: "giant",
    paths: ["/feed.xml", "/feed.json"],
    headers: {},
    status: 200,
    baseline: "feed, 20 ordinary posts (baseline)",
  },
  {
    name: "index, browser Accept (baseline)",
    group: "accept",
    bundle: "small",
    paths: ["/"],
    headers: { accept: BROWSER },
    status: 200,
  },
  {
    name: "index, 120 KB Accept → 200",
    group: "accept",
    bundle: "small",
    paths: ["/"],
    headers: { accept: HUGE_200 },
    status: 200,
    baseline: "index, browser Accept (baseline)",
  },
  {
    name: "index, 120 KB Accept → 406",
    group: "accept",
    bundle: "small",
    paths: ["/"],
    headers: { accept: HUGE_406 },
    status: 406,
    baseline: "index, browser Accept (baseline)",
  },
  ...SEARCH_ROWS,
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
    if (![row.status].flat().includes(status)) throw new Error(`${row.name}: ${path} answered ${status}, expected ${row.status}`);
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

/** The status and header bytes each row's first path answers, for the table. */
async function probe(base: string, row: Row): Promise<{ status: number; headerBytes: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    return await getWithHeaders(agent, base, row.paths[0] as string, row.headers);
  } finally {
    agent.destroy();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      rounds: { type: "string", default: "5" },
      seconds: { type: "string", default: "2" },
      root: { type: "string", default: here },
      giant: { type: "string", default: "1.9" },
      only: { type: "string", default: "feed,accept,search" },
      posts: { type: "string", default: "10000" },
      cache: { type: "string" },
      "no-write": { type: "boolean", default: false },
    },
  });
  const root = resolve(values.root as string);
  const rounds = Number(values.rounds);
  const seconds = Number(values.seconds);
  const posts = Number(values.posts);
  const groups = new Set((values.only as string).split(","));
  const ROWS = ALL_ROWS.filter((r) => groups.has(r.group));
  const needed = new Set(ROWS.map((r) => r.bundle));
  const work = mkdtempSync(join(tmpdir(), "edge-blog-worst-"));
  const cache = values.cache ? resolve(values.cache) : undefined;
  try {
    console.log(`building the corpora (${[...needed].join(", ")})…`);
    const corpora: (Corpus | "small")[] = [
      "small",
      { name: "wide", posts: Array.from({ length: 20 }, (_, i) => widePost(i + 1)) },
      { name: "giant", posts: [1, 2, 3].map((i) => giantPost(i, Number(values.giant) * 1e6)) },
      { name: "search", posts: needed.has("search") ? searchPosts(posts) : [] },
    ];
    const bundles = corpora
      .filter((c) => needed.has(c === "small" ? "small" : c.name))
      .map((c) => {
        const t = performance.now();
        const b = build(work, root, c, cache);
        console.log(`  ${b.name}: built in ${fmt((performance.now() - t) / 1000, 1)} s`);
        return b;
      });
    const cpu: Record<string, number[]> = {};
    const ratios: Record<string, number[]> = {};
    const builds: Record<string, number[]> = {};
    const answers: Record<string, { status: number; headerBytes: number }> = {};
    for (let round = 1; round <= rounds; round++) {
      // A fresh workerd each round: the first-feed figures need fresh isolates.
      const served = await serve(work, bundles);
      try {
        for (const b of bundles) {
          if (b.name !== "search") push(builds, b.name, await firstFeed(served.urls[b.name] as string, served.pid));
        }
        if (round === 1) for (const row of ROWS) answers[row.name] = await probe(served.urls[row.bundle] as string, row);
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
    const when = `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machineNote()}${root === here ? "" : `; measuring ${root}`}.`;
    const method =
      "Served by Miniflare (one workerd process, each Worker with its assets, sockets straight to the Workers). workerd's CPU per request (all its threads, from /proc schedstat), sequential requests on one keep-alive connection, after one warm-up request; " +
      `${seconds} s per row, ${rounds} rounds in rotating order, each round on a fresh workerd; medians, and the median of per-round ratios to the baseline row.`;
    const before = "git archive <commit before the fix> | tar -x -C /tmp/before && ln -s $PWD/node_modules /tmp/before/";
    const feedRows = ROWS.filter((r) => r.group !== "search");
    if (feedRows.length > 0) {
      const rows = feedRows.map((r) => [
        r.name,
        fmt(median(cpu[r.name] ?? []), 3),
        r.baseline ? `${fmt(median(ratios[r.name] ?? []), 1)}×` : "1×",
      ]);
      const buildRows = bundles.filter((b) => b.name !== "search").map((b) => [b.name, fmt(median(builds[b.name] ?? []), 1)]);
      const section = [
        "## Worst cases a client can choose",
        "",
        when,
        "",
        method,
        `Corpora: 20 ordinary posts (~1,200 words); 20 posts of ~150 KB of HTML (the feed stops at its 2 MB budget); 3 posts of ${values.giant} MB of HTML each (a short reference link repeated; 1.9 MB is about the largest a build accepts).`,
        "The 120 KB `Accept` values are 7,000 ranges: `text/html` first then `text/plain;q=0.5` (→ 200), or 7,500 `image/png;q=0.5` (→ 406).",
        "",
        table(["request", "CPU ms / request", "× baseline"], rows),
        "",
        table(["corpus", "first /feed.xml of an isolate, CPU ms"], buildRows),
        "",
        "Reproduce: `node bench/worst.ts --only feed,accept` (Node 24 from node_modules/.bin on PATH; ≈ 2 min). Before the fix: `git archive d717a09 | tar -x -C /tmp/before && node bench/worst.ts --only feed,accept --root /tmp/before --no-write [--giant 4.4]`.",
      ].join("\n");
      console.log(`\n${section}\n`);
      if (!values["no-write"]) replaceSection(join(here, "docs/benchmarks.md"), "worst", section);
    }
    const searchRows = ROWS.filter((r) => r.group === "search");
    if (searchRows.length > 0) {
      const LIMIT = 3;
      const ratio = (r: Row) => (r.baseline ? median(ratios[r.name] ?? []) : 1);
      const worst = searchRows.reduce((a, b) => (ratio(b) > ratio(a) ? b : a));
      const rows = searchRows.map((r) => [
        r.name,
        String(answers[r.name]?.status ?? "?"),
        fmt(answers[r.name]?.headerBytes ?? 0),
        fmt(median(cpu[r.name] ?? []), 3),
        r.baseline ? `${fmt(ratio(r), 2)}×` : "1×",
        r.baseline ? (ratio(r) <= LIMIT ? "yes" : "**no**") : "",
      ]);
      const section = [
        "## Worst search queries a client can choose",
        "",
        when,
        "",
        method,
        `Corpus: ${fmt(posts)} of the scale bench's synthetic posts (≈1,250 words each, a ≈110-word vocabulary, so common words are in nearly every post), each with one accented word ("café") in its first paragraph, so phrase checks must fold. Each query is \`/search.json?q=…\` (the last row \`/search\`), sent as the cell says; a row of several paths sends them in turn.`,
        "",
        table(["query", "status", "response header bytes", "CPU ms / request", "× plain query", `≤ ${LIMIT}×`], rows),
        "",
        `Costliest shape: ${worst.name}, ${fmt(ratio(worst), 2)}× the plain query: ${ratio(worst) <= LIMIT ? "within" : "NOT within"} the ${LIMIT}× bound.`,
        "",
        `Reproduce: \`node bench/worst.ts --only search --posts ${posts} --cache /tmp/worst-cache\` (Node 24 from node_modules/.bin on PATH; the ${fmt(posts)}-post build takes minutes, the cache keeps its social cards for the next run). Before a fix: \`${before} && node bench/worst.ts --only search --root /tmp/before --cache /tmp/worst-cache --no-write\`.`,
      ].join("\n");
      console.log(`\n${section}\n`);
      if (!values["no-write"]) replaceSection(join(here, "docs/benchmarks.md"), "worst-search", section);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) await main();
