/**
 * The social card's look, as an SVG document: 1200×630 (the size Open Graph and X's large
 * card both expect), in the site's light colours (its theme's, when it has one), with the title set as large as it fits.
 * Deterministic: the same input gives the same string, which is what the cache key hashes.
 */

import { formatDate } from "../../shared/dates.ts";
import { STYLES } from "../../shared/styles.ts";
import { type CardColours, cardColours } from "./colours.ts";
import { advance, DEFAULT_FAMILY, familyName, fontFilesFor, runs, uncovered, type Weight } from "./fonts.ts";
import { collapse, ellipsize, type Fit, fitText, graphemes } from "./layout.ts";

export interface CardInput {
  title: string;
  /** RFC 3339 date(-time), as posts carry it; shown as the site shows dates. */
  date: string;
  siteName: string;
  /** BCP 47 tag: the date's language and the word-breaking rules. */
  lang: string;
  /** The site's colours (`cardColours(site.stylesheet)`); the built-in ones if absent. */
  colours?: CardColours;
}

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

/**
 * What XML 1.0 cannot carry at all (§2.2): C0 controls other than tab, newline and carriage
 * return, lone surrogates, U+FFFE and U+FFFF. A parser rejects the whole document for one.
 */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|\p{Surrogate}/gu;

/** Text as it is shown: without what XML cannot carry, whitespace runs as one space. */
const shown = (text: string) => collapse(text.replace(NOT_XML, ""));

/** Escapes text for SVG content and attributes (and drops what XML cannot carry, whatever the caller did). */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, "")
    .replace(/[&<>"']/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[c]};`);
}

const widthAt = (weight: Weight) => (size: number) => (text: string) => advance(text, size, weight);

/** One line of text that fits in `maxWidth`, ellipsised if it does not. */
function oneLine(text: string, size: number, weight: Weight, lang: string): string {
  const width = widthAt(weight)(size);
  const line = shown(text);
  return width(line) <= TEXT_WIDTH - SLACK ? line : ellipsize(graphemes(line, lang), TEXT_WIDTH - SLACK, width, lang);
}

function checked(input: CardInput): CardInput {
  const problems: string[] = [];
  if (typeof input.title !== "string" || shown(input.title) === "") problems.push("title is empty");
  if (typeof input.date !== "string" || Number.isNaN(Date.parse(input.date)))
    problems.push(`date ${JSON.stringify(input.date)} is not a date`);
  try {
    if (Intl.getCanonicalLocales(input.lang).length !== 1) throw new Error();
  } catch {
    problems.push(`lang ${JSON.stringify(input.lang)} is not a language tag`);
  }
  if (problems.length > 0) throw new Error(`social card for ${JSON.stringify(input.title)}: ${problems.join("; ")}`);
  return input;
}

export interface Card {
  svg: string;
  /** The font files the renderer needs for this card. */
  fontFiles: string[];
  /** Characters of the card's text that no bundled font draws (shown as boxes). */
  missing: string[];
  title: Fit;
}

/** Lays the card out: the SVG, and what rendering it needs. */
export function composeCard(input: CardInput): Card {
  const { title, date, siteName, lang } = checked(input);
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
  const text = (x: number, y: number, body: string, weight: Weight) => {
    const spans = runs(body, weight).map((run) =>
      familyName(run.family) === DEFAULT_FAMILY
        ? escapeXml(run.text)
        : `<tspan font-family="'${familyName(run.family)}'">${escapeXml(run.text)}</tspan>`,
    );
    return `<text x="${x}" y="${y}">${spans.join("")}</text>`;
  };
  const font = (weight: Weight, size: number, fill: string) =>
    `font-family="'${DEFAULT_FAMILY}'" font-weight="${weight}" font-size="${size}" fill="${fill}"`;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="${C.bg}"/>`,
    `<rect width="${WIDTH}" height="${STRIPE}" fill="${C.accent}"/>`,
    `<g ${font(700, SITE.size, C.fg)}>${text(MARGIN, SITE.baseline, site, 700)}</g>`,
    `<rect x="${MARGIN}" y="${TOP_RULE}" width="${TEXT_WIDTH}" height="2" fill="${C.rule}"/>`,
    `<g ${font(700, fitted.size, C.fg)}>`,
    ...fitted.lines.map((line, i) => text(MARGIN, baseline(i), line, 700)),
    "</g>",
    `<rect x="${MARGIN}" y="${BOTTOM_RULE}" width="${TEXT_WIDTH}" height="2" fill="${C.rule}"/>`,
    `<g ${font(400, DATE.size, C.muted)}>${text(MARGIN, DATE.baseline, day, 400)}</g>`,
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
    fontFiles: fontFilesFor(drawn),
    missing: [...new Set(drawn.flatMap((s) => uncovered(s.text, s.weight)))],
    title: fitted,
  };
}

/** The card as an SVG document. */
export function cardSvg(input: CardInput): string {
  return composeCard(input).svg;
}

const round = (n: number) => Math.round(n * 10) / 10;
