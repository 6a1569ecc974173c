/**
 * The build's social cards (src/build/cards/). Drawing a thousand cards is seconds of work, and
 * nothing else in the build needs their pixels, only their names, which come from their inputs
 * (src/build/cards/key.ts). So the cards are named and checked here, on the main thread, and
 * drawn on worker threads while the main thread builds the search index and the corpus, on a
 * core that would otherwise wait; the build awaits them before it reports (`done`).
 *
 * The usual rebuild, where no post's title or date changed, is shorter still: when every card is
 * one a build already drew from the same inputs with the same card code and fonts, and it is
 * still in the assets directory, nothing is loaded, checked or drawn.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { Worker } from "node:worker_threads";
import { CARDS_PER_THREAD, DRAW_WORKER, thread, waiting } from "../early.ts";
import type { AheadCard, Drawn } from "./batch.ts";
import type { DrawMessage } from "./draw-worker.ts";
import { hiddenCardPath } from "./hidden.ts";
import { cardHash, codeKey } from "./key.ts";
import { CARD_FILE, CARD_TEMP, CARDS_DIR } from "./names.ts";
import { type CardJob, type CardPost, planCards, pruneCards } from "./plan.ts";

export interface BuiltCards {
  /** By slug: `cards/<slug>-<hash8>.png`, relative to the assets directory. */
  cards: Map<string, string>;
  /**
   * Settles when every card is drawn and in place: how many were drawn in this build, and the
   * warnings (characters no bundled font draws). Rejects with the problem if drawing failed.
   */
  done: Promise<{ rendered: number; warnings: string[]; ahead: number }>;
}

