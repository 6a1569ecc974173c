/**
 * A regular expression built on its first use, from its source as a string.
 *
 * A literal with Unicode property escapes (`/\p{L}/u`) costs a fresh isolate 1 to 2 ms before it
 * serves anything, wherever it sits in the script: V8 checks its syntax while parsing the script,
 * and builds it while the module runs, both times expanding every `\p{…}` into a set of code
 * points. Seven of them were about 3.5 ms of the Worker's start-up (docs/benchmarks.md), though
 * only search and an odd tag's spelling use them. From a string, both happen on the first call.
 *
 * test/node/worker-bundle.test.ts holds the Worker's script to having no such literal.
 */
export function lazyRegExp(source: string, flags: string): () => RegExp {
  let re: RegExp | undefined;
  return () => {
    re ??= new RegExp(source, flags);
    return re;
  };
}
