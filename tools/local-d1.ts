/**
 * Before `npm start`: when wrangler.toml binds federation's database (DB, docs/federation.md),
 * its migrations are applied to the local copy wrangler dev serves, so a fresh clone with
 * federation on needs no step of its own. When content/site.yaml turns federation on but no
 * database is bound, it says what to add; with federation off it does nothing.
 *
 *   node tools/local-d1.ts
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
// A light reading: a [[d1_databases]] table whose binding is "DB" (comments skipped).
const uncommented = toml.replace(/^\s*#.*$/gm, "");
const bound = /\[\[d1_databases\]\][^[]*?binding\s*=\s*"DB"/.test(uncommented);
const content = process.env.BLOG_CONTENT ?? join(root, "content");
const siteYaml = join(content, "site.yaml");
const federationOn = existsSync(siteYaml) && /^fediverse\s*:/m.test(readFileSync(siteYaml, "utf8"));

if (bound) {
  // Wrangler's own entry, on the Node running this (the one the lockfile pins), whatever `node` is first on PATH.
  execFileSync(
    process.execPath,
    [join(root, "node_modules", "wrangler", "bin", "wrangler.js"), "d1", "migrations", "apply", "DB", "--local"],
    {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
      // Non-interactive: wrangler applies without asking, as it would in CI.
      env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
    },
  );
} else if (federationOn) {
  console.warn(
    "⚠ content/site.yaml turns federation on, but wrangler.toml binds no D1 database as DB: federation's routes answer 503 until it does (docs/federation.md).",
  );
}
