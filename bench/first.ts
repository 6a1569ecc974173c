/**
 * First requests on a fresh isolate: each sample is a new Miniflare instance (a new workerd
 * process) serving one Worker; once it answers a readiness request (`/robots.txt`, which renders
 * no page), one timed GET with a browser's `Accept`, wall clock from Node
 * until the whole body is read. Cases are interleaved (every case once per round, in a rotated
 * order), so a noisy minute on a shared machine hurts them alike; medians are reported, and each
 * case also as the median over rounds of its difference to the peer's figure in the same round.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Bundle } from "./bundle.ts";
import { table } from "./docs.ts";
import { serve } from "./miniflare.ts";
import { fmt, median } from "./stats.ts";

export const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

export interface FirstCase {
  name: string;
  /** Shown in the table's worker column. */
  worker: string;
  bundle: Bundle;
  path: string;
  /** Polled until it answers, before the timed request. */
  readyPath: string;
  /** The status the timed request must get (200 unless said). */
  status?: number;
  /**
   * Leave Miniflare's asset service cold (by default it is warmed first, see `sample`): for the
   * case that shows what that costs here.
   */
  coldAssetService?: boolean;
}

/** A file the asset router serves itself (a social card or an image), or undefined if none. */
function staticFile(dir: string | undefined): string | undefined {
  if (!dir) return undefined;
  for (const top of ["cards", "media"]) {
    const stack = [top];
    while (stack.length > 0) {
      const rel = stack.pop() as string;
      const full = join(dir, rel);
      if (!existsSync(full)) continue;
      for (const e of readdirSync(full, { withFileTypes: true })) {
        if (e.isDirectory()) stack.push(`${rel}/${e.name}`);
        else return `/${rel}/${e.name}`;
      }
    }
  }
  return undefined;
}

export interface FirstRow {
  name: string;
  worker: string;
  path: string;
  /** Timed request, ms, one per round. */
  ms: number[];
  /** workerd spawn → first answer of the readiness request, ms, one per round. */
  coldMs: number[];
  /** `new Miniflare()` → workerd spawn (Miniflare's own set-up in Node), ms. */
  setupMs: number[];
  /** Median over rounds of (this case − the peer) in the same round; 0 for the peer. */
  overPeerMs: number;
  /** The same for the cold start (workerd spawn → first answer). */
  coldOverPeerMs: number;
}

/**
 * One fresh instance: ready, then the single timed request. In production the asset service is
 * shared and always warm, and a fresh isolate of the Worker does not start it; in a new
 * Miniflare process it is as cold as the Worker, and its first read (its own script compiled)
 * would be charged to whichever request reads first. So it is warmed first with a static file
 * the asset router serves without running the Worker, unless the case asks for it cold.
 */
async function sample(work: string, c: FirstCase): Promise<{ ms: number; coldMs: number; setupMs: number }> {
  const served = await serve(work, [c.bundle], { readyPath: c.readyPath });
  try {
    const file = c.coldAssetService ? undefined : staticFile(c.bundle.assets);
    if (file) {
      const warm = await fetch(`${served.routedUrls[c.bundle.name]}${file}`);
      await warm.arrayBuffer();
      if (warm.status !== 200) throw new Error(`${file} answered ${warm.status} from the asset router`);
    }
    const url = `${served.urls[c.bundle.name]}${c.path}`;
    const t = performance.now();
    const res = await fetch(url, { headers: { accept: BROWSER_ACCEPT } });
    await res.arrayBuffer();
    const ms = performance.now() - t;
    if (res.status !== (c.status ?? 200)) throw new Error(`${c.name}: ${c.path} answered ${res.status} on a fresh isolate`);
    return { ms, coldMs: served.timings.ready - served.timings.spawn, setupMs: served.timings.spawn - served.timings.start };
  } finally {
    await served.stop();
  }
}

