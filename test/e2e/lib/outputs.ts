// Where the suite writes what it records for the docs (screenshots, Lighthouse scores): the
// gitignored test/e2e/artifacts/ by default, so a run never dirties an author's git tree; the
// tracked docs/ only when asked (`npm run test:e2e:update-docs`, i.e. E2E_UPDATE_DOCS=1).
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";

export const UPDATE_DOCS = process.env.E2E_UPDATE_DOCS === "1";

/** The path to write `docsPath` (relative to docs/) at, its folder made. */
export function docsOutput(docsPath: string): string {
  const path = join(import.meta.dirname, UPDATE_DOCS ? "../../../docs" : "../artifacts/docs", docsPath);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}
