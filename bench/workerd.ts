/**
 * Serves bundles with the `workerd` binary directly from a capnp config: one process, one socket
 * per Worker, and no Static Assets (raw workerd has no asset services, so a Worker that reads its
 * ASSETS binding cannot run here). The benchmarks use bench/miniflare.ts; this remains as
 * the reference that bench/hop.ts measures Miniflare's request path against.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Bundle } from "./bundle.ts";
import { COMPATIBILITY_DATE } from "./bundle.ts";

export interface Served {
  urls: Record<string, string>;
  /** workerd's process id, for memory readings. */
  pid: number;
  stop: () => Promise<void>;
}

/** A module line of the capnp config: index.js is the entry, .html/.txt are text modules. */
function moduleLine(dir: string, file: string, base: string): string {
  // capnp `embed` resolves relative to the config file; absolute paths are not found.
  const path = JSON.stringify(relative(base, join(dir, file)));
  if (file.endsWith(".js") || file.endsWith(".mjs")) return `(name = ${JSON.stringify(file)}, esModule = embed ${path})`;
  if (file.endsWith(".wasm")) return `(name = ${JSON.stringify(file)}, wasm = embed ${path})`;
  if (file.endsWith(".bin")) return `(name = ${JSON.stringify(file)}, data = embed ${path})`;
  return `(name = ${JSON.stringify(file)}, text = embed ${path})`;
}

export function capnpConfig(bundles: Bundle[], basePort: number, base: string): string {
  const ident = (i: number) => `w${i}`;
  const services = bundles.map((b, i) => `(name = ${JSON.stringify(b.name)}, worker = .${ident(i)})`);
  const sockets = bundles.map(
    (b, i) => `(name = "s${i}", address = "127.0.0.1:${basePort + i}", http = (), service = ${JSON.stringify(b.name)})`,
  );
  const workers = bundles.map((b, i) => {
    // index.js first: workerd treats the first module as the entry point.
    const files = readdirSync(b.dir)
      .filter((f) => !f.endsWith(".map") && f !== "README.md")
      .sort((x, y) => (x === "index.js" ? -1 : y === "index.js" ? 1 : x < y ? -1 : 1));
    return `const ${ident(i)} :Workerd.Worker = (\n  modules = [${files.map((f) => moduleLine(b.dir, f, base)).join(", ")}],\n  compatibilityDate = "${COMPATIBILITY_DATE}",\n);`;
  });
  return [
    'using Workerd = import "/workerd/workerd.capnp";',
    `const config :Workerd.Config = (\n  services = [${services.join(", ")}],\n  sockets = [${sockets.join(", ")}],\n);`,
    ...workers,
    "",
  ].join("\n");
}

async function waitUp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`workerd exited with ${child.exitCode}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      // Short polls: the scale bench times spawn → first answer with this loop.
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  throw new Error(`workerd did not answer ${url} within ${timeoutMs} ms`);
}

/** Starts workerd serving every bundle; resolves when each socket answers. */
export async function serve(workDir: string, bundles: Bundle[], basePort = 18700): Promise<Served> {
  const configPath = join(workDir, "workerd.capnp");
  writeFileSync(configPath, capnpConfig(bundles, basePort, workDir));
  const child = spawn("workerd", ["serve", configPath], { stdio: ["ignore", "inherit", "inherit"] });
  const urls: Record<string, string> = {};
  bundles.forEach((b, i) => {
    urls[b.name] = `http://127.0.0.1:${basePort + i}`;
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  };
  try {
    for (const url of Object.values(urls)) await waitUp(`${url}/`, child, 120_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { urls, pid: child.pid ?? 0, stop };
}
