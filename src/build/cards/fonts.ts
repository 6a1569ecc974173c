/**
 * The fonts a social card is drawn with: the one place that says which families, weights and
 * files, in which fallback order. Bundled from npm (OFL-licensed Noto), never the system's, so a
 * card is the same image on every machine.
 *
 * - Noto Sans: Latin (with Vietnamese), Greek, Cyrillic, Devanagari. Close to the site's
 *   system-ui stack. 0.6 MB a face.
 * - Noto Sans SC (optional: `npm install @expo-google-fonts/noto-sans-sc`): the CJK fallback. It draws Simplified and Traditional Chinese and Japanese
 *   kana and kanji (kanji in their Chinese-style forms, a handful of which differ slightly from
 *   Japanese ones). 10.5 MB a face, so it is handed to the renderer only for a card that needs
 *   it. Noto Sans JP (half the install size) was the alternative, but it lacks most
 *   Simplified-only characters (这, 们, 说…), which would leave Chinese titles full of boxes.
 *
 * - Noto Sans Arabic (optional: `npm install @expo-google-fonts/noto-sans-arabic`, 2.9 MB
 *   installed): Arabic, Persian and Urdu letters, shaped (joined) and laid out right to left by
 *   resvg. Handed to the renderer only for a card that has Arabic letters.
 *
 * - Noto Sans Hebrew (optional: `npm install @expo-google-fonts/noto-sans-hebrew`, 1.4 MB
 *   installed): Hebrew, with its points, right to left. Handed over only for a card with Hebrew.
 *
 * Not covered: Hangul, Thai, emoji… A title with such characters still gets a
 * card, with boxes for them, and `renderCards` warns naming the post and the characters. Adding
 * a family here (one more entry below, plus its npm package) is all it takes to cover a script.
 */
import { createRequire } from "node:module";
import { type Font, openSync } from "fontkit";

const require = createRequire(import.meta.url);

export type Weight = 400 | 700;

interface Family {
  name: string;
  pkg: string;
  files: Record<Weight, string>;
  /** Not installed by default: what it draws, for the warning that suggests installing it. */
  optional?: string;
}

/** Every family the cards know, in fallback order. */
const KNOWN_FAMILIES: readonly Family[] = [
  {
    name: "Noto Sans",
    pkg: "@expo-google-fonts/noto-sans",
    files: { 400: "400Regular/NotoSans_400Regular.ttf", 700: "700Bold/NotoSans_700Bold.ttf" },
  },
  {
    name: "Noto Sans SC",
    pkg: "@expo-google-fonts/noto-sans-sc",
    files: { 400: "400Regular/NotoSansSC_400Regular.ttf", 700: "700Bold/NotoSansSC_700Bold.ttf" },
    // 92 MB installed: most blogs never need it, so a blog in Chinese or Japanese adds it.
    optional: "Chinese and Japanese",
  },
  {
    name: "Noto Sans Arabic",
    pkg: "@expo-google-fonts/noto-sans-arabic",
    files: { 400: "400Regular/NotoSansArabic_400Regular.ttf", 700: "700Bold/NotoSansArabic_700Bold.ttf" },
    optional: "Arabic",
  },
  {
    name: "Noto Sans Hebrew",
    pkg: "@expo-google-fonts/noto-sans-hebrew",
    files: { 400: "400Regular/NotoSansHebrew_400Regular.ttf", 700: "700Bold/NotoSansHebrew_700Bold.ttf" },
    optional: "Hebrew",
  },
];

const installed = (pkg: string) => {
  try {
    require.resolve(`${pkg}/package.json`);
    return true;
  } catch {
    return false;
  }
};

/** In fallback order: a character is drawn with the first installed family that has a glyph for it. */
const FAMILIES: readonly Family[] = KNOWN_FAMILIES.filter((f) => !f.optional || installed(f.pkg));

/** Optional families that are not installed, as advice for a card with characters no font draws. */
export const MISSING_FONTS_ADVICE = KNOWN_FAMILIES.filter((f) => f.optional && !FAMILIES.includes(f))
  .map((f) => `\`npm install ${f.pkg}\` adds ${f.optional}`)
  .join("; ");

/** Whether an optional family is installed (the tests of what it draws need it). */
export const hasFamily = (name: string) => FAMILIES.some((f) => f.name === name);

/** The first family: the one text is set in unless a character needs another. */
export const DEFAULT_FAMILY = FAMILIES[0]!.name;
/** The family name of a run's `family`; a run no font draws is set in the first (and shows boxes). */
export const familyName = (family: number) => FAMILIES[Math.max(family, 0)]!.name;

// Resolving is a walk of node_modules: once a process per face, not once per character.
const files = new Map<string, string>();
function fileOf(family: Family, weight: Weight): string {
  const key = `${family.pkg} ${weight}`;
  let file = files.get(key);
  if (file === undefined) {
    file = require.resolve(`${family.pkg}/${family.files[weight]}`);
    files.set(key, file);
  }
  return file;
}

/** What the fonts are, for the cache key: npm versions are immutable, so name@version pins the bytes. */
export const FONTS_VERSION = FAMILIES.map(
  (f) => `${f.pkg}@${(require(`${f.pkg}/package.json`) as { version: string }).version}`,
).join(" ");

