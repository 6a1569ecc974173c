/**
 * One bounded load run with `wrk` against 127.0.0.1 only. wrk rather than autocannon: on a
 * 2-core machine a load generator running in Node takes a core's worth of CPU from the
 * Worker under test; wrk's C event loop takes a fraction of that, so ratios are fairer.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { ensureApt } from "./apt.ts";

const run = promisify(execFile);

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  seconds: number;
  connections: number;
}

export interface LoadResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Non-2xx/3xx responses plus socket errors: any means the run is not valid. */
  errors: number;
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

function latency(text: string, pct: string): number {
  const m = new RegExp(`^\\s*${pct}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, "m").exec(text);
  if (!m) throw new Error(`wrk output has no ${pct}% latency:\n${text}`);
  return Number(m[1]) * (UNIT_MS[m[2] ?? "ms"] ?? 1);
}

export function parseWrk(text: string): LoadResult {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(text);
  const total = /(\d+) requests in/.exec(text);
  if (!rps || !total) throw new Error(`cannot parse wrk output:\n${text}`);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(text)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const socketErrors = socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  return {
    rps: Number(rps[1]),
    p50Ms: latency(text, "50"),
    p99Ms: latency(text, "99"),
    requests: Number(total[1]),
    errors: non2xx + socketErrors,
  };
}

export async function load(opts: LoadOptions): Promise<LoadResult> {
  const url = new URL(opts.url);
  // Never load anything but this machine.
  if (url.hostname !== "127.0.0.1") throw new Error(`refusing to load ${url.hostname}: 127.0.0.1 only`);
  const args = ["-t1", `-c${opts.connections}`, `-d${opts.seconds}s`, "--latency", "--timeout", "5s"];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push("-H", `${k}: ${v}`);
  args.push(opts.url);
  ensureApt("wrk", "wrk", ["-v"]);
  // The time bound is wrk's -d; the kill timeout is a backstop should wrk hang.
  const { stdout } = await run("wrk", args, { timeout: (opts.seconds + 15) * 1000 });
  return parseWrk(stdout);
}
