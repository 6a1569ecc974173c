// What the suite records for the docs goes to a gitignored folder, so `npm run test:e2e` never
// dirties an author's git tree; only `npm run test:e2e:update-docs` writes the tracked docs/.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { join, relative } from "node:path";
import { test } from "node:test";
import { ROOT } from "./lib/blog.ts";
import { docsOutput, UPDATE_DOCS } from "./lib/outputs.ts";

const ignored = (path: string) => {
  try {
    execFileSync("git", ["check-ignore", "-q", path], { cwd: ROOT });
    return true;
  } catch {
    return false;
  }
};

test("screenshots and Lighthouse scores go to a gitignored folder unless the docs are to be updated", {
  skip: UPDATE_DOCS && "E2E_UPDATE_DOCS=1",
}, () => {
  for (const path of [docsOutput("lighthouse.md"), join(docsOutput("screenshots"), "home-light.png")]) {
    assert.match(relative(ROOT, path), /^test\/e2e\/artifacts\/docs\//);
    assert.ok(ignored(path), `${relative(ROOT, path)} is not gitignored`);
  }
});

test("npm run test:e2e:update-docs writes the tracked docs/", () => {
  const script = `import { docsOutput } from ${JSON.stringify(join(import.meta.dirname, "lib/outputs.ts"))}; console.log(docsOutput("lighthouse.md"));`;
  const path = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    env: { ...process.env, E2E_UPDATE_DOCS: "1" },
    encoding: "utf8",
  }).trim();
  assert.equal(relative(ROOT, path), "docs/lighthouse.md");
  assert.ok(!ignored(path));
});
