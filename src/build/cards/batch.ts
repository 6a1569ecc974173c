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
}

/** Writes through a temporary name, so a reader (or a build killed midway) never sees half a file. */
function writeAtomic(path: string, bytes: Uint8Array) {
  // The thread too: two posts with the same title and date share a cached card, and two
  // threads may draw it at once.
  const tmp = `${path}.${process.pid}.${threadId}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}

/**
 * Lays out each job's card (for its warnings), and draws and writes those to draw, one after
 * another: painting and encoding are synchronous, and a build runs this on threads of its own.
 */
export async function drawCards(jobs: readonly CardJob[]): Promise<Drawn> {
  const rendered: string[] = [];
  const warnings: string[] = [];
  for (const job of jobs) {
    const card = composeCard(job.post);
    if (card.missing.length > 0) {
      warnings.push(
        `card for ${job.post.slug}: no bundled font draws ${card.missing.join(" ")} (shown as boxes)${MISSING_FONTS_ADVICE ? `; ${MISSING_FONTS_ADVICE}` : ""}`,
      );
    }
    if (!job.draw) continue;
    const png = await rasterize(card);
    // Written twice from memory: copying the cached file cost an open and a read more.
    writeAtomic(job.cached, png);
    writeAtomic(job.out, png);
    rendered.push(job.post.slug);
  }
  return { rendered: rendered.sort(), warnings };
}

/** A blog's cards, drawn on this thread: those not in the cache, and the stale ones pruned. */
export async function renderCards(posts: readonly CardPost[], options: RenderCardsOptions): Promise<RenderCardsResult> {
  const { cards, jobs } = planCards(posts, options);
  const { rendered, warnings } = await drawCards(jobs);
  pruneCards(cards, options);
  return { cards, rendered, warnings };
}