interface Entry {
  file: string;
  warnings: string[];
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Removes the social cards in `outDir`'s cards/ but those named in `keep`, and any a failed
 * build left half written; other files there are not ours. `listed`: the folder's names, when the caller has them.
 */
export function removeCards(outDir: string, keep: ReadonlySet<string> = new Set(), listed?: Iterable<string>): void {
  const dir = join(outDir, CARDS_DIR);
  for (const name of listed ?? (existsSync(dir) ? readdirSync(dir) : [])) {
    if ((CARD_FILE.test(name) && !keep.has(name)) || CARD_TEMP.test(name))
      rmSync(join(dir, name), { recursive: true, force: true });
  }
}

/**
 * The thread drawing cards ahead of the plan, the cached paths it was sent, and whether it
 * ended (it then takes the plan's first share, unless it ended: a new thread does).
 */
let early: { worker: Worker; sent: Set<string>; ended: boolean } | undefined;

/** The thread drawing cards ahead, if any: for the tests. */
export const drawingAhead = (): Worker | undefined => early?.worker;

/**
 * Draws cards from posts as they are parsed, before the build can plan them: on a cold build,
 * the card thread started early (src/build/early.ts) is loaded long before the plan, and the
 * main thread then waited for it at the end. It is only a guess at the plan: the inputs are
 * what the posts and site.yaml say before the collection checks them, and a card is named by
 * the hash of its inputs, so one drawn from inputs the plan does not have is simply not used.
 * Nothing is drawn ahead without a thread started early (a rebuild), or for a card in the cache.
 */
export function drawAhead(posts: readonly CardPost[], cacheDir: string): void {
  if (!early) {
    if (waiting(DRAW_WORKER) === 0) return;
    const worker = thread(DRAW_WORKER);
    const taken = { worker, sent: new Set<string>(), ended: false };
    // Failing while it draws ahead ends it, and no one is listening yet: the plan must know.
    worker.once("exit", () => {
      taken.ended = true;
    });
    worker.on("error", () => {});
    early = taken;
    mkdirSync(cacheDir, { recursive: true });
  }
  const cards: AheadCard[] = [];
  for (const post of posts) {
    const cached = join(cacheDir, `${cardHash(post)}.png`);
    if (early.sent.has(cached) || existsSync(cached)) continue;
    early.sent.add(cached);
    cards.push({ post, cached });
  }
  if (cards.length > 0) early.worker.postMessage({ ahead: cards } satisfies DrawMessage);
}

/**
 * Ends the thread drawing ahead, if any, and waits for it to end: when the plan has nothing for
 * it, or there is no plan (the build failed). A thread left busy while the process exits can
 * abort the process.
 */
export async function endDrawingAhead(): Promise<void> {
  const taken = early;
  early = undefined;
  if (taken) await taken.worker.terminate();
}

/** The thread drawing ahead, taken to be handed the plan's first share; none if it ended meanwhile. */
function takeEarly(): Worker | undefined {
  const taken = early;
  early = undefined;
  return taken?.ended ? undefined : taken?.worker;
}

/**
 * Draws the jobs on worker threads, each a share of them; their results merged in the jobs'
 * order. A thread per CARDS_PER_THREAD cards, on the cores the main thread leaves: each thread
 * loads the fonts and the renderer again (about 0.4 s), and the main thread is busy meanwhile.
 * The first share goes to the thread that drew ahead, if any.
 */
async function drawOnThreads(jobs: readonly CardJob[]): Promise<Drawn> {
  const toDraw = jobs.filter((j) => j.draw).length;
  const n = Math.max(1, Math.min(availableParallelism() - 1, Math.ceil(toDraw / CARDS_PER_THREAD)));
  // Interleaved, so each thread has as many to draw.
  const shares = Array.from({ length: n }, (_, t) => jobs.filter((_, i) => i % n === t));
  const drewAhead = takeEarly();
  const results = await Promise.all(
    shares.map(
      (share, t) =>
        new Promise<Drawn>((resolve, reject) => {
          const worker = (t === 0 ? drewAhead : undefined) ?? thread(DRAW_WORKER);
          worker.postMessage({ jobs: share } satisfies DrawMessage);
          worker.once("message", resolve);
          worker.once("error", reject);
          worker.once("exit", (code) => reject(new Error(`the thread drawing cards exited with ${code}`)));
        }),
    ),
  );
  const order = new Map(jobs.map((j, i) => [j.post.slug, i]));
  const at = (w: string) => order.get(/^card for ([^:]+):/.exec(w)?.[1] ?? "") ?? 0;
  return {
    rendered: results.flatMap((r) => r.rendered).sort(),
    warnings: results.flatMap((r) => r.warnings).sort((a, b) => at(a) - at(b)),
    ahead: results.reduce((sum, r) => sum + (r.ahead ?? 0), 0),
  };
}

/**
 * Names every post's card now, and draws those not drawn before in the background (`done`).
 * The cards of `first` (scheduled posts, whose card the corpus holds) are drawn before this
 * returns.
 */
export async function buildCards(
  posts: readonly CardPost[],
  options: { outDir: string; cacheDir: string; corpusKey?: string; first?: ReadonlySet<string> },
): Promise<BuiltCards> {
  const code = codeKey();
  const keyOf = (p: CardPost) =>
    sha256(`${code}\n${JSON.stringify([p.slug, p.title, p.date, p.siteName, p.lang, p.colours ?? null])}`);
  const indexFile = join(options.cacheDir, "index.json");
  let index: Record<string, Entry> = {};
  try {
    index = JSON.parse(readFileSync(indexFile, "utf8")) as Record<string, Entry>;
  } catch {
    // No index yet (or a damaged one): every card goes the long way.
  }
  const known = posts.map((p) => index[keyOf(p)]);
  // cards/ listed once, not a check per card. A scheduled post's card is kept in the corpus,
  // not in cards/ (src/build/cards/hidden.ts).
  const dir = join(options.outDir, CARDS_DIR);
  const listed = new Set(existsSync(dir) ? readdirSync(dir) : []);
  const present = (file: string) =>
    listed.has(file.slice(CARDS_DIR.length + 1)) ||
    (options.corpusKey !== undefined && existsSync(hiddenCardPath(options.outDir, options.corpusKey, file)));
  if (known.every((k) => k !== undefined && present(k.file))) {
    const entries = known as Entry[];
    // Cards of posts that are gone go.
    removeCards(options.outDir, new Set(entries.map((e) => e.file.slice(CARDS_DIR.length + 1))), listed);
    await endDrawingAhead();
    return {
      cards: new Map(posts.map((p, i) => [p.slug, entries[i]?.file as string])),
      done: Promise.resolve({ rendered: 0, warnings: entries.flatMap((e) => e.warnings), ahead: 0 }),
    };
  }

  let plan: ReturnType<typeof planCards>;
  try {
    plan = planCards(posts, { ...options, drawing: early?.sent });
  } catch (e) {
    // The build fails on this: the thread drawing ahead ends before the process does.
    await endDrawingAhead();
    throw e;
  }
  const first = plan.jobs.filter((j) => j.draw && options.first?.has(j.post.slug));
  const rest = plan.jobs.filter((j) => !first.includes(j));
  // The few the corpus needs now are drawn here; loading the renderer on this thread is then worth it.
  const now: Drawn = first.length > 0 ? await (await import("./batch.ts")).drawCards(first) : { rendered: [], warnings: [] };
  // The rest on other threads, those only to check too: laying out a card loads its fonts.
  if (rest.length === 0) await endDrawingAhead();
  const later: Promise<Drawn> = rest.length > 0 ? drawOnThreads(rest) : Promise.resolve({ rendered: [], warnings: [] });
  const done = later.then((drawn) => {
    pruneCards(plan.cards, options);
    const rendered = [...now.rendered, ...drawn.rendered];
    const warnings = [...now.warnings, ...drawn.warnings];
    const next: Record<string, Entry> = {};
    for (const p of posts) {
      const file = plan.cards.get(p.slug)?.file;
      if (file) next[keyOf(p)] = { file, warnings: warnings.filter((w) => w.startsWith(`card for ${p.slug}:`)) };
    }
    mkdirSync(options.cacheDir, { recursive: true });
    const tmp = `${indexFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(next));
    renameSync(tmp, indexFile);
    return { rendered: rendered.length, warnings, ahead: drawn.ahead ?? 0 };
  });
  // Not unhandled while the build is busy elsewhere: the build awaits it before reporting.
  done.catch(() => {});
  return { cards: new Map([...plan.cards].map(([slug, c]) => [slug, c.file])), done };
}
