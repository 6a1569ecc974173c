/**
 * Every core for the Markdown pipeline on a cold build. The pipeline is pure (source text in,
 * records out), so the posts the parse cache does not know are parsed on every core (the main
 * thread and a worker thread per other core) before the collection is assembled; the collection then finds them in the cache as if an
 * earlier build had parsed them. A thread costs its start-up (loading the renderer), so a
 * rebuild with a few changed posts parses them in the main thread, as before.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type ParsedPost, parseContext, parseSafely, type SiteConfig, type SourceFile } from "./content/index.ts";
import type { ParseCache } from "./parse-cache.ts";

/** Below this many posts to parse per thread, a thread's start-up costs more than it saves. */
const MIN_PER_THREAD = 100;

/**
 * Parses what `cache` lacks of `files`, on threads when there is enough of it; the results go
 * into `cache`. `site`: site.yaml as parsed (what the pipeline reads of it decides the cache's keys).
 */
export async function parseAhead(
  cache: ParseCache,
  site: SiteConfig | undefined,
  files: readonly SourceFile[],
  threads = availableParallelism(),
): Promise<void> {
  const { origin, render, context } = parseContext(site);
  const missing = files.filter((f) => !cache.has(f, context));
  const n = Math.min(threads, Math.floor(missing.length / MIN_PER_THREAD));
  if (n < 2) return;
  // Interleaved, so each thread gets long and short posts alike. The first share is the main
  // thread's own, parsed while the others start.
  const groups = Array.from({ length: n }, (_, t) => missing.filter((_, i) => i % n === t));
  const take = (group: readonly SourceFile[], results: readonly (ParsedPost | undefined)[]) =>
    results.forEach((parsed, i) => {
      const file = group[i];
      if (file && parsed) cache.set(file, context, parsed);
    });
  const others = groups.slice(1).map(
    (group) =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(new URL("./parse-worker.ts", import.meta.url), {
          workerData: { files: group, origin, render },
        });
        worker.once("message", (results: ParsedPost[]) => {
          take(group, results);
          resolve();
        });
        worker.once("error", reject);
        worker.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`post parser thread exited with ${code}`))));
      }),
  );
  const own = groups[0] ?? [];
  take(
    own,
    own.map((file) => parseSafely(file, origin, render)),
  );
  await Promise.all(others);
}