export async function firstRequests(
  work: string,
  cases: FirstCase[],
  opts: { samples: number; peer: string; log?: (line: string) => void },
): Promise<FirstRow[]> {
  const rows = cases.map(
    (c): FirstRow => ({
      name: c.name,
      worker: c.worker,
      path: c.path,
      ms: [],
      coldMs: [],
      setupMs: [],
      overPeerMs: 0,
      coldOverPeerMs: 0,
    }),
  );
  for (let round = 0; round < opts.samples; round++) {
    for (let k = 0; k < cases.length; k++) {
      const i = (k + round) % cases.length;
      const s = await sample(work, cases[i] as FirstCase);
      const row = rows[i] as FirstRow;
      row.ms.push(s.ms);
      row.coldMs.push(s.coldMs);
      row.setupMs.push(s.setupMs);
      opts.log?.(
        `first ${round + 1}/${opts.samples} ${row.name.padEnd(24)} ${s.ms.toFixed(2).padStart(8)} ms  (cold start ${s.coldMs.toFixed(0)} ms)`,
      );
    }
  }
  const peer = rows.find((r) => r.name === opts.peer);
  if (!peer) throw new Error(`no first-request case named ${opts.peer}`);
  for (const r of rows) {
    r.overPeerMs = median(r.ms.map((ms, i) => ms - (peer.ms[i] as number)));
    r.coldOverPeerMs = median(r.coldMs.map((ms, i) => ms - (peer.coldMs[i] as number)));
  }
  return rows;
}

/** The target: each of the real Worker's first requests at most `limitMs` over the peer's. */
export function firstVerdict(rows: FirstRow[], peer: string, limitMs: number): { met: boolean; text: string } {
  const own = rows.filter((r) => r.name !== peer);
  const met = own.length > 0 && own.every((r) => r.overPeerMs <= limitMs);
  const parts = own.map((r) => `${r.name} ${r.overPeerMs >= 0 ? "+" : ""}${fmt(r.overPeerMs, 2)} ms`);
  return { met, text: `${parts.join(", ")} → ${met ? "met" : "not met"}` };
}

export function renderFirst(rows: FirstRow[], opts: { peer: string; samples: number }): string {
  const body = rows.map((r) => [
    r.name,
    `\`${r.path}\``,
    r.worker,
    fmt(median(r.ms), 2),
    `${fmt(Math.min(...r.ms), 2)}–${fmt(Math.max(...r.ms), 2)}`,
    r.name === opts.peer ? "—" : `${r.overPeerMs >= 0 ? "+" : ""}${fmt(r.overPeerMs, 2)}`,
    fmt(median(r.coldMs)),
    r.name === opts.peer ? "—" : signed(r.coldOverPeerMs, 1),
  ]);
  return table(
    [
      "first request",
      "path",
      "worker",
      "median ms",
      "range ms",
      "ms over the Hono-constant peer",
      "cold start ms",
      "cold start over the peer",
    ],
    body,
  );
}

const signed = (ms: number, digits: number) => `${ms >= 0 ? "+" : ""}${fmt(ms, digits)}`;

/** How the figures were taken, for the docs. */
export function firstMethod(samples: number): string {
  return [
    `Each sample is a new Miniflare instance (a new workerd process, so a fresh isolate) serving one Worker with its assets; readiness is polled on \`/robots.txt\` (the peer answers it with a line of text, so nothing of the article's path is warmed), then Miniflare's asset service is warmed with one static file the asset router serves without running the Worker (in production that service is shared and always warm; a fresh isolate of the Worker does not start it), then one GET is timed wall clock from Node (the readiness request's keep-alive connection, browser \`Accept\`), body included. ${samples} samples per case, interleaved in rotating order; medians.`,
    '"ms over the peer" is the median over rounds of (case − peer) in the same round. The peer is a Hono app that sends the article\'s HTML as a constant (bench/workers/hono-constant.ts).',
    "Cold start is workerd spawn → first answer of the readiness request (compiling and starting the script, and Miniflare's own services: its entry Worker and the asset router, asset worker and RPC proxy of each Worker); \"over the peer\" is the median over rounds of (case − peer), so Miniflare's share cancels.",
  ].join("\n");
}
