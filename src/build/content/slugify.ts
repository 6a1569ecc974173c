/**
 * Text to a URL slug, in one place: `npm run new` names files with it, and the pipeline makes
 * series slugs with it, so a series called "Café & Crème" lives where an author would guess.
 */

/** Slugs made from titles longer than this make unwieldy URLs; the cut falls on a word boundary. */
export const SLUGIFY_MAX = 80;

/** Letters NFKD does not decompose, spelled the way their languages spell them in ASCII. */
const LETTERS: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", đ: "d", ð: "d", ł: "l", þ: "th", ı: "i" };

/**
 * Greek and Cyrillic letters (after NFKD has taken their accents off), spelled in ASCII the
 * way ISO 843 and the common Russian/Ukrainian passport rules do, near enough for a URL.
 * Scripts without a one-letter-at-a-time spelling (Chinese, Japanese, Arabic…) have no entry:
 * `npm run new -- --slug` names those posts.
 */
const SCRIPTS: Record<string, string> = Object.fromEntries(
  [
    "αa βv γg δd εe ζz ηi θth ιi κk λl μm νn ξx οo πp ρr σs ςs τt υy φf χch ψps ωo",
    "аa бb вv гg дd еe жzh зz иi йi кk лl мm нn оo пp рr сs тt уu фf хkh цts чch шsh щshch ъ ыy ь эe юyu яya",
    "іi єye ґg ўu ђdj јj љlj њnj ћc џdz",
  ]
    .join(" ")
    .split(" ")
    .map((pair) => [pair.slice(0, 1), pair.slice(1)]),
);

/**
 * "Café & Crème: Part 2" → "cafe-creme-part-2", "Привет, мир" → "privet-mir": lower-case ASCII
 * letters, digits and hyphens. Empty when the text has no letter or digit with an ASCII spelling
 * ("日本語").
 */
export function slugify(title: string, max = SLUGIFY_MAX): string {
  const slug = title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[ßæœøđðłþı]/g, (c) => LETTERS[c] ?? c)
    .replace(/[\u0370-\u03ff\u0400-\u04ff]/g, (c) => SCRIPTS[c] ?? c)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const dash = cut.lastIndexOf("-");
  return (dash > max / 2 ? cut.slice(0, dash) : slug.slice(0, max)).replace(/-+$/, "");
}
