// Lighthouse 13.5 (mobile preset: Moto G Power emulation, simulated slow 4G and 4× CPU) on the
// article, the index and the page with every writing tool (that one in light and dark), with the same Debian Chromium: 100 for accessibility, best practices and
// SEO. The performance score is reported, not gated: its Total Blocking Time is a measurement of
// the machine's main thread, and a busy machine failed a page that runs no script (93 < 95, TBT
// 320 ms). Performance is gated instead on what the page decides and load cannot move, read from
// the audits' details: bytes, render-blocking requests, no script, sized images and an LCP
// element that is inline or discoverable. The scores are written to lighthouse.md (lib/outputs.ts: where).
import { strict as assert } from "node:assert";
import { writeFileSync } from "node:fs";
import { after, before, test } from "node:test";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_FLAGS } from "./lib/browser.ts";
import { docsOutput } from "./lib/outputs.ts";
import { firstPostPath, url, WRITING_PATH } from "./lib/site.ts";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
/** Scores that are gated: they audit the page's markup and headers, not the machine's speed. */
const MINIMUM: Partial<Record<(typeof CATEGORIES)[number], number>> = {
  accessibility: 100,
  "best-practices": 100,
  seo: 100,
};
/** Bytes a page and everything it loads may transfer (Lighthouse's total-byte-weight; wrangler dev does not compress). */
const BYTES = 20_000;
// test/e2e/artifacts/docs/lighthouse.md, or docs/lighthouse.md with `npm run test:e2e:update-docs`.
const REPORT = docsOutput("lighthouse.md");

type Category = (typeof CATEGORIES)[number];

interface Row {
  page: string;
  scores: Record<Category, number>;
  failing: string[];
  /** Bytes transferred, and requests made, loading the page. */
  bytes: number;
  requests: number;
  /** The page-controlled performance checks that failed (none, when it passes). */
  checks: string[];
}

interface Lhr {
  audits: Record<
    string,
    { score: number | null; scoreDisplayMode?: string; numericValue?: number; details?: { items?: unknown[] } } | undefined
  >;
}

/**
 * Performance as the page decides it, from the audits' details (none depends on timing): what a
 * slower or busier machine would change is how long these take, never whether they hold.
 */
export function pageChecks(lhr: Lhr): { bytes: number; requests: number; checks: string[] } {
  const checks: string[] = [];
  const requests = (lhr.audits["network-requests"]?.details?.items ?? []) as {
    url: string;
    resourceType?: string;
    transferSize?: number;
  }[];
  // A post's own video and audio are the author's, and how much of them the browser reads for
  // `preload="metadata"` is the browser's choice: the budget is the page's weight without them.
  const media = requests.filter((r) => r.resourceType === "Media").reduce((sum, r) => sum + (r.transferSize ?? 0), 0);
  const bytes = (lhr.audits["total-byte-weight"]?.numericValue ?? Number.NaN) - media;
  if (!(bytes <= BYTES)) checks.push(`transfers ${bytes} bytes > ${BYTES}`);
  for (const r of requests) {
    // The stylesheet is inline (its hash is the CSP's only allowance); no script runs at all.
    if (r.resourceType === "Script" || r.resourceType === "Stylesheet") checks.push(`loads a ${r.resourceType}: ${r.url}`);
  }
  const blocking = (lhr.audits["render-blocking-insight"]?.details?.items ?? []) as { url?: string }[];
  for (const b of blocking) checks.push(`render-blocking request: ${b.url}`);
  // Binary audits: 1 passes, null is "not applicable" (no image; the LCP element is text).
  for (const id of ["unsized-images", "lcp-discovery-insight"]) {
    const a = lhr.audits[id];
    if (a === undefined) checks.push(`${id}: audit missing`);
    else if (a.score !== null && a.score < 1 && a.scoreDisplayMode !== "notApplicable") checks.push(`${id}: score ${a.score}`);
  }
  return { bytes, requests: requests.length, checks };
}

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

/** One Lighthouse run; a run whose trace broke (NO_NAVSTART, a known flake) is retried twice. */
async function run(path: string, port = chrome.port) {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(url(path), {
      port,
      logLevel: "error",
      output: "json",
      onlyCategories: [...CATEGORIES],
    });
    assert.ok(result, "lighthouse returned nothing");
    const error = result.lhr.runtimeError;
    if (error === undefined) return result.lhr;
    if (attempt === 3 || !/NO_NAVSTART|NO_FCP|PROTOCOL_TIMEOUT/.test(error.code)) assert.fail(`${error.code}: ${error.message}`);
    process.stderr.write(`lighthouse: ${error.code} on ${path}, retrying\n`);
  }
}

async function audit(path: string, port?: number): Promise<Row> {
  const lhr = await run(path, port);
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])) as Record<
    Category,
    number
  >;
  // Every scored audit that is not perfect, with Lighthouse's own explanation.
  const failing: string[] = [];
  for (const c of CATEGORIES) {
    const refs = (lhr.categories[c]?.auditRefs ?? []).filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1);
    const lines = refs.map((ref) => {
      const a = lhr.audits[ref.id];
      return `${c}/${ref.id} (${a?.score}): ${a?.title}${a?.explanation ? ` — ${a.explanation}` : ""}${a?.displayValue ? ` [${a.displayValue}]` : ""}`;
    });
    failing.push(...lines);
  }
  return { page: path, scores, failing, ...pageChecks(lhr as unknown as Lhr) };
}

const PAGES = [
  ["article", firstPostPath],
  ["index", async () => "/"],
  // Every writing tool on one page (alerts, figures, titled, marked and diffed code, video, audio, embeds…).
  ["writing tools", async () => WRITING_PATH],
] as const;

for (const [name, path] of PAGES) {
  test(`Lighthouse (mobile): ${name}`, { timeout: 180_000 }, async (t) => {
    const row = await audit(await path());
    rows.set(name, row);
    t.diagnostic(CATEGORIES.map((c) => `${c} ${row.scores[c]}`).join(", "));
    t.diagnostic(`${row.bytes} bytes in ${row.requests} requests`);
    for (const f of row.failing) t.diagnostic(f);
    const low = CATEGORIES.flatMap((c) => {
      const min = MINIMUM[c];
      return min !== undefined && row.scores[c] < min ? [`${c} ${row.scores[c]} < ${min}`] : [];
    });
    assert.deepEqual([...low, ...row.checks], [], row.failing.join("\n"));
  });
}

// The page with every writing tool again, in the dark scheme: Chromium started with Blink's
// preferredColorScheme=0 (dark) answers prefers-color-scheme: dark, which Lighthouse cannot set. Not in
// the report (a row per page); gated the same way.
test("Lighthouse (mobile, dark): writing tools", { timeout: 180_000 }, async (t) => {
  const dark = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: [...CHROMIUM_FLAGS, "--blink-settings=preferredColorScheme=0"],
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
    const row = await audit(WRITING_PATH, dark.port);
    t.diagnostic(CATEGORIES.map((c) => `${c} ${row.scores[c]}`).join(", "));
    for (const f of row.failing) t.diagnostic(f);
    const low = CATEGORIES.flatMap((c) => {
      const min = MINIMUM[c];
      return min !== undefined && row.scores[c] < min ? [`${c} ${row.scores[c]} < ${min}`] : [];
    });
    assert.deepEqual([...low, ...row.checks], [], row.failing.join("\n"));
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
