/**
 * The social card's look, as an SVG document: 1200×630 (the size Open Graph and X's large
 * card both expect), in the site's light colours (its theme's, when it has one), with the title set as large as it fits.
 * Deterministic: the same input gives the same string (a card's name hashes its inputs and this
 * code: src/build/cards/key.ts).
 */

import { formatDate } from "../../shared/dates.ts";
import { isRightToLeft } from "../../shared/i18n/index.ts";
import { STYLES } from "../../shared/styles.ts";
import { cardColours } from "./colours.ts";
import { advance, DEFAULT_FAMILY, familyName, fontFilesFor, runs, uncovered, type Weight } from "./fonts.ts";
import { type CardInput, checkCardInput, NOT_XML, shown } from "./input.ts";
import { ellipsize, type Fit, fitText, graphemes } from "./layout.ts";

export type { CardInput };

export const WIDTH = 1200;
export const HEIGHT = 630;

// The geometry, in pixels. Text sits inside a 80 px margin; the title gets the band between
// the two rules and as many lines (up to 4) as fit there at the size tried.
export const MARGIN = 80;
const TEXT_WIDTH = WIDTH - 2 * MARGIN;
const STRIPE = 12;
const SITE = { size: 36, baseline: 118 };
const TOP_RULE = 158;
export const TITLE_BAND = { top: 196, bottom: 492 };
const BOTTOM_RULE = 526;
const DATE = { size: 30, baseline: 580 };
const TITLE_SIZES = [84, 76, 68, 60, 54, 48] as const;
const TITLE_LINE_HEIGHT = 1.2;
const TITLE_MAX_LINES = 4;
/** Room left for differences between this measurement and the renderer's shaping. */
const SLACK = 8;

const BUILT_IN = cardColours(STYLES);

