/**
 * Writes the wrangler config that deploys a prebuilt Worker: the deploy job uploads the bundle the
 * test job built and tested (`wrangler deploy --dry-run --outdir dist/worker`), and must neither
 * build the content again nor bundle the Worker again (docs/deploying.md).
 *
 *   node tools/prebuilt-config.ts [--from wrangler.toml] [--worker dist/worker]
 *
 * The result, `<worker>/wrangler.json`, is wrangler.toml with three changes, so every other
 * setting (name, dates, flags, routes, the assets rules) has one home:
 * - no `[build]`: nothing runs before the upload;
 * - `main` is the bundle and `no_bundle` is set: the bytes tested are the bytes sent;
 * - `assets.directory` points at the built assets beside the bundle (paths in a wrangler config
 *   are relative to the config file), and a D1 database's `migrations_dir` (federation,
 *   docs/federation.md) at the migrations the artifact carries.
 */
import { writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { experimental_readRawConfig } from "wrangler";

/** The deploy config for a prebuilt bundle, from the project's config (pure, for the test). */
export function prebuiltConfig(
  raw: Record<string, unknown>,
  paths: { bundle: string; assets: string; migrations?: string },
): Record<string, unknown> {
  const { build: _build, main: _main, ...rest } = raw;
  const assets = rest.assets as Record<string, unknown> | undefined;
  const d1 = rest.d1_databases as Record<string, unknown>[] | undefined;
  return {
    ...rest,
    main: paths.bundle,
    no_bundle: true,
    ...(assets ? { assets: { ...assets, directory: paths.assets } } : {}),
    ...(d1 && paths.migrations ? { d1_databases: d1.map((db) => ({ ...db, migrations_dir: paths.migrations })) } : {}),
  };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      from: { type: "string", default: "wrangler.toml" },
      worker: { type: "string", default: join("dist", "worker") },
    },
  });
  const from = resolve(values.from);
  const worker = resolve(values.worker);
  const { rawConfig } = experimental_readRawConfig({ config: from });
  const raw = rawConfig as Record<string, unknown>;
  const assetsDir = (raw.assets as { directory?: string } | undefined)?.directory;
  const config = prebuiltConfig(raw, {
    bundle: "index.js",
    assets: relative(worker, resolve(from, "..", assetsDir ?? "dist/assets")),
    migrations: relative(worker, resolve(from, "..", "migrations")),
  });
  writeFileSync(join(worker, "wrangler.json"), `${JSON.stringify(config, null, 2)}\n`);
  console.log(`✓ ${relative(process.cwd(), join(worker, "wrangler.json"))}: deploys ${values.worker}/index.js as built`);
}
