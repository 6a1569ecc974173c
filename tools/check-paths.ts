/**
 * `npm run check`: no tracked file names an absolute path of one developer's machine (a home
 * folder, a checkout under /work, the repository's own location). Such a path works only where
 * it was written: an import by it breaks every other clone, and it leaks a user name.
 *
 * System paths stay allowed (/etc/hostname in a security test, /usr/bin/chromium, /dev/null,
 * /tmp), and so do URL paths (https://example.com/home/…): only a path standing on its own, or
 * after file://, counts. A Windows path counts in a string literal too (two backslashes).
 *
 *   node tools/check-paths.ts
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** Where checkouts and home folders live; a path under one names someone's machine. */
const PERSONAL =
  /(?<![\w.~-])(?:\/(?:home|Users|root|work|workspace|mnt|srv|opt|private\/var)\/[\w.@-]+|[A-Za-z]:\\{1,2}(?:Users|work)\\{1,2}[\w.@-]+)/g;

/** The machine-specific paths `text` names, each with its line (1-based). */
export function personalPaths(text: string, root?: string): { line: number; path: string }[] {
  const found: { line: number; path: string }[] = [];
  text.split("\n").forEach((line, i) => {
    for (const m of line.matchAll(PERSONAL)) found.push({ line: i + 1, path: m[0] });
    if (root && line.includes(root) && !found.some((f) => f.line === i + 1)) found.push({ line: i + 1, path: root });
  });
  return found;
}

function main(): void {
  const root = resolve(import.meta.dirname, "..");
  const files = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" }).split("\0").filter(Boolean);
  const problems: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(join(root, file), "utf8");
    } catch {
      continue; // deleted in the work tree, not yet in the index
    }
    if (text.includes("\0")) continue; // binary
    for (const { line, path } of personalPaths(text, root))
      problems.push(`${file}:${line} → names ${path}, a path on one machine`);
  }
  if (problems.length > 0) {
    console.error(`✗ ${problems.length} machine-specific path(s) in tracked files:\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
}

if (import.meta.main) main();
