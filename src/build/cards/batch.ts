/**
 * Cards for a whole blog, at build time, rendering only what changed. A card's file name
 * carries a hash of everything that decides its pixels (the laid-out SVG, which holds the
 * title, date, site name, language and the template itself; the fonts' and the renderer's
 * versions), so the URL of a changed card changes too and a card can be cached forever.
 *
 * Rendered PNGs are kept in `cacheDir` under that hash, so a clean `outDir` (or another
 * branch, or a title changed and changed back) costs a copy, not a render.
 */
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { FONTS_VERSION, MISSING_FONTS_ADVICE } from "./fonts.ts";
import { CARD_FILE, isCardName } from "./names.ts";
import { RENDERER_VERSION, rasterize } from "./render.ts";
import { type Card, type CardInput, composeCard } from "./template.ts";

export interface CardPost extends CardInput {
  slug: string;
}

export interface CardFile {
  /** Relative to `outDir`: `cards/<slug>-<hash8>.png`. */
  file: string;
  /** SHA-256 (hex) of the card's inputs. */
  hash: string;
}

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
  /** Cards in flight at once: one is painted while others are PNG-encoded on libuv's threads. Default: the cores there are, at most 4. */
  concurrency?: number;
}

export const CARDS_DIR = "cards";
/** Cache entries unused this long are deleted, so the cache does not grow for ever. */
const CACHE_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

/** The key that names a card: change any input and the card, and its file name, change. */
export function cardHash(svg: string): string {
  return createHash("sha256").update(`${RENDERER_VERSION}\n${FONTS_VERSION}\n${svg}`).digest("hex");
}

/** Writes through a temporary name, so a reader (or a build killed midway) never sees half a file. */
function writeAtomic(path: string, bytes: Uint8Array) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}

function copyAtomic(from: string, to: string) {
  const tmp = `${to}.${process.pid}.tmp`;
  copyFileSync(from, tmp);
  renameSync(tmp, to);
}

export async function renderCards(posts: readonly CardPost[], options: RenderCardsOptions): Promise<RenderCardsResult> {
  // Every post is checked and laid out before anything is written, and every problem is reported at once.
  const problems: string[] = [];
  const seen = new Set<string>();
  const composed: { post: CardPost; card: Card }[] = [];
  for (const post of posts) {
    if (!isCardName(post.slug))
      problems.push(
        `${JSON.stringify(post.slug)} is not a slug (a-z, 0-9 and single hyphens), or one with a language (slug.pt-br)`,
      );
    else if (seen.has(post.slug)) problems.push(`${post.slug} appears twice`);
    seen.add(post.slug);
    try {
      composed.push({ post, card: composeCard(post) });
    } catch (e) {
      problems.push(`${post.slug}: ${(e as Error).message}`);
    }
  }
  if (problems.length > 0) throw new Error(`social cards:\n${problems.join("\n")}`);

  const outCards = join(options.outDir, CARDS_DIR);
  mkdirSync(outCards, { recursive: true });
  mkdirSync(options.cacheDir, { recursive: true });

  const cards = new Map<string, CardFile>();
  const warnings: string[] = [];
  const toRender: { slug: string; card: Card; cached: string; out: string }[] = [];
  for (const { post, card } of composed) {
    if (card.missing.length > 0) {
      warnings.push(
        `card for ${post.slug}: no bundled font draws ${card.missing.join(" ")} (shown as boxes)${MISSING_FONTS_ADVICE ? `; ${MISSING_FONTS_ADVICE}` : ""}`,
      );
    }
    const hash = cardHash(card.svg);
    const file = `${CARDS_DIR}/${post.slug}-${hash.slice(0, 8)}.png`;
    cards.set(post.slug, { file, hash });
    const out = join(options.outDir, file);
    const cached = join(options.cacheDir, `${hash}.png`);
    if (existsSync(cached)) {
      const now = new Date();
      utimesSync(cached, now, now); // in use: not to be pruned
      if (!existsSync(out)) copyAtomic(cached, out);
    } else toRender.push({ slug: post.slug, card, cached, out });
  }

  const rendered: string[] = [];
  const queue = [...toRender];
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const png = await rasterize(job.card);
      // Written twice from memory: copying the cached file cost an open and a read more.
      writeAtomic(job.cached, png);
      writeAtomic(job.out, png);
      rendered.push(job.slug);
    }
  };
  const concurrency = Math.max(1, options.concurrency ?? Math.min(4, availableParallelism()));
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));

  // Cards of posts that are gone, or of an earlier title, go; other files in cards/ are not ours.
  const current = new Set([...cards.values()].map((c) => c.file.slice(CARDS_DIR.length + 1)));
  for (const name of readdirSync(outCards)) {
    if (CARD_FILE.test(name) && !current.has(name)) rmSync(join(outCards, name));
  }
  const cutoff = Date.now() - CACHE_MAX_AGE_MS;
  for (const name of readdirSync(options.cacheDir)) {
    const path = join(options.cacheDir, name);
    if (/^[0-9a-f]{64}\.png$/.test(name) && statSync(path).mtimeMs < cutoff) rmSync(path);
  }

  rendered.sort();
  return { cards, rendered, warnings };
}
