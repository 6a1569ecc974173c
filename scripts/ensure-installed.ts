/**
 * Installs a nested package's tools (`test/e2e/`, `scripts/bench/`) from its own lockfile when
 * they are missing or differ from it, and does nothing otherwise: `npm run test:e2e` and
 * `npm run bench` call it first, so the browser driver, the validators and the load-test client
 * stay out of the `npm install` that writing, testing and deploying need.
 *
 *   node scripts/ensure-installed.ts test/e2e
 *
 * "Installed" means npm's own record of the last install (`node_modules/.package-lock.json`)
 * lists every package of the lockfile at the locked version. Otherwise `npm ci` reinstalls
 * exactly the lockfile (run by the npm on PATH, on the Node that runs the npm scripts).
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

function readLock(file: string): Lockfile | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Lockfile;
  } catch {
    return undefined; // a torn or hand-edited record: reinstall rather than trust it
  }
}

/** The first package the install lacks or has at another version, or undefined when none. */
function firstMismatch(locked: Lockfile, installed: Lockfile | undefined): string | undefined {
  const have = installed?.packages ?? {};
  for (const [path, entry] of Object.entries(locked.packages ?? {})) {
    // "" is the package itself; optional packages for other platforms are never installed.
    if (path === "" || entry.optional || entry.link) continue;
    if (have[path]?.version !== entry.version) return `${path}@${entry.version ?? "?"}`;
  }
  return undefined;
}

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node scripts/ensure-installed.ts <folder with package.json and package-lock.json>");
  process.exit(2);
}
const root = resolve(dir);
const locked = readLock(join(root, "package-lock.json"));
if (!locked) {
  console.error(`${dir}/package-lock.json is missing or unreadable`);
  process.exit(2);
}
const missing = firstMismatch(locked, readLock(join(root, "node_modules", ".package-lock.json")));
if (missing !== undefined) {
  console.error(`${dir}: installing its tools from its package-lock.json (npm ci; ${missing} was missing)`);
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`${dir}: npm ci failed${result.error ? `: ${result.error.message}` : ""}`);
    process.exit(result.status ?? 1);
  }
}
