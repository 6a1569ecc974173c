/**
 * Serves bundles with Miniflare's Node API, each with a Workers Static Assets directory and the
 * ASSETS binding, routed as the root wrangler.toml's `[assets]` says (run_worker_first,
 * html_handling, not_found_handling): the options are the ones wrangler itself hands Miniflare.
 * Raw `workerd` from a capnp config cannot serve Static Assets; Miniflare adds the asset services
 * (asset router, asset worker, storage) that `wrangler dev` and production put beside a Worker.
 *
 * No Node is in any request path: every URL is a workerd socket (`unsafeDirectSockets`), never
 * Miniflare's entry socket (its entry Worker is one more hop) nor `dispatchFetch` (through Node).
 * Each Worker has two:
 *
 * - `urls`: straight to the Worker. Its ASSETS binding works (it is a binding to the asset
 *   worker, as in production), but no asset router runs before it. The benchmarks load these:
 *   in production the router is Cloudflare's, warm and not billed to the Worker, while in
 *   Miniflare it is three more Workers on the same two cores (an RPC proxy, the router, the asset
 *   worker's lookup), which cut a constant Worker from ≈ 5,500 to ≈ 1,400 req/s here and would
 *   squeeze every ratio towards 1. `node bench/hop.ts` measures this against raw workerd.
 * - `routedUrls`: through Miniflare's asset router with wrangler.toml's routing, as a request from
 *   the Internet would arrive: a file in the assets directory is answered without the Worker.
 *
 * A bundle without an assets directory of its own (the constant peers) gets the same options with an
 * empty one, so every Worker has the same services around it and ratios between them stay fair.
 */
import type { ChildProcess } from "node:child_process";
import dc from "node:diagnostics_channel";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { convertV4MiniflareOptions, Log, LogLevel, Miniflare, type V4WorkerOptions } from "miniflare";
import type { Bundle } from "./bundle.ts";
import { COMPATIBILITY_DATE, COMPATIBILITY_FLAGS } from "./bundle.ts";

const root = resolve(import.meta.dirname, "..");

export interface Timings {
  /** performance.now() before `new Miniflare()`. */
  start: number;
  /** When Miniflare spawned workerd (NaN if it was not seen). */
  spawn: number;
  /** When every Worker had answered `readyPath` (the first answer). */
  ready: number;
}

export interface Served {
  /** Straight to each Worker (its ASSETS binding live, no asset router in front): what is loaded. */
  urls: Record<string, string>;
  /** Through Miniflare's asset router, routed as wrangler.toml says. */
  routedUrls: Record<string, string>;
  /** Miniflare's entry socket (its entry Worker, then the first Worker's asset router). */
  entryUrl: string;
  /** workerd's process id, for memory and CPU readings (0 if it was not seen). */
  pid: number;
  timings: Timings;
  stop: () => Promise<void>;
}

export interface ServeOptions {
  /** Path polled on every Worker until it answers (any status). */
  readyPath?: string;
  timeoutMs?: number;
  /** Opens workerd's inspector (Chrome DevTools protocol) on this port, for profiling. */
  inspectorPort?: number;
}

type AssetsOptions = NonNullable<V4WorkerOptions["assets"]>;
let assetsConfig: AssetsOptions | undefined;

/**
 * The `[assets]` options exactly as wrangler hands them to Miniflare for the root wrangler.toml
 * (its routing config included), read once; each Worker then gets its own directory.
 */
async function rootAssets(): Promise<AssetsOptions> {
  if (!assetsConfig) {
    process.env.WRANGLER_SEND_METRICS ??= "false";
    const { unstable_getMiniflareWorkerOptions } = await import("wrangler");
    const { workerOptions } = unstable_getMiniflareWorkerOptions(join(root, "wrangler.toml"));
    if (!workerOptions.assets) throw new Error("wrangler.toml has no [assets] section");
    assetsConfig = workerOptions.assets as AssetsOptions;
  }
  return assetsConfig;
}

/** The blog's own assets directory (wrangler.toml `[assets] directory`), absolute. */
export async function assetsDirectory(): Promise<string> {
  return resolve(root, (await rootAssets()).directory);
}

/** The routing settings in force, for the docs' method notes. */
export async function assetsRouting(): Promise<string> {
  const a = await rootAssets();
  const first = JSON.stringify(a.run_worker_first ?? a.routerConfig?.invoke_user_worker_ahead_of_assets ?? false);
  return `run_worker_first = ${first}, html_handling = "${a.assetConfig?.html_handling ?? "auto-trailing-slash"}", not_found_handling = "${a.assetConfig?.not_found_handling ?? "none"}"`;
}

