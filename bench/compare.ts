/**
 * Interleaved load rounds: every round loads every (route, worker) pair once, in a rotated
 * worker order, so a noisy minute on a shared machine hurts all Workers alike. Medians over
 * rounds are reported, and each Worker's figure is divided by the constant baseline's figure
 * for the same route in the same run.
 */
import { type LoadResult, load } from "./load.ts";
import { median } from "./stats.ts";

export interface Route {
  name: string;
  path: string;
  /** Request headers per worker (a 304 needs each Worker's own ETag). */
  headers: (worker: string) => Record<string, string>;
  /** Status the real Worker must answer, checked before loading. */
  expect: number;
}

export interface CompareOptions {
  urls: Record<string, string>;
  routes: Route[];
  baseline: string;
  /** Other Workers that send one constant whatever the request: their status is not checked. */
  constants?: string[];
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  log?: (line: string) => void;
}

export interface Cell {
  rps: number;
  p99Ms: number;
  /** Median over rounds of (this rps / baseline rps in the same round). */
  ratio: number;
  samples: LoadResult[];
}

export type Results = Record<string, Record<string, Cell>>; // route → worker → cell

export async function compare(opts: CompareOptions): Promise<Results> {
  const workers = Object.keys(opts.urls);
  const log = opts.log ?? (() => {});
  const target = (route: Route, w: string) => ({
    url: `${opts.urls[w]}${route.path}`,
    headers: route.headers(w),
    connections: opts.connections,
  });
  for (const route of opts.routes) {
    for (const w of workers) {
      const res = await fetch(target(route, w).url, { headers: target(route, w).headers });
      await res.arrayBuffer();
      const constant = w === opts.baseline || (opts.constants ?? []).includes(w);
      if (!constant && res.status !== route.expect) {
        throw new Error(`${w} ${route.name}: expected ${route.expect}, got ${res.status}`);
      }
      // Warm-up: JIT, the isolate's caches, and wrk's connections, before any sample counts.
      if (opts.warmupSeconds > 0) await load({ ...target(route, w), seconds: opts.warmupSeconds });
    }
  }
  const raw: Record<string, Record<string, LoadResult[]>> = {};
  for (let round = 0; round < opts.rounds; round++) {
    for (const route of opts.routes) {
      const order = workers.map((_, i) => workers[(i + round) % workers.length] as string);
      for (const w of order) {
        const r = await load({ ...target(route, w), seconds: opts.seconds });
        if (r.errors > 0) throw new Error(`${w} ${route.name}: ${r.errors} errors under load`);
        raw[route.name] ??= {};
        const list = raw[route.name] as Record<string, LoadResult[]>;
        list[w] ??= [];
        list[w].push(r);
        log(
          `round ${round + 1}/${opts.rounds} ${route.name.padEnd(14)} ${w.padEnd(9)} ${r.rps.toFixed(0).padStart(7)} req/s  p99 ${r.p99Ms.toFixed(2)} ms`,
        );
      }
    }
  }
  const results: Results = {};
  for (const route of opts.routes) {
    const byWorker = raw[route.name] as Record<string, LoadResult[]>;
    const base = byWorker[opts.baseline] as LoadResult[];
    results[route.name] = {};
    for (const w of workers) {
      const samples = byWorker[w] as LoadResult[];
      (results[route.name] as Record<string, Cell>)[w] = {
        rps: median(samples.map((s) => s.rps)),
        p99Ms: median(samples.map((s) => s.p99Ms)),
        ratio: median(samples.map((s, i) => s.rps / (base[i] as LoadResult).rps)),
        samples,
      };
    }
  }
  return results;
}
