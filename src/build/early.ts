/**
 * Threads a cold build starts before it has loaded itself. Loading the build's modules takes the
 * main thread about 0.4 s, with the other cores idle; a thread that will parse posts or draw
 * cards needs about as long to load its own. Started first (src/build/index.ts), they load
 * side by side, and the build takes them when it has work for them.
 *
 * Only for a build that looks cold and large (no parse cache or card index, and enough posts):
 * a thread nobody takes is wasted work, ended with the process.
 */
import { existsSync, readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker, type WorkerOptions } from "node:worker_threads";

export const PARSE_WORKER = new URL("./parse-worker.ts", import.meta.url);
export const DRAW_WORKER = new URL("./cards/draw-worker.ts", import.meta.url);

/** Below this many posts to parse per thread, a thread's start-up costs more than it saves. */
export const MIN_POSTS_PER_THREAD = 100;
/** Cards a thread draws in about the time the main thread writes the rest of the build. */
export const CARDS_PER_THREAD = 1500;

const waitingFor = new Map<string, Worker[]>();

/**
 * A parsing thread's stack is the main thread's size (V8's default on the main thread is 984 KB;
 * a worker's is 4 MB unless told). A post nested deep enough to exhaust the stack (4,000 `>`) must
 * fail on whichever thread parses it, or a cold build and a rebuild would disagree about it.
 * 1.2 MB gives a worker the main thread's limit on nesting, measured (test/node/parse-pool.test.ts).
 */
const OPTIONS: Record<string, WorkerOptions> = {
  [PARSE_WORKER.href]: { resourceLimits: { stackSizeMb: 1.2 } },
};
const spawn = (script: URL) => new Worker(script, OPTIONS[script.href]);

/** Starts `count` threads of `script`, unreferenced (they keep no process alive) until taken. */
function start(script: URL, count: number): void {
  const list = waitingFor.get(script.href) ?? [];
  waitingFor.set(script.href, list);
  for (let i = 0; i < count; i++) {
    const worker = spawn(script);
    worker.unref();
    // One that fails while waiting is not handed out; the build starts its own instead.
    const gone = () => {
      const at = list.indexOf(worker);
      if (at >= 0) list.splice(at, 1);
    };
    worker.once("error", gone);
    worker.once("exit", gone);
    list.push(worker);
  }
}

/** How many threads of `script` are waiting to be taken. */
export function waiting(script: URL): number {
  return waitingFor.get(script.href)?.length ?? 0;
}

/** A thread of `script`: one started early if one is waiting, else a new one. */
export function thread(script: URL): Worker {
  const worker = waitingFor.get(script.href)?.shift();
  if (!worker) return spawn(script);
  // Ours only, by name: a Worker has listeners of Node's own ('newListener', 'removeListener',
  // which ref and unref its port as 'message' listeners come and go), and without them a thread
  // that had a 'message' listener never delivers another message.
  for (const event of ["error", "exit"]) worker.removeAllListeners(event);
  worker.ref();
  return worker;
}

/** Starts the threads a build of `contentDir` will want, if it looks cold and large. */
export function startEarly(contentDir: string, cacheDir: string, cards: boolean): void {
  let posts = 0;
  try {
    posts = readdirSync(join(contentDir, "posts")).length;
  } catch {
    return;
  }
  const cores = availableParallelism();
  const parsers = Math.min(cores, Math.floor(posts / MIN_POSTS_PER_THREAD)) - 1;
  if (parsers > 0 && !existsSync(join(cacheDir, "posts", "snapshot"))) start(PARSE_WORKER, parsers);
  if (cards && posts >= MIN_POSTS_PER_THREAD && !existsSync(join(cacheDir, "cards", "index.json"))) start(DRAW_WORKER, 1);
}
