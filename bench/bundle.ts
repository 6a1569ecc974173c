/**
 * Bundles a Worker exactly as `wrangler deploy` would (`--dry-run --outdir`), from a temp
 * config, so the bench measures the deployed bytes rather than `wrangler dev`'s proxy.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export interface Bundle {
  name: string;
  /** The --outdir: index.js plus any extra modules wrangler emitted. */
  dir: string;
  /** Bytes of every module (not the source map): what is uploaded. */
  rawBytes: number;
  gzipBytes: number;
  config: string;
  /** Its Workers Static Assets directory, if any (bench/miniflare.ts serves it as ASSETS). */
  assets?: string;
}

export interface BundleOptions {
  name: string;
  main: string;
  /** Import aliases (`[alias]`), e.g. to hand a generated constant to a bench worker. */
  alias?: Record<string, string>;
  compatibilityDate?: string;
  /**
   * A Workers Static Assets directory: the dry run then also reads it as a deploy would (every
   * file under 25 MiB), and the bundle carries it for serving.
   */
  assets?: string;
}

const wranglerToml = readFileSync(join(import.meta.dirname, "../wrangler.toml"), "utf8");
/** wrangler.toml's compatibility date and flags, for every benchmarked Worker: the runtime behaves as in production. */
export const COMPATIBILITY_DATE = /^compatibility_date = "([^"]+)"/m.exec(wranglerToml)?.[1] ?? "2026-11-01";
export const COMPATIBILITY_FLAGS: string[] = JSON.parse(/^compatibility_flags = (\[.*\])/m.exec(wranglerToml)?.[1] ?? "[]");

export function bundle(workDir: string, opts: BundleOptions): Bundle {
  const dir = join(workDir, opts.name);
  mkdirSync(dir, { recursive: true });
  const alias = Object.entries(opts.alias ?? {})
    .map(([k, v]) => `${JSON.stringify(k)} = ${JSON.stringify(v)}`)
    .join(", ");
  // No [build] section: content is built by the caller into the directory `main` lives in.
  const config = [
    `name = ${JSON.stringify(`bench-${opts.name}`)}`,
    `main = ${JSON.stringify(opts.main)}`,
    `compatibility_date = ${JSON.stringify(opts.compatibilityDate ?? COMPATIBILITY_DATE)}`,
    `compatibility_flags = ${JSON.stringify(COMPATIBILITY_FLAGS)}`,
    alias ? `alias = { ${alias} }` : "",
    ...(opts.assets ? ["[assets]", `directory = ${JSON.stringify(opts.assets)}`, 'binding = "ASSETS"'] : []),
    "",
  ].join("\n");
  const configPath = join(dir, "wrangler.toml");
  writeFileSync(configPath, config);
  const out = join(dir, "out");
  execFileSync("wrangler", ["deploy", "--dry-run", "--outdir", out, "-c", configPath], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    maxBuffer: 64 * 1024 * 1024,
  });
  const modules = readdirSync(out).filter((f) => !f.endsWith(".map") && f !== "README.md");
  let rawBytes = 0;
  const chunks: Buffer[] = [];
  for (const f of modules) {
    rawBytes += statSync(join(out, f)).size;
    chunks.push(readFileSync(join(out, f)));
  }
  // One gzip over all modules, like wrangler's "Total Upload … / gzip" line.
  const gzipBytes = gzipSync(Buffer.concat(chunks)).byteLength;
  return { name: opts.name, dir: out, rawBytes, gzipBytes, config: configPath, assets: opts.assets };
}
