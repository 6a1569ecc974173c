// Dark mode really changes the colours, a 390 px phone never scrolls sideways, and the
// screenshots are taken: into test/e2e/artifacts/docs/screenshots/, or with
// `npm run test:e2e:update-docs` into docs/screenshots/ (shown in the README).
import { strict as assert } from "node:assert";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import { guardedPage, launch, type Session } from "./lib/browser.ts";
import { docsOutput } from "./lib/outputs.ts";
import { firstPostPath, READER_PATH, TAG_PATH, url } from "./lib/site.ts";

const SHOTS = docsOutput("screenshots");
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

let session: Session;
before(async () => {
  session = await launch();
  mkdirSync(SHOTS, { recursive: true });
});
after(() => session?.close());

const colours = (page: Page) =>
  page.evaluate(() => {
    const body = getComputedStyle(document.body);
    return { background: body.backgroundColor, text: body.color };
  });

async function open(path: string, colorScheme: "light" | "dark", viewport = DESKTOP, mobile = false) {
  const g = await guardedPage(session.browser, {
    colorScheme,
    viewport,
    isMobile: mobile,
    hasTouch: mobile,
    deviceScaleFactor: mobile ? 2 : 1,
  });
  await g.page.goto(url(path), { waitUntil: "load" });
  return g;
}

for (const [name, path] of [
  ["index", async () => "/"],
  ["post", firstPostPath],
  ["reader-features", async () => READER_PATH],
] as const) {
  test(`${name}: dark mode changes background and text; screenshots light and dark`, async () => {
    const p = await path();
    const light = await open(p, "light");
    const dark = await open(p, "dark");
    const [l, d] = [await colours(light.page), await colours(dark.page)];
    assert.notEqual(l.background, d.background, "background is the same in dark mode");
    assert.notEqual(l.text, d.text, "text colour is the same in dark mode");
    await light.page.screenshot({ path: join(SHOTS, `${name}-light.png`) });
    await dark.page.screenshot({ path: join(SHOTS, `${name}-dark.png`) });
    assert.deepEqual([...light.problems, ...dark.problems], []);
  });

  test(`${name}: a 390 px phone has no horizontal scrolling; screenshot`, async () => {
    const phone = await open(await path(), "light", PHONE, true);
    const { scrollWidth, clientWidth } = await phone.page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    assert.ok(scrollWidth <= clientWidth, `scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`);
    await phone.page.screenshot({ path: join(SHOTS, `${name}-phone.png`) });
    assert.deepEqual(phone.problems, []);
  });
}

test("tag page and tag list: no horizontal scrolling on a phone", async () => {
  for (const p of ["/tags", TAG_PATH]) {
    const phone = await open(p, "dark", PHONE, true);
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${p} scrolls sideways by ${overflow}px`);
  }
});
