/**
 * The load test: 256 concurrent connections for 60 s against the real Worker's
 * bundle served by Miniflare (workerd, with its assets) on 127.0.0.1, mixing routes and representations. Passes only with
 * zero errors, zero wrong answers (every response's status and type checked, sampled bodies
 * compared byte for byte with a reference), workerd's memory flat from start to end, and the
 * Worker's live heap after garbage collection flat.
 *
 *   node bench/soak.ts [--seconds 60] [--connections 256] [--write]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { type Bundle, bundle } from "./bundle.ts";
import { machineNote, replaceSection, table } from "./docs.ts";
import { heapAfterGc, inspect } from "./inspector.ts";
import { assetsDirectory, serve } from "./miniflare.ts";
import { fmt } from "./stats.ts";

const root = resolve(import.meta.dirname, "..");
const SLUG = "rust-and-the-future-of-back-end-development";
const POST = `/posts/${SLUG}`;
const BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/** One request of the mix and what a right answer looks like. */
interface Probe {
  name: string;
  method: "GET";
  path: string;
  headers: Record<string, string>;
  status: number;
  type: string | null;
}

function mix(etag: string): Probe[] {
  const get = (name: string, path: string, headers: Record<string, string>, status: number, type: string | null): Probe => ({
    name,
    method: "GET",
    path,
    headers,
    status,
    type,
  });
  return [
    get("article html", POST, { accept: BROWSER }, 200, "text/html; charset=utf-8"),
    get("article json", POST, { accept: "application/json" }, 200, "application/json; charset=utf-8"),
    get("article md", POST, { accept: "text/markdown" }, 200, "text/markdown; charset=utf-8"),
    get("article .json", `${POST}.json`, {}, 200, "application/json; charset=utf-8"),
    get("article .md?utm", `${POST}.md?utm_source=soak`, {}, 200, "text/markdown; charset=utf-8"),
    get("article 304", POST, { accept: BROWSER, "if-none-match": etag }, 304, null),
    get("index html", "/", { accept: BROWSER }, 200, "text/html; charset=utf-8"),
    get("index json", "/index.json", {}, 200, "application/json; charset=utf-8"),
    get("tags", "/tags", { accept: BROWSER }, 200, "text/html; charset=utf-8"),
    get("tag md", "/tags/rust", { accept: "text/markdown" }, 200, "text/markdown; charset=utf-8"),
    get("atom", "/feed.xml", {}, 200, "application/atom+xml; charset=utf-8"),
    get("json feed", "/feed.json", {}, 200, "application/feed+json; charset=utf-8"),
    get("sitemap", "/sitemap.xml", {}, 200, "application/xml; charset=utf-8"),
    get("404", "/no/such/page", { accept: BROWSER }, 404, "text/html; charset=utf-8"),
    get("406", POST, { accept: "image/png" }, 406, "text/plain; charset=utf-8"),
    // No HEAD: autocannon's parser waits for a body after HEAD's Content-Length and times out.
    // HEAD is covered by the conformance and property tests instead.
  ];
}

/** workerd's resident memory in MiB (Linux). */
function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

export interface SoakResult {
  seconds: number;
  connections: number;
  requests: number;
  rps: number;
  p99Ms: number;
  errors: number;
  wrong: number;
  checkedBodies: number;
  rssStart: number;
  rssEnd: number;
  rssMax: number;
  /** The Worker's live JS heap after a full GC, MiB: 15 s in, and after the load. */
  heapStart: number;
  heapEnd: number;
  heapMax: number;
  wrongExamples: string[];
}

/**
 * `heap` reads the Worker's live heap after a full GC (inspector.ts); it is read every 10 s, at
 * 15 s and after the load. Each reading forces a full GC, so RSS here is the working set with
 * a collection every 10 s, not the garbage V8 lets pile up when the isolate has room.
 */
