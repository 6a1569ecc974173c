/**
 * Startup CPU with `wrangler check startup`: it bundles the Worker, imports it once in a local
 * workerd under the V8 profiler and writes a .cpuprofile. Active time (samples that are not
 * "(idle)") is the figure comparable to Workers' 1 s startup limit; it is computed here from
 * the profile the same way wrangler summarises it.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { basename, dirname, extname } from "node:path";

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url?: string } }[];
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

/**
 * Start-up CPU of the Worker that `config` (a wrangler.toml) describes. `wrangler check startup`
 * bundles with a `wrangler deploy` of its own, which does not take `-c`: given only `-c`, it
 * profiled the project in the working directory whatever the config named (every Worker
 * measured this way until December 2026 was this repository's). So it runs in the config's
 * directory, and a profile with a frame of any other script than the one that config's `main`
 * becomes is refused. (A small Worker's start-up may show no frame of its own at all: a sample or
 * two, "(program)" or "startup".)
 */
export function checkStartup(config: string, outfile: string): StartupSummary {
  execFileSync("wrangler", ["check", "startup", "--cwd", dirname(config), "--outfile", outfile], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 180_000,
  });
  const profile = JSON.parse(readFileSync(outfile, "utf8")) as CpuProfile;
  const main = /^main = "(.+)"$/m.exec(readFileSync(config, "utf8"))?.[1] ?? config;
  const script = `${basename(main, extname(main))}.js`;
  const other = profile.nodes.map((n) => n.callFrame.url?.split("/").pop() ?? "").find((f) => f.endsWith(".js") && f !== script);
  if (other) throw new Error(`wrangler check startup profiled ${other}, not ${main} (${outfile})`);
  return summarize(profile);
}