/** Escapes text for SVG content and attributes (and drops what XML cannot carry, whatever the caller did). */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, "")
    .replace(/[&<>"']/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[c]};`);
}

/** Letters of the scripts written right to left. */
const RTL_LETTER = /[\p{sc=Arabic}\p{sc=Hebrew}\p{sc=Syriac}\p{sc=Thaana}\p{sc=Nko}\p{sc=Adlam}]/u;

/**
 * Whether a line of text reads right to left: its first letter decides (the rule of UAX #9's
 * first strong character, near enough for a title), and the blog's language when it has none
 * ("2025"). Such a line is set from the right margin, and resvg orders and joins its letters.
 */
export function rightToLeft(text: string, lang: string): boolean {
  const letter = text.match(/\p{L}/u)?.[0];
  return letter === undefined ? isRightToLeft(lang) : RTL_LETTER.test(letter);
}

const widthAt = (weight: Weight) => (size: number) => (text: string) => advance(text, size, weight);

/** One line of text that fits in `maxWidth`, ellipsised if it does not. */
function oneLine(text: string, size: number, weight: Weight, lang: string): string {
  const width = widthAt(weight)(size);
  const line = shown(text);
  return width(line) <= TEXT_WIDTH - SLACK ? line : ellipsize(graphemes(line, lang), TEXT_WIDTH - SLACK, width, lang);
}

/** A line of text as the card draws it: the pen starts at (x, y), y the baseline, both whole pixels. */
export interface TextLine {
  x: number;
  y: number;
  text: string;
  size: number;
  weight: Weight;
  fill: string;
  /** Reads right to left: set from the right margin (x from the right edge), shaped by resvg. */
  rtl?: boolean;
}

/** A filled rectangle, on whole pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
}

/**
 * What the SVG says, as a list to paint (src/build/cards/raster.ts paints it without parsing the
 * SVG). `base` is the same on every card of a site (background, rules, the site's name), so it
 * is painted once; `lines` are the post's own.
 */
export interface Paint {
  base: { rects: Rect[]; lines: TextLine[] };
  lines: TextLine[];
}

export interface Card {
  svg: string;
  paint: Paint;
  /**
   * A line reads right to left: the painter lays glyphs out left to right without the bidi
   * algorithm or Arabic joining, so such a card is drawn whole by resvg from its SVG instead.
   */
  whole: boolean;
  /** The font files the renderer needs for this card. */
  fontFiles: string[];
  /** Characters of the card's text that no bundled font draws (shown as boxes). */
  missing: string[];
  title: Fit;
}

/** Lays the card out: the SVG, and what rendering it needs. */
export function composeCard(input: CardInput): Card {
  const { title, date, siteName, lang } = checkCardInput(input);
  const C = input.colours ?? BUILT_IN;
  const fitted = fitText(shown(title), widthAt(700), {
    maxWidth: TEXT_WIDTH - SLACK,
    maxHeight: TITLE_BAND.bottom - TITLE_BAND.top,
    maxLines: TITLE_MAX_LINES,
    sizes: TITLE_SIZES,
    lineHeight: TITLE_LINE_HEIGHT,
    lang,
  });
  const site = oneLine(siteName, SITE.size, 700, lang);
  const day = oneLine(formatDate(date, lang), DATE.size, 400, lang);

  // The block of title lines is centred in its band; each baseline sits so that the middle of
  // a capital letter (0.36 em above the baseline in Noto Sans) is the middle of its line box.
  const lineBox = fitted.size * TITLE_LINE_HEIGHT;
  const top = TITLE_BAND.top + (TITLE_BAND.bottom - TITLE_BAND.top - fitted.lines.length * lineBox) / 2;
  const baseline = (i: number) => round(top + i * lineBox + lineBox / 2 + 0.36 * fitted.size);

  // Each run of characters names the family that draws it. Left to itself, resvg would fall
  // back per character to whichever loaded face has the glyph, ignoring the weight asked for.
  // A line that reads right to left starts at the right margin, as the page it stands for does.
  const text = (x: number, y: number, body: string, weight: Weight, rtl: boolean) => {
    const spans = runs(body, weight).map((run) =>
      familyName(run.family) === DEFAULT_FAMILY
        ? escapeXml(run.text)
        : `<tspan font-family="'${familyName(run.family)}'">${escapeXml(run.text)}</tspan>`,
    );
    const at = rtl ? `x="${WIDTH - x}" y="${y}" direction="rtl" text-anchor="end"` : `x="${x}" y="${y}"`;
    // resvg takes a line's base direction from its first strong character, not from `direction`:
    // a right-to-left mark first keeps "2 نوفمبر 2025" in its order when it starts with a digit.
    return `<text ${at}>${rtl ? "&#x200F;" : ""}${spans.join("")}</text>`;
  };
  // The title's lines are aligned alike, by the title's first letter.
  const titleRtl = rightToLeft(fitted.lines.join(" "), lang);
  const font = (weight: Weight, size: number, fill: string) =>
    `font-family="'${DEFAULT_FAMILY}'" font-weight="${weight}" font-size="${size}" fill="${fill}"`;
  const rects: Rect[] = [
    { x: 0, y: 0, width: WIDTH, height: HEIGHT, fill: C.bg },
    { x: 0, y: 0, width: WIDTH, height: STRIPE, fill: C.accent },
    { x: MARGIN, y: TOP_RULE, width: TEXT_WIDTH, height: 2, fill: C.rule },
    { x: MARGIN, y: BOTTOM_RULE, width: TEXT_WIDTH, height: 2, fill: C.rule },
  ];
  const paint: Paint = {
    base: {
      rects,
      lines: [
        {
          x: MARGIN,
          y: SITE.baseline,
          text: site,
          size: SITE.size,
          weight: 700,
          fill: C.fg,
          ...(rightToLeft(site, lang) ? { rtl: true } : {}),
        },
      ],
    },
    lines: [
      ...fitted.lines.map((line, i) => ({
        x: MARGIN,
        y: baseline(i),
        text: line,
        size: fitted.size,
        weight: 700 as const,
        fill: C.fg,
        ...(titleRtl ? { rtl: true } : {}),
      })),
      {
        x: MARGIN,
        y: DATE.baseline,
        text: day,
        size: DATE.size,
        weight: 400,
        fill: C.muted,
        ...(rightToLeft(day, lang) ? { rtl: true } : {}),
      },
    ],
  };
  // The SVG says what the paint list says, in the same order: the document the card's name hashes.
  const rect = (r: Rect) => `<rect x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}" fill="${r.fill}"/>`;
  const line = (l: TextLine) => `<g ${font(l.weight, l.size, l.fill)}>${text(l.x, l.y, l.text, l.weight, l.rtl === true)}</g>`;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">`,
    ...paint.base.rects.map(rect),
    ...[...paint.base.lines, ...paint.lines].map(line),
    "</svg>",
    "",
  ].join("\n");

  const drawn = [
    { text: site, weight: 700 as const },
    { text: fitted.lines.join(" "), weight: 700 as const },
    { text: day, weight: 400 as const },
  ];
  return {
    svg,
    paint,
    whole: [...paint.base.lines, ...paint.lines].some((l) => l.rtl === true),
    fontFiles: fontFilesFor(drawn),
    missing: [...new Set(drawn.flatMap((s) => uncovered(s.text, s.weight)))],
    title: fitted,
  };
}

/** The card as an SVG document. */
export function cardSvg(input: CardInput): string {
  return composeCard(input).svg;
}

// Whole pixels: the painter places glyphs on whole-pixel baselines (src/build/cards/raster.ts).
const round = (n: number) => Math.round(n);
