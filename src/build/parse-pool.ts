/**
 * Every core for the Markdown pipeline on a cold build. The pipeline is pure (source text in,
 * records out), so the posts the parse cache does not know are parsed on every core (the main
 * thread and a worker thread per other core) before the collection is assembled; the collection
 * then finds them in the cache as if an earlier build had parsed them. A thread costs its
 * start-up (loading the renderer), so a rebuild with a few changed posts parses them in the main
 * thread, as before.
 *
 * The posts are handed out a few at a time, to whichever thread is free: a worker starts a
 * quarter of a second after the main thread, and posts differ in length, so equal shares left
 * one thread waiting for the other. Each thread writes the records it made to the cache itself.
 *
 * The first worker to finish is kept, idle, for one more job: the search indexes, made while
 * the main thread writes the corpus (src/build/search/threaded.ts).
 */
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { type ParsedPost, parseContext, parseSafely, type SiteConfig, type SourceFile } from "./content/index.ts";
import type { RenderSettings } from "./content/render-settings.ts";
import { MIN_POSTS_PER_THREAD, PARSE_WORKER, thread } from "./early.ts";
import { type ParseCache, writeRecord } from "./parse-cache.ts";
import type { SearchReply, SearchRequest, SearchThread } from "./search/threaded.ts";

/** Posts handed out at once: enough that handing out costs little, few enough that threads finish together. */
const CHUNK = 8;

/** What a worker is sent: posts to parse, how, and where their records go; no posts when all are handed out. */
export interface ParseChunk {
  files: SourceFile[];
  paths: string[];
  origin: string;
  render: RenderSettings;
}

/**
 * A parse thread kept after its posts, for the search indexes. It keeps no process alive while
 * idle; it must be closed (`close`, which `searchIndexes` does), or it lasts until the process ends.
 */
export class SpareThread implements SearchThread {
  readonly #worker: Worker;
  /** An empty chunk, which ends a parse thread. */
  readonly #end: ParseChunk;
  #closed = false;
  /** Why the thread ended while it waited, if it did: a request then fails at once, not never. */
  #gone: Error | undefined;
  constructor(worker: Worker, end: ParseChunk) {
    this.#worker = worker;
    this.#end = end;
    // The pool's listeners, by name: removing every listener also removes Node's own (see
    // early.ts `thread`), and the thread's answers then never arrive.
    for (const event of ["message", "error", "exit"]) worker.removeAllListeners(event);
    worker.on("error", (e: Error) => {
      this.#gone ??= e;
    });
    worker.on("exit", (code) => {
      this.#gone ??= new Error(`the search thread exited with ${code}`);
    });
    worker.unref();
  }

  /** Sends `request`; its answer, or a rejection if the thread fails or ends first. */
  search(request: SearchRequest): Promise<SearchReply> {
    if (this.#closed) return Promise.reject(new Error("the spare thread is closed"));
    if (this.#gone) return Promise.reject(this.#gone);
    const worker = this.#worker;
    // Referenced while it works: the process waits for the answer.
    worker.ref();
    return new Promise<SearchReply>((resolve, reject) => {
      const failed = (e: Error) => reject(e);
      const exited = (code: number) => reject(new Error(`the search thread exited with ${code}`));
      worker.once("error", failed);
      worker.once("exit", exited);
      worker.once("message", (reply: SearchReply) => {
        worker.off("error", failed);
        worker.off("exit", exited);
        resolve(reply);
      });
      worker.postMessage(request);
    }).finally(() => worker.unref());
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#worker.postMessage(this.#end);
  }
}

/**
 * Parses what `cache` lacks of `files`, on threads when there is enough of it; the results go
 * into `cache`. `site`: site.yaml as parsed (what the pipeline reads of it decides the cache's keys).
 * `parsed` hears of each few posts as they are parsed (the build draws their cards meanwhile).
 * Resolves with a spare thread when it used any (`SpareThread`).
 */
export async function parseAhead(
  cache: ParseCache,
  site: SiteConfig | undefined,
  files: readonly SourceFile[],
  threads = availableParallelism(),
  parsed: (posts: readonly ParsedPost[]) => void = () => {},
): Promise<SpareThread | undefined> {
  const { origin, render, context } = parseContext(site);
  const missing = files.filter((f) => !cache.has(f, context));
  const n = Math.min(threads, Math.floor(missing.length / MIN_POSTS_PER_THREAD));
  if (n < 2) return undefined;
  let next = 0;
  let spare: SpareThread | undefined;
  const chunk = (): ParseChunk => {
    const files = missing.slice(next, next + CHUNK);
    next += files.length;
    return { files, paths: files.map((f) => cache.pathOf(f, context)), origin, render };
  };
  const workers = Array.from(
    { length: n - 1 },
    () =>
      new Promise<void>((resolve, reject) => {
        const worker = thread(PARSE_WORKER);
        // Two chunks in flight, so a worker has the next while its results wait for this thread to take them.
        let inFlight: ParseChunk[] = [];
        const send = () => {
          const c = chunk();
          if (c.files.length > 0) inFlight.push(c);
          worker.postMessage(c);
        };
        worker.on("message", (results: ParsedPost[]) => {
          const [done, ...rest] = inFlight;
          inFlight = rest;
          done?.files.forEach((file, i) => {
            const post = results[i];
            if (post) cache.set(file, context, post, true);
          });
          parsed(results);
          if (inFlight.length === 0 && next >= missing.length) {
            // Done: the first to finish is kept for the search indexes, the others end.
            if (spare) worker.postMessage(chunk());
            else {
              spare = new SpareThread(worker, chunk());
              resolve();
            }
          } else if (next < missing.length) send();
        });
        send();
        send();
        worker.once("error", reject);
        worker.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`post parser thread exited with ${code}`))));
      }),
  );
  // This thread's own: a chunk at a time, letting the workers' messages in between.
  for (let c = chunk(); c.files.length > 0; c = chunk()) {
    parsed(
      c.files.map((file, i) => {
        const post = parseSafely(file, origin, render);
        writeRecord(c.paths[i] as string, post);
        cache.set(file, context, post, true);
        return post;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(workers);
  return spare;
}
