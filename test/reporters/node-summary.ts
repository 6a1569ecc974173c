// A `node --test` reporter for `npm test`'s Node part: one line per failure (its error) and per
// skipped test (its reason), then "N passed" — where the dot reporter printed 80 dots and no count.
interface TestEvent {
  type: string;
  data: {
    name?: string;
    message?: string;
    file?: string;
    nesting?: number;
    skip?: string | boolean;
    todo?: string | boolean;
    details?: { type?: string; error?: { cause?: unknown; message?: string } };
    counts?: { passed: number; failed: number; cancelled: number; skipped: number; todo: number };
  };
}

const plural = (n: number, word: string) => `${n} ${word}`;

export default async function* summary(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  for await (const { type, data } of source) {
    const where = data.file ? ` (${data.file.replace(/^.*\/(scripts|test)\//, "$1/")})` : "";
    // What a test file printed to stderr (a crash on import, say): the failure's explanation.
    if (type === "test:stderr" && data.message) yield data.message;
    if (type === "test:fail" && data.details?.type !== "suite") {
      const error = data.details?.error;
      const cause = error?.cause instanceof Error ? error.cause : error;
      yield `✗ ${data.name}${where}\n${String((cause as { stack?: string })?.stack ?? cause?.message ?? error)
        .split("\n")
        .map((l) => `    ${l}`)
        .join("\n")}\n`;
    }
    if (type === "test:pass" && data.skip !== undefined && data.skip !== false)
      yield `↓ ${data.name}${where}: skipped${typeof data.skip === "string" ? `, ${data.skip}` : ""}\n`;
    // The run's own totals: the one summary event without a file.
    if (type === "test:summary" && data.file === undefined && data.counts) {
      const c = data.counts;
      const parts = [plural(c.passed, "passed")];
      if (c.failed + c.cancelled > 0) parts.push(plural(c.failed + c.cancelled, "failed"));
      if (c.skipped > 0) parts.push(plural(c.skipped, "skipped"));
      if (c.todo > 0) parts.push(plural(c.todo, "todo"));
      yield `node --test: ${parts.join(", ")}\n`;
    }
  }
}
