// Lighthouse as the end-to-end suite runs it: the categories, what is gated, and the checks of
// what a page decides (bytes, requests, render-blocking, sized images), which load cannot move.
// Used by lighthouse.test.ts (the suite's pages) and theme.test.ts (a blog with its own look).
import { strict as assert } from "node:assert";
import lighthouse from "lighthouse";

export const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
/** Scores that are gated: they audit the page's markup and headers, not the machine's speed. */
export const MINIMUM: Partial<Record<(typeof CATEGORIES)[number], number>> = {
  accessibility: 100,
  "best-practices": 100,
  seo: 100,
};
/** Bytes a page and everything it loads may transfer (Lighthouse's total-byte-weight; wrangler dev does not compress). */
export const BYTES = 20_000;

export type Category = (typeof CATEGORIES)[number];

export interface Row {
  page: string;
  scores: Record<Category, number>;
  failing: string[];
  /** Bytes transferred, and requests made, loading the page. */
  bytes: number;
  requests: number;
  /** The page-controlled performance checks that failed (none, when it passes). */
  checks: string[];
}

export interface Lhr {
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

/** One Lighthouse run of `target` (a URL) in the Chromium on `port`; a run whose trace broke (NO_NAVSTART, a known flake) is retried twice. */
async function run(target: string, port: number) {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(target, {
      port,
      logLevel: "error",
      output: "json",
      onlyCategories: [...CATEGORIES],
    });
    assert.ok(result, "lighthouse returned nothing");
    const error = result.lhr.runtimeError;
    if (error === undefined) return result.lhr;
    if (attempt === 3 || !/NO_NAVSTART|NO_FCP|PROTOCOL_TIMEOUT/.test(error.code)) assert.fail(`${error.code}: ${error.message}`);
    process.stderr.write(`lighthouse: ${error.code} on ${target}, retrying\n`);
  }
}

/** Scores, the audits below full marks, and the page checks, for `target` (a URL). */
export async function audit(target: string, port: number): Promise<Row> {
  const lhr = await run(target, port);
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
  return { page: new URL(target).pathname, scores, failing, ...pageChecks(lhr as unknown as Lhr) };
}

/** Reports a run's scores and imperfect audits on the test, and fails it if the gate does. */
export function assertGate(t: { diagnostic(message: string): void }, row: Row): void {
  t.diagnostic(CATEGORIES.map((c) => `${c} ${row.scores[c]}`).join(", "));
  t.diagnostic(`${row.bytes} bytes in ${row.requests} requests`);
  for (const f of row.failing) t.diagnostic(f);
  assert.deepEqual(gateFailures(row), [], row.failing.join("\n"));
}

/** What fails the gate: each gated category below its minimum, then each failed page check. */
export function gateFailures(row: Row): string[] {
  const low = CATEGORIES.flatMap((c) => {
    const min = MINIMUM[c];
    return min !== undefined && row.scores[c] < min ? [`${c} ${row.scores[c]} < ${min}`] : [];
  });
  return [...low, ...row.checks];
}

/** Chromium's flag for a colour scheme: Blink's preferredColorScheme (0 dark, 1 light), which Lighthouse cannot set. */
export const schemeFlag = (scheme: "light" | "dark") => `--blink-settings=preferredColorScheme=${scheme === "dark" ? 0 : 1}`;
