/**
 * Symbolic links under content/. Git keeps them, so a post folder can hold `config.txt ->
 * /etc/hostname` (or `~/.npmrc`) and a link to `./config.txt` would publish the build machine's
 * file. The build follows none: every entry is looked at with lstat (readdir's file types),
 * a symlinked folder is not entered, and each link is a build error.
 *
 * Dot entries are passed over, as the build passes them over everywhere: it never reads them,
 * and editors make symlinks there (Emacs's `.#index.md` lock files).
 */
import { readdirSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import type { BuildError } from "../shared/types.ts";

/** Every symlink under `dir` (not followed), as `file → symlink: …` errors; `display` names a path in messages. */
export function symlinkErrors(dir: string, display: (path: string) => string): BuildError[] {
  const errors: BuildError[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      errors.push({
        file: display(path),
        field: "symlink",
        message: `is a symbolic link (to ${readlinkSync(path)}); the build follows none, so nothing outside content/ is published: put the file itself here`,
      });
    } else if (entry.isDirectory()) errors.push(...symlinkErrors(path, display));
  }
  return errors;
}
