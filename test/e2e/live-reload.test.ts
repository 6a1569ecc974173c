// Live reload, as an author meets it: `npm start` (the preview) is open in a browser tab, a post
// is saved, and the tab shows it by itself. Runs on a copy of the project, so its preview build
// never touches the generated files of the server the rest of the suite tests.
import { strict as assert } from "node:assert";
import { cpSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ROOT } from "./lib/blog.ts";
import { launch, type Session } from "./lib/browser.ts";
import { copyProject } from "./lib/project.ts";
import { freePort, type Server, startServer } from "./lib/server.ts";

let dir: string;
let server: Server | undefined;
let session: Session | undefined;

before(async () => {
  // The project's tracked files, its installed packages, and the fixture blog as content/.
  dir = copyProject("e2e-live-");
  cpSync(join(ROOT, "test", "fixtures", "blog"), join(dir, "content"), { recursive: true });
  server = await startServer(await freePort(), { cwd: dir, preview: true });
  session = await launch();
});

after(async () => {
  await session?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test("saving a new post refreshes the open index tab within seconds, with no manual reload", async (t) => {
  assert.ok(server && session);
  const page = await session.browser.newPage();
  let loads = 0;
  page.on("load", () => {
    loads++;
  });
  await page.goto(`${server.url}/`, { waitUntil: "load" });
  assert.equal(
    await page.locator("script[src='/__preview/reload.js']").count(),
    1,
    "the preview's page has no live reload script",
  );
  assert.ok(!(await page.content()).includes("Written just now"));

  const saved = Date.now();
  writeFileSync(
    join(dir, "content", "posts", "written-just-now.md"),
    '---\ntitle: "Written just now"\ndate: 2025-12-02\n---\n\nSaved while the tab was open.\n',
  );
  await page.waitForFunction(() => (document.body.textContent ?? "").includes("Written just now"), null, { timeout: 30_000 });
  assert.ok(loads >= 2, "the page showed the post without a reload: live reload did not do it");
  t.diagnostic(`the tab showed the new post ${((Date.now() - saved) / 1000).toFixed(1)} s after the save`);
  await page.close();
});

test("the preview's terminal stays quiet: no line for the reload channel, no Request.cf warning per reload", async () => {
  assert.ok(server);
  // The open tab above asked for the current build many times, across a rebuild.
  const output = server.output();
  assert.ok(output.includes("GET / 200"), `wrangler dev logs page requests:\n${output}`);
  assert.equal(output.match(/preview\/events/g), null, `the reload channel is logged:\n${output}`);
  assert.ok((output.match(/Request\.cf/g) ?? []).length <= 1, `the Request.cf warning is printed more than once:\n${output}`);
});
