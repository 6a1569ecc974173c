/**
 * Startup CPU with `wrangler check startup`: it bundles the Worker, imports it once in a local
 * workerd under the V8 profiler and writes a .cpuprofile. Active time (samples that are not
 * "(idle)") is the figure comparable to Workers' 1 s startup limit; it is computed here from
 * the profile the same way wrangler summarises it.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string } }[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface StartupSummary {
  activeMs: number;
  gcMs: number;
}

export function summarize(profile: CpuProfile): StartupSummary {
  const names = new Map(profile.nodes.map((n) => [n.id, n.callFrame.functionName]));
  let active = 0;
  let gc = 0;
  (profile.timeDeltas ?? []).forEach((dt, i) => {
    const name = names.get(profile.samples?.[i] ?? -1);
    if (name === "(idle)") return;
    active += dt;
    if (name === "(garbage collector)") gc += dt;
  });
  return { activeMs: active / 1000, gcMs: gc / 1000 };
}

export function checkStartup(config: string, outfile: string): StartupSummary {
  execFileSync("wrangler", ["check", "startup", "-c", config, "--outfile", outfile], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 180_000,
  });
  return summarize(JSON.parse(readFileSync(outfile, "utf8")) as CpuProfile);
}
