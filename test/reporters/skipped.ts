import type { Reporter, TestModule } from "vitest/node";

/**
 * Lists every skipped test of a run with its full name, which says why it was skipped (the
 * sample post's checks, once the sample is deleted): the default reporter only counts them.
 */
export default class SkippedReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const skipped = modules.flatMap((m) => [...m.children.allTests("skipped")].map((t) => t.fullName));
    for (const name of skipped) console.log(`  ↓ skipped: ${name}`);
  }
}
