/**
 * Installs a nested package's tools (`test/e2e/`, `bench/`) from its own lockfile when
 * they are missing or differ from it, and does nothing otherwise: `npm run test:e2e` and
 * `npm run bench` call it first, so the browser driver, the validators and the load-test client
 * stay out of the `npm install` that writing, testing and deploying need.
 *
 *   node tools/ensure-installed.ts test/e2e
 *
 * "Installed" means every package of the folder's lockfile is on disk at its locked version (one
 * small read per package: milliseconds). Otherwise `npm ci` reinstalls exactly the lockfile, run
 * by the npm on PATH, on the Node that runs the npm scripts.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

interface LockEntry {
  version?: string;
  optional?: boolean;
  link?: boolean;
}
interface Lockfile {
  packages?: Record<string, LockEntry>;
}

function readJson<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined; // torn or hand-edited: reinstall rather than trust it
  }
}

/** The first locked package that is not on disk at its locked version, or undefined when none. */
function firstMissing(root: string, locked: Lockfile): string | undefined {
  for (const [path, entry] of Object.entries(locked.packages ?? {})) {
    // "" is the folder's own package; optional packages for other platforms are never installed.
    if (path === "" || entry.optional || entry.link) continue;
    const installed = readJson<{ version?: string }>(join(root, path, "package.json"));
    if (installed?.version !== entry.version) return `${path.replace(/^.*node_modules\//, "")}@${entry.version ?? "?"}`;
  }
  return undefined;
}

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node tools/ensure-installed.ts <folder with package.json and package-lock.json>");
  process.exit(2);
}
const root = resolve(dir);
const locked = readJson<Lockfile>(join(root, "package-lock.json"));
if (!locked) {
  console.error(`${dir}/package-lock.json is missing or unreadable`);
  process.exit(2);
}
const missing = firstMissing(root, locked);
if (missing !== undefined) {
  console.error(`${dir}: ${missing} is not installed; installing the folder's lockfile (npm ci)`);
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`${dir}: npm ci failed${result.error ? `: ${result.error.message}` : ""}`);
    process.exit(result.status ?? 1);
  }
}
