/**
 * The build's social cards (src/build/cards/), with a shortcut for the usual rebuild, where no
 * post's title or date changed: when every card is one a build already drew from the same inputs
 * with the same card code and fonts, and it is still in the assets directory, nothing is loaded or
 * laid out. (Laying a card out needs its fonts parsed, and loading the renderer and fontkit costs
 * about half a second: more than the rest of a small blog's build.)
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { hiddenCardPath } from "./hidden.ts";
import type { CardPost } from "./index.ts";
import { CARD_FILE } from "./names.ts";

const root = resolve(import.meta.dirname, "../../..");
const CARDS = "cards";
/** What decides a card's pixels besides its inputs: the card code, the site's colours and date format, and these packages. */
const CODE = [
  join(root, "src", "build", "cards"),
  join(root, "src", "shared", "styles.ts"),
  join(root, "src", "shared", "dates.ts"),
];
const PACKAGES = ["@resvg/resvg-js", "fontkit", "@expo-google-fonts/noto-sans", "@expo-google-fonts/noto-sans-sc"];

export interface BuiltCards {
  /** By slug: `cards/<slug>-<hash8>.png`, relative to the assets directory. */
  cards: Map<string, string>;
  /** How many were drawn in this build. */
  rendered: number;
  warnings: string[];
}

interface Entry {
  file: string;
  warnings: string[];
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function codeKey(): string {
  const h = createHash("sha256");
  for (const path of CODE) {
    const files = path.endsWith(".ts")
      ? [path]
      : readdirSync(path)
          .filter((f) => f.endsWith(".ts"))
          .sort()
          .map((f) => join(path, f));
    for (const file of files) h.update(file.slice(root.length)).update(readFileSync(file));
  }
  const require = createRequire(import.meta.url);
  for (const pkg of PACKAGES) {
    try {
      h.update(`${pkg}@${(require(`${pkg}/package.json`) as { version: string }).version}`);
    } catch {
      h.update(`${pkg}: not installed`);
    }
  }
  return h.digest("hex");
}

/**
 * Removes the social cards in `outDir`'s cards/ but those named in `keep`; other files there are
 * not ours. `listed`: the folder's names, when the caller has them.
 */
export function removeCards(outDir: string, keep: ReadonlySet<string> = new Set(), listed?: Iterable<string>): void {
  const dir = join(outDir, CARDS);
  for (const name of listed ?? (existsSync(dir) ? readdirSync(dir) : [])) {
    if (CARD_FILE.test(name) && !keep.has(name)) rmSync(join(dir, name));
  }
}

export async function buildCards(
  posts: readonly CardPost[],
  options: { outDir: string; cacheDir: string; corpusKey?: string },
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
  const dir = join(options.outDir, CARDS);
  const listed = new Set(existsSync(dir) ? readdirSync(dir) : []);
  const present = (file: string) =>
    listed.has(file.slice(CARDS.length + 1)) ||
    (options.corpusKey !== undefined && existsSync(hiddenCardPath(options.outDir, options.corpusKey, file)));
  if (known.every((k) => k !== undefined && present(k.file))) {
    const entries = known as Entry[];
    // Cards of posts that are gone go.
    removeCards(options.outDir, new Set(entries.map((e) => e.file.slice(CARDS.length + 1))), listed);
    return {
      cards: new Map(posts.map((p, i) => [p.slug, entries[i]?.file as string])),
      rendered: 0,
      warnings: entries.flatMap((e) => e.warnings),
    };
  }

  const { renderCards } = await import("./index.ts");
  const result = await renderCards(posts, options);
  const next: Record<string, Entry> = {};
  const cards = new Map<string, string>();
  for (const p of posts) {
    const file = result.cards.get(p.slug)?.file;
    if (!file) continue;
    cards.set(p.slug, file);
    next[keyOf(p)] = { file, warnings: result.warnings.filter((w) => w.startsWith(`card for ${p.slug}:`)) };
  }
  mkdirSync(options.cacheDir, { recursive: true });
  const tmp = `${indexFile}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(next));
  renameSync(tmp, indexFile);
  return { cards, rendered: result.rendered.length, warnings: result.warnings };
}
