// Lighthouse 13.5 (mobile preset: Moto G Power emulation, simulated slow 4G and 4× CPU) on the
// article, the index and the page with every writing tool (that one in light and dark), with the
// same Debian Chromium: 100 for accessibility, best practices and SEO (lib/lighthouse.ts). The performance score is reported, not gated: its Total Blocking Time is a measurement of
// the machine's main thread, and a busy machine failed a page that runs no script (93 < 95, TBT
// 320 ms). Performance is gated instead on what the page decides and load cannot move, read from
// the audits' details: bytes, render-blocking requests, no script, sized images and an LCP
// element that is inline or discoverable. The scores are written to lighthouse.md (lib/outputs.ts: where).
import { strict as assert } from "node:assert";
import { writeFileSync } from "node:fs";
import { after, before, test } from "node:test";
import * as chromeLauncher from "chrome-launcher";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_FLAGS } from "./lib/browser.ts";
import { assertGate, audit, BYTES, CATEGORIES, type Lhr, pageChecks, type Row, schemeFlag } from "./lib/lighthouse.ts";
import { docsOutput } from "./lib/outputs.ts";
import { firstPostPath, url, WRITING_PATH } from "./lib/site.ts";

// test/e2e/artifacts/docs/lighthouse.md, or docs/lighthouse.md with `npm run test:e2e:update-docs`.
const REPORT = docsOutput("lighthouse.md");

let chrome: chromeLauncher.LaunchedChrome;
const rows = new Map<string, Row>();

before(async () => {
  chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_FLAGS });
});
after(async () => {
  chrome?.kill();
  // Only a complete run is reported (a run of one test leaves the report as it was).
  if (rows.size === PAGES.length) writeReport([...rows.values()]);
});

const PAGES = [
  ["article", firstPostPath],
  ["index", async () => "/"],
  // Every writing tool on one page (alerts, figures, titled, marked and diffed code, video, audio, embeds…).
  ["writing tools", async () => WRITING_PATH],
] as const;

for (const [name, path] of PAGES) {
  test(`Lighthouse (mobile): ${name}`, { timeout: 180_000 }, async (t) => {
    const row = await audit(url(await path()), chrome.port);
    rows.set(name, row);
    assertGate(t, row);
  });
}

// The page with every writing tool again, in the dark scheme: Chromium started with Blink's
// preferredColorScheme=0 (dark) answers prefers-color-scheme: dark, which Lighthouse cannot set. Not in
// the report (a row per page); gated the same way.
test("Lighthouse (mobile, dark): writing tools", { timeout: 180_000 }, async (t) => {
  const dark = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: [...CHROMIUM_FLAGS, schemeFlag("dark")],
  });
  try {
    // First, that the flag did what it says: the same browser, asked through CDP.
    const cdp = await chromium.connectOverCDP(`http://127.0.0.1:${dark.port}`);
    // colorScheme null: no emulation of Playwright's own (it would answer "light"), the browser decides.
    const page = await (await cdp.newContext({ colorScheme: null })).newPage();
    await page.goto(url(WRITING_PATH));
    const scheme = await page.evaluate(() => ({
      dark: matchMedia("(prefers-color-scheme: dark)").matches,
      background: getComputedStyle(document.body).backgroundColor,
    }));
    await page.close();
    await cdp.close();
    // The built-in dark background (src/shared/styles.ts).
    assert.deepEqual(scheme, { dark: true, background: "rgb(17, 20, 24)" });
    assertGate(t, await audit(url(WRITING_PATH), dark.port));
  } finally {
    dark.kill();
  }
});