export async function soak(
  base: string,
  pid: number,
  seconds: number,
  connections: number,
  heap: () => Promise<number>,
): Promise<SoakResult> {
  if (new URL(base).hostname !== "127.0.0.1") throw new Error("load goes to 127.0.0.1 only");
  const etag = (await fetch(`${base}${POST}`, { headers: { accept: BROWSER } })).headers.get("etag") ?? "";
  const probes = mix(etag);
  // References: each probe once, before the load. Every later sampled body must equal these bytes.
  const reference = new Map<string, string>();
  for (const p of probes) {
    const res = await fetch(`${base}${p.path}`, { method: p.method, headers: p.headers });
    if (res.status !== p.status || res.headers.get("content-type") !== p.type) {
      throw new Error(`${p.name}: reference answered ${res.status} ${res.headers.get("content-type")}`);
    }
    reference.set(p.name, await res.text());
  }

  let wrong = 0;
  let checked = 0;
  let seen = 0;
  const examples: string[] = [];
  const flag = (what: string) => {
    wrong++;
    if (examples.length < 5) examples.push(what);
  };
  const requests = probes.map((p) => ({
    method: p.method,
    path: p.path,
    headers: p.headers,
    onResponse: (status: number, body: string, _ctx: unknown, headers: Record<string, string>) => {
      seen++;
      if (status !== p.status) return flag(`${p.name}: status ${status}`);
      // Raw header names, in whatever case workerd sent them.
      const key = Object.keys(headers).find((k) => k.toLowerCase() === "content-type");
      const type = key === undefined ? null : (headers[key] ?? null);
      if (type !== p.type) return flag(`${p.name}: content-type ${type}`);
      // Every 16th body in full: enough to catch a mixed-up or torn answer, light enough on CPU.
      if (seen % 16 === 0) {
        checked++;
        if (body !== reference.get(p.name)) flag(`${p.name}: body differs (${body.length} bytes)`);
      }
    },
  }));

  const samples: number[] = [rssMiB(pid)];
  const heaps: { at: number; mib: number }[] = [];
  const started = performance.now();
  const timer = setInterval(() => {
    samples.push(rssMiB(pid));
    const at = samples.length - 1;
    if (at === 15 || at % 10 === 0)
      void heap().then((mib) => heaps.push({ at: Math.round((performance.now() - started) / 1000), mib }));
  }, 1000);
  const result = await autocannon({ url: base, connections, duration: seconds, requests, timeout: 10 });
  clearInterval(timer);
  samples.push(rssMiB(pid));
  // After the load: nothing in flight, so this is what the isolate keeps.
  const heapEnd = await heap();
  heaps.push({ at: seconds, mib: heapEnd });
  console.log(`live heap after GC (s: MiB): ${heaps.map((h) => `${h.at}: ${h.mib.toFixed(2)}`).join(", ")}`);
  const heapStart = heaps.find((h) => h.at >= 15)?.mib ?? Number.NaN;
  if (process.env.SOAK_DEBUG) console.log(`RSS samples (MiB): ${samples.map((x) => x.toFixed(0)).join(" ")}`);
  // "Start" is 10-20 s into the load: workerd's RSS climbs to its working set (buffers for
  // 256 connections, V8's heap) in the first ~10 s, then a leak would show as a slope after.
  const warm = samples.slice(10, 20);
  const end = samples.slice(-10);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  return {
    seconds,
    connections,
    requests: result.requests.total,
    rps: result.requests.average,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    wrong,
    checkedBodies: checked,
    rssStart: median(warm),
    rssEnd: median(end),
    rssMax: Math.max(...samples),
    heapStart,
    heapEnd,
    heapMax: Math.max(...heaps.map((h) => h.mib)),
    wrongExamples: examples,
  };
}

/** workerd's memory counts as flat when the end is within 10% (or 8 MiB) of the warm start. */
export const isFlat = (r: SoakResult) => r.rssEnd - r.rssStart <= Math.max(8, r.rssStart * 0.1);
/**
 * The Worker keeps nothing per request: its live heap after the load within 10% (or 1 MiB) of
 * the reading 15 s in. A leak of 100 bytes a request would add ~25 MiB over a run.
 */
export const heapIsFlat = (r: SoakResult) => r.heapEnd - r.heapStart <= Math.max(1, r.heapStart * 0.1);
const passed = (r: SoakResult) => r.errors === 0 && r.wrong === 0 && isFlat(r) && heapIsFlat(r);

