/**
 * Cards for a whole blog, at build time, rendering only what changed. A card's file name
 * carries a hash of everything that decides its pixels (src/build/cards/key.ts), so the URL of a
 * changed card changes too and a card can be cached forever.
 *
 * Rendered PNGs are kept in `cacheDir` under that hash, so a clean `outDir` (or another
 * branch, or a title changed and changed back) costs a copy, not a render.
 */
import { renameSync, writeFileSync } from "node:fs";
import { threadId } from "node:worker_threads";
import { MISSING_FONTS_ADVICE } from "./fonts.ts";
import { type CardFile, type CardJob, type CardPost, planCards, pruneCards } from "./plan.ts";
import { rasterize } from "./render.ts";
import { composeCard } from "./template.ts";

export type { CardFile, CardPost } from "./plan.ts";

export interface RenderCardsResult {
  cards: Map<string, CardFile>;
  /** Slugs whose card was rendered in this run (not found in the cache). */
  rendered: string[];
  /** `card for <slug>: …` lines for cards with characters no bundled font draws. */
  warnings: string[];
}

export interface RenderCardsOptions {
  outDir: string;
  cacheDir: string;
}

export interface Drawn {
  /** Slugs whose card was drawn. */
  rendered: string[];
  warnings: string[];
  /** How many of them were drawn ahead (drawAhead), before their jobs came. */
  ahead?: number;
}

/** A card to draw before the plan names it: its inputs, and where the cache keeps it (by their hash). */
export interface AheadCard {
  post: CardPost;
  cached: string;
}

/** Cards drawn ahead, by cached path: what no font drew, and the PNG, to write out when the plan names it. */
export type DrawnAhead = Map<string, { missing: string[]; png: Uint8Array }>;

/** Writes through a temporary name, so a reader (or a build killed midway) never sees half a file. */
function writeAtomic(path: string, bytes: Uint8Array) {
  // The thread too: two posts with the same title and date share a cached card, and two
  // threads may draw it at once.
  const tmp = `${path}.${process.pid}.${threadId}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}

/**
 * Draws cards into the cache before the plan names them (src/build/cards/stage.ts `drawAhead`),
 * and keeps each in `into` for the job that will. One that cannot be drawn is left to its job,
 * which reports it as the plan does.
 */
export async function drawAhead(cards: readonly AheadCard[], into: DrawnAhead): Promise<void> {
  for (const { post, cached } of cards) {
    if (into.has(cached)) continue;
    try {
      const card = composeCard(post);
      const png = await rasterize(card);
      writeAtomic(cached, png);
      into.set(cached, { missing: card.missing, png });
    } catch {
      // Its job draws it again, and fails the build with the reason.
    }
  }
}

/**
 * Lays out each job's card (for its warnings), and draws and writes those to draw, one after
 * another: painting and encoding are synchronous, and a build runs this on threads of its own.
 * A card in `early` was drawn ahead into the cache: it is only written out.
 */
export async function drawCards(jobs: readonly CardJob[], early?: DrawnAhead): Promise<Drawn> {
  const rendered: string[] = [];
  const warnings: string[] = [];
  let ahead = 0;
  for (const job of jobs) {
    const drawn = early?.get(job.cached);
    const card = drawn ? undefined : composeCard(job.post);
    const missing = drawn?.missing ?? card?.missing ?? [];
    if (missing.length > 0) {
      warnings.push(
        `card for ${job.post.slug}: no bundled font draws ${missing.join(" ")} (shown as boxes)${MISSING_FONTS_ADVICE ? `; ${MISSING_FONTS_ADVICE}` : ""}`,
      );
    }
    if (!job.draw) continue;
    if (drawn) {
      writeAtomic(job.out, drawn.png);
      ahead++;
    } else if (card) {
      const png = await rasterize(card);
      // Written twice from memory: copying the cached file cost an open and a read more.
      writeAtomic(job.cached, png);
      writeAtomic(job.out, png);
    }
    rendered.push(job.post.slug);
  }
  return { rendered: rendered.sort(), warnings, ahead };
}

/** A blog's cards, drawn on this thread: those not in the cache, and the stale ones pruned. */
export async function renderCards(posts: readonly CardPost[], options: RenderCardsOptions): Promise<RenderCardsResult> {
  const { cards, jobs } = planCards(posts, options);
  const { rendered, warnings } = await drawCards(jobs);
  pruneCards(cards, options);
  return { cards, rendered, warnings };
}
