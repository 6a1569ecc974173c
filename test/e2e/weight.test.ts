// Page weight: the article with everything it loads fits in 14 KB compressed (about the first
// round trip of a new TCP connection) and loads nothing from another host. wrangler dev may not
// compress, so each body is compressed here, as Cloudflare's edge would.
import { strict as assert } from "node:assert";
import { after, before, test } from "node:test";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { guardedPage, launch, type Session } from "./lib/browser.ts";
import { firstPostPath, url } from "./lib/site.ts";

const BUDGET = 14_000; // bytes

let session: Session;
before(async () => {
  session = await launch();
});
after(() => session?.close());

test(`the article and everything it loads is ≤ ${BUDGET} bytes compressed, all first-party`, async (t) => {
  const { page, problems } = await guardedPage(session.browser);
  const bodies = new Map<string, Promise<Buffer>>();
  page.on("response", (r) => {
    if (r.status() < 300) bodies.set(r.url(), r.body());
  });
  await page.goto(url(await firstPostPath()), { waitUntil: "networkidle" });
  // Headless Chromium skips the tab icon that a desktop browser would fetch: count it anyway.
  const icon = await page.$eval('link[rel~="icon"]', (l) => (l as HTMLLinkElement).href);
  if (!bodies.has(icon))
    bodies.set(
      icon,
      fetch(icon).then(async (r) => Buffer.from(await r.arrayBuffer())),
    );

  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const [u, body] of bodies) {
    const b = await body;
    const gz = gzipSync(b, { level: 9 }).length;
    const br = brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    t.diagnostic(`${new URL(u).pathname}: ${b.length} B raw, ${gz} B gzip, ${br} B brotli`);
    raw += b.length;
    gzip += gz;
    brotli += br;
  }
  t.diagnostic(`total (${bodies.size} responses): ${raw} B raw, ${gzip} B gzip, ${brotli} B brotli; budget ${BUDGET} B`);
  assert.deepEqual(problems, [], "third-party or failed requests");
  assert.ok(gzip <= BUDGET, `gzip total ${gzip} B is over the ${BUDGET} B budget`);
  assert.ok(brotli <= BUDGET, `brotli total ${brotli} B is over the ${BUDGET} B budget`);
});
