/**
 * Where a card is published. A published post's card is a static asset, `/cards/<slug>-<hash>.png`,
 * served without the Worker and cached for ever. A scheduled post's card is not: its name comes
 * from its title and date (and the card code), so anyone who guesses a title could draw the same
 * card, compute the name, and confirm the guess before the post is out. Until its instant it is
 * kept in the corpus's secret folder instead, and the Worker serves it at its public URL from
 * the instant on (src/worker/routes/cards.ts); the next build publishes it as a static asset.
 *
 * Why not an unguessable name (a keyed hash)? The key would have to survive builds, or every
 * card's URL would change with every deploy, and CI builds from a clean clone; and the card is
 * named in the post's page for ever after, so the name would stay unguessable for no reason.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { cardFile, corpusLocation } from "../../shared/corpus.ts";
import type { StoredFile } from "../write-corpus.ts";

/** Where a card (`cards/<name>.png`, relative to the assets directory) is kept while hidden. */
export function hiddenCardPath(assetsDir: string, key: string, file: string): string {
  return join(assetsDir, corpusLocation(cardFile(`/${file}`), key));
}

/**
 * Takes the scheduled posts' cards out of the public `cards/` folder, as corpus files to write
 * with the rest of the corpus, and puts back those of posts published since they were hidden.
 * `cards` by slug, as buildCards returns them.
 */
export function placeCards(
  assetsDir: string,
  key: string,
  cards: ReadonlyMap<string, string>,
  scheduled: ReadonlySet<string>,
): StoredFile[] {
  const hidden: StoredFile[] = [];
  // The public cards listed once per folder, not a check per card.
  const listings = new Map<string, Set<string>>();
  const isOpen = (path: string) => {
    const dir = dirname(path);
    let names = listings.get(dir);
    if (!names) {
      names = new Set(existsSync(dir) ? readdirSync(dir) : []);
      listings.set(dir, names);
    }
    return names.has(basename(path));
  };
  for (const [slug, file] of cards) {
    const open = join(assetsDir, file);
    if (scheduled.has(slug)) {
      hidden.push({ path: cardFile(`/${file}`), body: readFileSync(isOpen(open) ? open : hiddenCardPath(assetsDir, key, file)) });
      rmSync(open, { force: true });
      continue;
    }
    if (isOpen(open)) continue;
    const kept = hiddenCardPath(assetsDir, key, file);
    if (existsSync(kept)) {
      mkdirSync(dirname(open), { recursive: true });
      copyFileSync(kept, open);
    }
  }
  return hidden;
}