export function renderSoak(r: SoakResult): string {
  const pass = passed(r);
  return [
    "## Load test",
    "",
    `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machineNote()}.`,
    "",
    `The real Worker's bundle and its assets served by Miniflare (one workerd process; the socket leads straight to the Worker) on 127.0.0.1; autocannon, ${r.connections} connections for ${r.seconds} s, cycling through 15 requests: the article as HTML, JSON and Markdown (negotiated and explicit, one with a query string), a 304, the index, tags, feeds, the sitemap, a 404 and a 406. Every response's status and Content-Type is checked; every 16th body is compared byte for byte with a reference fetched before the load. workerd's RSS is sampled every second; "warm" is the median of seconds 10–20 (RSS reaches its working set in the first ~10 s), "end" the median of the last 10 s. The Worker's live JS heap is read through workerd's inspector after a full garbage collection (a heap snapshot forces one; the inspector ignores \`HeapProfiler.collectGarbage\`) every 10 s, at 15 s and after the load; so RSS here is the working set with a full collection every 10 s. Without those collections V8 lets garbage (mostly response bodies' external memory) pile up while the isolate has room, and RSS climbs towards ~400 MiB before levelling off: that is collection timing, not memory the Worker keeps, which is what the heap column measures.`,
    "",
    table(
      [
        "requests",
        "req/s",
        "p99 ms",
        "errors",
        "wrong answers",
        "bodies compared",
        "RSS warm → end (max), MiB",
        "Worker's live heap 15 s → end (max), MiB",
      ],
      [
        [
          fmt(r.requests),
          fmt(r.rps),
          fmt(r.p99Ms, 1),
          String(r.errors),
          String(r.wrong),
          fmt(r.checkedBodies),
          `${fmt(r.rssStart, 1)} → ${fmt(r.rssEnd, 1)} (${fmt(r.rssMax, 1)})`,
          `${fmt(r.heapStart, 2)} → ${fmt(r.heapEnd, 2)} (${fmt(r.heapMax, 2)})`,
        ],
      ],
    ),
    "",
    `Result: ${pass ? "pass" : "FAIL"} — zero errors ${r.errors === 0 ? "✓" : "✗"}, zero wrong answers ${r.wrong === 0 ? "✓" : "✗"}, workerd's memory flat (end within 10% or 8 MiB of the warm start) ${isFlat(r) ? "✓" : "✗"}, the Worker's live heap flat (within 10% or 1 MiB) ${heapIsFlat(r) ? "✓" : "✗"}.${r.wrongExamples.length ? ` Examples: ${r.wrongExamples.join("; ")}.` : ""}`,
    "",
    "Reproduce: `node bench/soak.ts` (also the last step of `npm run bench`). The req/s here is not a throughput figure: autocannon runs in Node on the same two cores.",
  ].join("\n");
}

/**
 * Serves the bundle with a fresh Miniflare instance (memory starts from a cold isolate), soaks it and
 * prints the result; returns its section of docs/benchmarks.md and whether it passed.
 */
export async function soakBundle(
  work: string,
  real: Bundle,
  opts: { seconds: number; connections: number },
): Promise<{ section: string; passed: boolean }> {
  const port = 9331; // the inspector, for the heap readings
  const served = await serve(work, [real], { inspectorPort: port });
  const session = await inspect(port, "real");
  try {
    const r = await soak(served.urls.real as string, served.pid, opts.seconds, opts.connections, () => heapAfterGc(session));
    const section = renderSoak(r);
    console.log(`\n${section}\n`);
    return { section, passed: passed(r) };
  } finally {
    session.close();
    await served.stop();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      seconds: { type: "string", default: "60" },
      connections: { type: "string", default: "256" },
      write: { type: "boolean", default: false },
    },
  });
  execFileSync("node", [join(root, "src/build/index.ts"), "--quiet"], { stdio: "inherit" });
  const work = mkdtempSync(join(tmpdir(), "edge-blog-soak-"));
  try {
    const real = bundle(work, { name: "real", main: join(root, "src/worker/index.ts"), assets: await assetsDirectory() });
    const soaked = await soakBundle(work, real, { seconds: Number(values.seconds), connections: Number(values.connections) });
    // Recorded only when asked, and only a passing run.
    if (values.write && soaked.passed) replaceSection(join(root, "docs/benchmarks.md"), "soak", soaked.section);
    if (!soaked.passed) process.exitCode = 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) await main();
