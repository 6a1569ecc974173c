/**
 * Text to a URL slug, in one place: `npm run new` names files with it, and the pipeline makes
 * series slugs with it, so a series called "Café & Crème" lives where an author would guess.
 */

/** Slugs made from titles longer than this make unwieldy URLs; the cut falls on a word boundary. */
export const SLUGIFY_MAX = 80;

/** Letters NFKD does not decompose, spelled the way their languages spell them in ASCII. */
const LETTERS: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", đ: "d", ð: "d", ł: "l", þ: "th", ı: "i" };

/**
 * "Café & Crème: Part 2" → "cafe-creme-part-2": lower-case ASCII letters, digits and hyphens.
 * Empty when the text has no letter or digit that has an ASCII spelling ("日本語").
 */
export function slugify(title: string, max = SLUGIFY_MAX): string {
  const slug = title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[ßæœøđðłþı]/g, (c) => LETTERS[c] ?? c)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const dash = cut.lastIndexOf("-");
  return (dash > max / 2 ? cut.slice(0, dash) : slug.slice(0, max)).replace(/-+$/, "");
}