function writeReport(rows: Row[]): void {
  const lines = [
    "# Lighthouse scores",
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} with Lighthouse 13.5.0 (mobile preset, simulated throttling) and Debian Chromium against \`wrangler dev\` on localhost, by \`npm run test:e2e\` (test/e2e/lighthouse.test.ts), which fails below 100 for accessibility, best practices and SEO.`,
    "",
    `The performance score is reported, not gated: its Total Blocking Time measures how busy the machine's main thread was (a loaded CI machine gave a page that runs no script 93, TBT 320 ms). The test gates what the page decides instead, from the audits' details: at most ${BYTES} bytes transferred (\`total-byte-weight\` less a post's own video and audio, whose metadata the browser reads as it chooses; wrangler dev does not compress), no script and no stylesheet requested (\`network-requests\`), no render-blocking request (\`render-blocking-insight\`), every image sized (\`unsized-images\`), and the LCP element inline or discoverable (\`lcp-discovery-insight\`).`,
    "",
    "| Page | Performance (reported) | Accessibility | Best practices | SEO | Bytes | Requests | Page checks |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ...rows.map(
      (r) =>
        `| \`${r.page}\` | ${CATEGORIES.map((c) => r.scores[c]).join(" | ")} | ${r.bytes} | ${r.requests} | ${r.checks.length ? r.checks.join("; ") : "pass"} |`,
    ),
    "",
  ];
  const failing = rows.flatMap((r) => r.failing.map((f) => `- \`${r.page}\` ${f}`));
  if (failing.length) lines.push("Audits below full marks:", "", ...failing, "");
  writeFileSync(REPORT, lines.join("\n"));
}

test("the page checks refuse what a page controls, and ignore how fast the machine was", () => {
  const audits = (over: Lhr["audits"]): Lhr => ({
    audits: {
      "total-byte-weight": { score: 1, numericValue: 12_000 },
      "network-requests": { score: null, details: { items: [{ url: "http://x/", resourceType: "Document" }] } },
      "render-blocking-insight": { score: 1, details: { items: [] } },
      "unsized-images": { score: null, scoreDisplayMode: "notApplicable" },
      "lcp-discovery-insight": { score: null, scoreDisplayMode: "notApplicable" },
      // Timing: whatever it says, no page check reads it.
      "total-blocking-time": { score: 0, numericValue: 5000 },
      ...over,
    },
  });
  assert.deepEqual(pageChecks(audits({})), { bytes: 12_000, requests: 1, checks: [] });
  // A post's video and audio do not count against the page's budget; its images do.
  const withMedia = pageChecks(
    audits({
      "total-byte-weight": { score: 1, numericValue: BYTES + 9_000 },
      "network-requests": {
        score: null,
        details: {
          items: [
            { url: "http://x/", resourceType: "Document", transferSize: BYTES - 1_000 },
            { url: "http://x/media/a/clip.mp4", resourceType: "Media", transferSize: 8_000 },
            { url: "http://x/media/a/clip.jpg", resourceType: "Image", transferSize: 2_000 },
          ],
        },
      },
    }),
  );
  assert.deepEqual(withMedia, { bytes: BYTES + 1_000, requests: 3, checks: [`transfers ${BYTES + 1_000} bytes > ${BYTES}`] });
  assert.deepEqual(
    pageChecks(
      audits({
        "total-byte-weight": { score: 0, numericValue: BYTES + 1 },
        "network-requests": {
          score: null,
          details: {
            items: [
              { url: "http://x/", resourceType: "Document" },
              { url: "http://x/a.js", resourceType: "Script" },
              { url: "http://x/a.css", resourceType: "Stylesheet" },
            ],
          },
        },
        "render-blocking-insight": { score: 0, details: { items: [{ url: "http://x/a.css" }] } },
        "unsized-images": { score: 0 },
        "lcp-discovery-insight": { score: 0 },
      }),
    ).checks,
    [
      `transfers ${BYTES + 1} bytes > ${BYTES}`,
      "loads a Script: http://x/a.js",
      "loads a Stylesheet: http://x/a.css",
      "render-blocking request: http://x/a.css",
      "unsized-images: score 0",
      "lcp-discovery-insight: score 0",
    ],
  );
});