type ModuleType = "ESModule" | "Text" | "Data" | "CompiledWasm";

/** The modules wrangler emitted: index.js is the entry, .wasm/.bin as wrangler types them, others text. */
function modules(dir: string): { type: ModuleType; path: string }[] {
  const type = (f: string): ModuleType =>
    f.endsWith(".js") || f.endsWith(".mjs")
      ? "ESModule"
      : f.endsWith(".wasm")
        ? "CompiledWasm"
        : f.endsWith(".bin")
          ? "Data"
          : "Text";
  // index.js first: the first module is the entry point.
  return readdirSync(dir)
    .filter((f) => !f.endsWith(".map") && f !== "README.md")
    .sort((x, y) => (x === "index.js" ? -1 : y === "index.js" ? 1 : x < y ? -1 : 1))
    .map((f) => ({ type: type(f), path: join(dir, f) }));
}

async function waitUp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      return;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms: ${(e as Error).message}`);
      // Short polls: the first-request bench times start → first answer with this loop.
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

/** A Worker with nothing to do but host the socket that leads straight to another Worker. */
function socketHost(workDir: string, target: string) {
  const file = join(workDir, "socket-host.js");
  if (!existsSync(file)) writeFileSync(file, "export default { fetch() { return new Response(null, { status: 404 }); } };\n");
  return {
    name: `${target}-socket`,
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags: COMPATIBILITY_FLAGS,
    modulesRoot: workDir,
    modules: [{ type: "ESModule" as const, path: file }],
    // A direct socket of a Worker with assets always leads to its asset router; one owned by a
    // Worker without assets but naming the target's service leads to the target itself.
    unsafeDirectSockets: [{ host: "127.0.0.1", port: 0, serviceName: target }],
  };
}

/**
 * Starts one Miniflare instance (one workerd process) serving every bundle on 127.0.0.1, each with
 * its assets directory (an empty one if the bundle has none). Resolves when each Worker answers
 * `readyPath` on its direct URL.
 */
export async function serve(workDir: string, bundles: Bundle[], opts: ServeOptions = {}): Promise<Served> {
  const assets = await rootAssets();
  const workers = bundles.flatMap((b) => {
    const directory = b.assets ?? join(workDir, "empty-assets");
    mkdirSync(directory, { recursive: true });
    const worker = {
      name: b.name,
      compatibilityDate: COMPATIBILITY_DATE,
      compatibilityFlags: COMPATIBILITY_FLAGS,
      modulesRoot: b.dir,
      modules: modules(b.dir),
      assets: { ...assets, directory },
      unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
    };
    return [worker, socketHost(workDir, b.name)];
  });
  // Miniflare spawns workerd from inside its start-up; Node's `child_process` diagnostics channel
  // reports every spawn (just before it happens) without wrapping anything.
  const spawned: { proc: ChildProcess; at: number }[] = [];
  const onSpawn = (message: unknown) => {
    spawned.push({ proc: (message as { process: ChildProcess }).process, at: performance.now() });
  };
  dc.subscribe("child_process", onSpawn);
  const start = performance.now();
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: "127.0.0.1",
      port: 0,
      cf: false,
      ...(opts.inspectorPort ? { inspectorPort: opts.inspectorPort } : {}),
      log: new Log(LogLevel.WARN),
      workers,
    }),
  );
  const stop = () => mf.dispose();
  try {
    const entryUrl = (await mf.ready).href.replace(/\/$/, "");
    const url = async (name: string) => (await mf.unsafeGetDirectURL(name)).href.replace(/\/$/, "");
    const urls: Record<string, string> = {};
    const routedUrls: Record<string, string> = {};
    for (const b of bundles) {
      urls[b.name] = await url(`${b.name}-socket`);
      routedUrls[b.name] = await url(b.name);
    }
    for (const u of Object.values(urls)) await waitUp(`${u}${opts.readyPath ?? "/"}`, opts.timeoutMs ?? 120_000);
    const ready = performance.now();
    const workerd = spawned.find((s) => /workerd/.test(s.proc.spawnfile ?? ""));
    return {
      urls,
      routedUrls,
      entryUrl,
      pid: workerd?.proc.pid ?? 0,
      timings: { start, spawn: workerd?.at ?? Number.NaN, ready },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  } finally {
    dc.unsubscribe("child_process", onSpawn);
  }
}
