// A `node --test` reporter that writes the run's totals as JSON to $E2E_REPORT (vitest's field
// names, so .ci/summary.mjs prints the "e2e: N passed, N failed" line). Prints nothing itself.
import { writeFileSync } from "node:fs";

interface Counts {
  passed: number;
  failed: number;
  cancelled: number;
  skipped: number;
  todo: number;
}

export default async function* report(source: AsyncIterable<{ type: string; data: { file?: string; counts?: Counts } }>) {
  for await (const event of source) {
    if (event.type !== "test:summary" || event.data.file !== undefined || !event.data.counts) continue;
    const c = event.data.counts;
    if (process.env.E2E_REPORT) {
      const json = { numPassedTests: c.passed, numFailedTests: c.failed + c.cancelled, numPendingTests: c.skipped + c.todo };
      writeFileSync(process.env.E2E_REPORT, `${JSON.stringify(json)}\n`);
    }
  }
  yield* [];
}
