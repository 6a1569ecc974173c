/**
 * The benchmarks' system tools (wrk, Hugo) come from Debian's packages: a fresh machine has
 * neither, and the scripts install what they need rather than send the reader to a set-up step.
 */
import { execFileSync, spawnSync } from "node:child_process";

const present = (command: string, versionArgs: string[]) =>
  spawnSync(command, versionArgs, { encoding: "utf8" }).error === undefined;

/** Installs Debian's `pkg` when `command` is missing (as root; otherwise says what to run). */
export function ensureApt(command: string, pkg: string, versionArgs = ["--version"]): void {
  if (present(command, versionArgs)) return;
  if (process.getuid?.() !== 0) throw new Error(`${command} is missing: apt-get install -y ${pkg} (as root), then run again`);
  console.error(`installing ${pkg} (Debian's package)…`);
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", pkg], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (!present(command, versionArgs)) throw new Error(`${pkg} was installed but ${command} still does not run`);
}
