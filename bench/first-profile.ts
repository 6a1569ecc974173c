/**
 * A CPU profile of one first request on a fresh isolate, taken inside workerd through its
 * inspector (the Chrome DevTools protocol): where the real Worker's first request for a path
 * spends its time. Prints the functions with the most time, self and inclusive, and writes the
 * .cpuprofile (open it in Chrome DevTools). For profiling; figures to keep go in run.ts.
 *
 * With `--runs N`, profiles N fresh isolates and prints the mean per function, which steadies
 * the attribution of a sub-millisecond request (each profile holds only a few dozen samples).
 *
 * `--ready <path>` is the path polled until the Worker is up (default `/robots.txt`, which runs
 * the Worker, so the profiled request finds the router and the app already used). A path the
 * asset router serves without the Worker, such as `--ready /cards/<card>.png`, leaves the
 * Worker untouched: the profiled request is then the isolate's very first, as in production
 * after a cold start.
 *
 *   node bench/first-profile.ts [--path /posts/<slug>] [--out first.cpuprofile] [--runs 1] [--ready /robots.txt]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { bundle } from "./bundle.ts";
import { BROWSER_ACCEPT } from "./first.ts";
import { inspect } from "./inspector.ts";
import { assetsDirectory, serve } from "./miniflare.ts";

const root = resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    path: { type: "string", default: "/posts/rust-and-the-future-of-back-end-development" },
    out: { type: "string", default: "first.cpuprofile" },
    port: { type: "string", default: "9329" },
    runs: { type: "string", default: "1" },
    ready: { type: "string", default: "/robots.txt" },
  },
});

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

interface Tally {
  self: Map<string, number>;
  incl: Map<string, number>;
  total: number;
}

function tally(p: Profile, into: Tally): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: ProfileNode) =>
    `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").pop() || ""}:${n.callFrame.lineNumber + 1}`;
  const { self, incl } = into;
  p.samples.forEach((sid, i) => {
    const ms = (p.timeDeltas[i] ?? 0) / 1000;
    into.total += ms;
    const n = byId.get(sid) as ProfileNode;
    self.set(key(n), (self.get(key(n)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let cur: number | undefined = sid; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur) as ProfileNode);
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + ms);
    }
  });
}

/** The functions with the most time, as a mean over `runs` profiles. */
function summarise({ self, incl, total }: Tally, runs: number): string {
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .filter(([k]) => !k.startsWith("(root)") && !k.startsWith("(idle)"))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${(v / runs).toFixed(2).padStart(8)} ms  ${k}`)
      .join("\n");
  const idle = [...self].filter(([k]) => k.startsWith("(idle)")).reduce((a, [, v]) => a + v, 0) / runs;
  const per = runs > 1 ? `, mean of ${runs} fresh isolates` : "";
  return `profiled ${(total / runs).toFixed(1)} ms (idle ${idle.toFixed(1)} ms)${per}\n\nself time\n${top(self, 25)}\n\ninclusive\n${top(incl, 40)}`;
}

execFileSync("node", [join(root, "src/build/index.ts"), "--quiet"], { stdio: "inherit" });
const work = mkdtempSync(join(tmpdir(), "edge-blog-profile-"));
try {
  const real = bundle(work, { name: "real", main: join(root, "src/worker/index.ts"), assets: await assetsDirectory() });
  const port = Number(values.port);
  const runs = Number(values.runs);
  const all: Tally = { self: new Map(), incl: new Map(), total: 0 };
  for (let run = 1; run <= runs; run++) {
    const served = await serve(work, [real], { readyPath: values.ready, inspectorPort: port });
    try {
      // As in first.ts: the asset service warm, as production's always is.
      const card = readdirSync(join(await assetsDirectory(), "cards"))[0];
      if (card) await (await fetch(`${served.routedUrls.real}/cards/${card}`)).arrayBuffer();
      const s = await inspect(port, "real");
      await s.send("Profiler.enable");
      await s.send("Profiler.setSamplingInterval", { interval: 50 });
      await s.send("Profiler.start");
      const t = performance.now();
      const res = await fetch(`${served.urls.real}${values.path}`, { headers: { accept: BROWSER_ACCEPT } });
      await res.arrayBuffer();
      const ms = performance.now() - t;
      const { profile } = (await s.send("Profiler.stop")) as { profile: Profile };
      s.close();
      if (run === 1) writeFileSync(values.out as string, JSON.stringify(profile));
      console.log(
        `${values.path}: ${res.status} in ${ms.toFixed(2)} ms (wall, from Node); profile of ${s.title}${run === 1 ? ` in ${values.out}` : ""}`,
      );
      tally(profile, all);
    } finally {
      await served.stop();
    }
  }
  console.log(`\n${summarise(all, runs)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
