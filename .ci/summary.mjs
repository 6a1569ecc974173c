// Prints "<suite>: N passed, N failed" from a vitest JSON report, and exits non-zero on failures.
import { readFileSync } from "node:fs";

const [suite, file] = process.argv.slice(2);
const report = JSON.parse(readFileSync(file, "utf8"));
const passed = report.numPassedTests ?? 0;
const failed = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
const skipped = report.numPendingTests ?? 0;
console.log(`${suite}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