// fontkit reads a font's tables lazily, so opening even a 10 MB CJK face is quick; once a process.
const opened = new Map<string, Font>();
function face(family: Family, weight: Weight): Font {
  const file = fileOf(family, weight);
  let font = opened.get(file);
  if (!font) {
    const f = openSync(file);
    if (!("layout" in f)) throw new Error(`social cards: ${file} is a font collection, not a font`);
    font = f;
    opened.set(file, font);
  }
  return font;
}

/** The face a run's `family` is drawn with (-1, characters no font draws: the first, whose .notdef is a box). */
export const faceOf = (family: number, weight: Weight): Font => face(FAMILIES[Math.max(family, 0)]!, weight);

// Characters that are never drawn (joiners, variation selectors) or that are only space: any font "has" them.
const INVISIBLE = /^[\p{Default_Ignorable_Code_Point}\p{White_Space}]$/u;

/**
 * The index into FAMILIES of the family that draws `char` at `weight`, or -1 when none does.
 * Families are asked in order, so the big CJK face is opened only once a character needs it.
 */
function familyFor(char: string, weight: Weight): number {
  if (INVISIBLE.test(char)) return 0;
  for (let i = 0; i < FAMILIES.length; i++) {
    if (face(FAMILIES[i]!, weight).hasGlyphForCodePoint(char.codePointAt(0)!)) return i;
  }
  return -1;
}

export interface Run {
  text: string;
  /** -1 for characters no bundled font has: measured (and drawn) as the first family's box. */
  family: number;
}

/** Splits text into runs each drawn by one family: the first, in FAMILIES order, that has the glyph. */
export function runs(text: string, weight: Weight): Run[] {
  const out: Run[] = [];
  for (const char of text) {
    let family = familyFor(char, weight);
    // A combining mark stays with its base character, whichever family drew that.
    const last = out.at(-1);
    if (last && /^\p{M}$/u.test(char)) family = last.family;
    if (last && last.family === family) last.text += char;
    else out.push({ text: char, family });
  }
  return out;
}

/** A glyph as shaped, in em: what the painter places (src/build/cards/raster.ts). */
export interface ShapedGlyph {
  family: number;
  id: number;
  /** Pen offset and advance, in em. */
  x: number;
  y: number;
  advance: number;
}

export interface Shaped {
  /** The whole string's advance, in em. */
  em: number;
  glyphs: ShapedGlyph[];
}

// Shaping a string costs a few milliseconds whatever its length, and a title's words recur
// across the sizes and widths the layout tries: strings are shaped once per process, in em, and
// the painter draws the lines the layout measured from the same shapes.
const shapes = new Map<string, Shaped>();

/** `text` in `weight`, shaped as the renderer shapes it (kerning, ligatures). */
export function shape(text: string, weight: Weight): Shaped {
  const key = `${weight} ${text}`;
  let shaped = shapes.get(key);
  if (shaped === undefined) {
    // Word by word, each with the spaces after it: words recur from title to title (and dates'
    // months and years from card to card), so most are shaped already; a whole line seldom is.
    // Nothing joins or kerns across a space, so the glyphs are the line's own.
    const words = text.match(/[^ ]+ *| +/g) ?? [];
    shaped = words.length === 1 ? shapeRun(text, weight) : { em: 0, glyphs: [] };
    if (words.length > 1) {
      for (const word of words) {
        const part = shape(word, weight);
        shaped.glyphs.push(...part.glyphs);
        shaped.em += part.em;
      }
    }
    shapes.set(key, shaped);
  }
  return shaped;
}

function shapeRun(text: string, weight: Weight): Shaped {
  const shaped: Shaped = { em: 0, glyphs: [] };
  for (const run of runs(text, weight)) {
    const font = face(FAMILIES[Math.max(run.family, 0)]!, weight);
    const laid = font.layout(run.text);
    const unit = 1 / font.unitsPerEm;
    laid.glyphs.forEach((glyph, i) => {
      const pos = laid.positions[i]!;
      shaped.glyphs.push({
        family: run.family,
        id: glyph.id,
        x: pos.xOffset * unit,
        y: pos.yOffset * unit,
        advance: pos.xAdvance * unit,
      });
    });
    shaped.em += laid.advanceWidth * unit;
  }
  return shaped;
}

export function advance(text: string, size: number, weight: Weight): number {
  return shape(text, weight).em * size;
}

/** Characters of `text` that no bundled font draws, each listed once. */
export function uncovered(text: string, weight: Weight): string[] {
  return [...new Set(runs(text, weight).flatMap((r) => (r.family < 0 ? [...r.text] : [])))];
}

/**
 * The font files the renderer needs for these texts: every face of each family that draws
 * some character of them. Leaving out a family no character uses changes no pixel, and skips
 * loading 21 MB of CJK faces for a Latin card.
 */
export function fontFilesFor(texts: readonly { text: string; weight: Weight }[]): string[] {
  const used = new Set<number>([0]);
  for (const { text, weight } of texts) for (const run of runs(text, weight)) if (run.family >= 0) used.add(run.family);
  return [...used].sort().flatMap((i) => ([400, 700] as const).map((w) => fileOf(FAMILIES[i]!, w)));
}
