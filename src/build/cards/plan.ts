/**
 * A blog's cards before any is drawn: each checked and named from its inputs (src/build/cards/key.ts),
 * those already drawn copied from the cache, the rest listed to draw. No font is loaded here,
 * so the build can do this on its main thread and draw elsewhere (src/build/cards/stage.ts).
 * And after drawing, what goes: the cards of posts that are gone, and cache entries long unused.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { type CardInput, checkCardInput } from "./input.ts";
import { cardHash } from "./key.ts";
import { CARD_FILE, CARD_TEMP, CARDS_DIR, isCardName } from "./names.ts";

export interface CardPost extends CardInput {
  slug: string;
}

export interface CardFile {
  /** Relative to `outDir`: `cards/<slug>-<hash8>.png`. */
  file: string;
  /** SHA-256 (hex) of the card's inputs and the code that draws them. */
  hash: string;
}

/** One card to look at on a thread that has the fonts: drawn when `draw`, else only checked for missing glyphs. */
export interface CardJob {
  post: CardPost;
  /** Where it is kept in the cache, and where it is published. */
  cached: string;
  out: string;
  draw: boolean;
}

export interface CardPlan {
  cards: Map<string, CardFile>;
  jobs: CardJob[];
}

/** Cache entries unused this long are deleted, so the cache does not grow for ever. */
const CACHE_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

/** Copies through a temporary name, so a reader (or a build killed midway) never sees half a file. */
function copyAtomic(from: string, to: string) {
  const tmp = `${to}.${process.pid}.tmp`;
  copyFileSync(from, tmp);
  renameSync(tmp, to);
}

/**
 * Checks and names every card (every problem reported at once, before anything is written),
 * puts the cached ones in place, and lists each card as a job: to draw, or, when cached, only to
 * check for characters no font draws (what the warnings say is not cached). `drawing`: cached
 * paths of cards being drawn ahead of this plan.
 */
export function planCards(
  posts: readonly CardPost[],
  options: { outDir: string; cacheDir: string; drawing?: ReadonlySet<string> },
): CardPlan {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const post of posts) {
    if (!isCardName(post.slug))
      problems.push(
        `${JSON.stringify(post.slug)} is not a slug (a-z, 0-9 and single hyphens), or one with a language (slug.pt-br)`,
      );
    else if (seen.has(post.slug)) problems.push(`${post.slug} appears twice`);
    seen.add(post.slug);
    try {
      checkCardInput(post);
    } catch (e) {
      problems.push(`${post.slug}: ${(e as Error).message}`);
    }
  }
  if (problems.length > 0) throw new Error(`social cards:\n${problems.join("\n")}`);

  mkdirSync(join(options.outDir, CARDS_DIR), { recursive: true });
  mkdirSync(options.cacheDir, { recursive: true });
  const cards = new Map<string, CardFile>();
  const jobs: CardJob[] = [];
  for (const post of posts) {
    const hash = cardHash(post);
    const file = `${CARDS_DIR}/${post.slug}-${hash.slice(0, 8)}.png`;
    cards.set(post.slug, { file, hash });
    const out = join(options.outDir, file);
    const cached = join(options.cacheDir, `${hash}.png`);
    // One the card thread is drawing ahead (src/build/cards/stage.ts) is this build's to draw and
    // count, whether or not its file is in the cache yet: the thread writes it out from memory.
    const draw = options.drawing?.has(cached) || !existsSync(cached);
    if (!draw) {
      const now = new Date();
      utimesSync(cached, now, now); // in use: not to be pruned
      if (!existsSync(out)) copyAtomic(cached, out);
    }
    jobs.push({ post, cached, out, draw });
  }
  return { cards, jobs };
}

/**
 * Cards of posts that are gone, or of an earlier title, go (other files in cards/ are not ours);
 * so do cache entries unused for 30 days, and cards a failed or stopped build left half written.
 */
export function pruneCards(cards: ReadonlyMap<string, CardFile>, options: { outDir: string; cacheDir: string }): void {
  const outCards = join(options.outDir, CARDS_DIR);
  const current = new Set([...cards.values()].map((c) => c.file.slice(CARDS_DIR.length + 1)));
  for (const name of readdirSync(outCards)) {
    if ((CARD_FILE.test(name) && !current.has(name)) || CARD_TEMP.test(name))
      rmSync(join(outCards, name), { recursive: true, force: true });
  }
  const cutoff = Date.now() - CACHE_MAX_AGE_MS;
  for (const name of readdirSync(options.cacheDir)) {
    const path = join(options.cacheDir, name);
    if ((/^[0-9a-f]{64}\.png$/.test(name) && statSync(path).mtimeMs < cutoff) || CARD_TEMP.test(name))
      rmSync(path, { recursive: true, force: true });
  }
}
