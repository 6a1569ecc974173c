// A reader's round trip: index → article → "← Back to posts", with nothing going wrong on the way.
import { strict as assert } from "node:assert";
import { after, before, test } from "node:test";
import { executableScripts, guardedPage, launch, type Session } from "./lib/browser.ts";
import { firstPostPath, get, url } from "./lib/site.ts";

let session: Session;
before(async () => {
  session = await launch();
});
after(() => session?.close());

test("index → article → back: no console errors, failed or third-party requests, or scripts", async () => {
  const { page, problems } = await guardedPage(session.browser);
  const post = await firstPostPath();

  await page.goto(url("/"), { waitUntil: "load" });
  assert.deepEqual(await executableScripts(page), [], "index has executable <script> elements");
  await page.locator(`main a[href="${post}"]`).first().click();
  await page.waitForURL(url(post));
  assert.equal(await page.locator("h1").count(), 1, "the article has one <h1>");
  assert.deepEqual(await executableScripts(page), [], "article has executable <script> elements");

  await page.getByRole("link", { name: "← Back to posts" }).click();
  await page.waitForURL(url("/"));
  await page.waitForLoadState("load");

  assert.deepEqual(problems, []);
});

test("the icons the pages declare (and /favicon.ico, which browsers ask for anyway) exist", async () => {
  const html = (await get("/")).text;
  const icons = [...html.matchAll(/<link[^>]*rel="(?:shortcut )?icon"[^>]*>/g)].map((m) => /href="([^"]+)"/.exec(m[0])?.[1]);
  assert.ok(icons.length > 0, "no <link rel=icon>");
  for (const href of [...icons, "/favicon.ico"]) {
    const res = await fetch(url(href as string));
    await res.arrayBuffer();
    assert.equal(res.status, 200, `${href} answers ${res.status}`);
    assert.match(res.headers.get("content-type") ?? "", /^image\//, `${href} is not an image`);
  }
});
