/**
 * Paints a card's pixels from its paint list (src/build/cards/template.ts), cheaply. Handing the
 * whole SVG to resvg cost about 20 ms a card in font loading and path filling, mostly redoing
 * the same work: the same letters at the same few sizes, on the same background. So:
 *
 * - the background, rules and site name (`paint.base`) are painted once per process;
 * - each glyph is filled once per face, size and quarter-pixel position (by resvg, from the
 *   font's own outline, as resvg draws text), then kept as a coverage mask;
 * - a card is its base with its glyphs' masks blended on, in the text's colour.
 *
 * Glyphs are placed as fontkit shapes them (kerning, ligatures: what the layout measured), on
 * whole-pixel baselines, each within 1/8 px of its exact position.
 *
 * A card is flat colours with text on its ground: every pixel is one of the rectangles' colours,
 * or a text colour over the ground at some coverage. So it is painted as palette indices, one
 * byte a pixel, with coverage in 126 steps per text colour (a step is under 1% of the way from
 * ground to ink: at most one level of 255 off, at glyph edges). That is a third of the bytes to
 * paint and to compress of RGB, and the PNG holds the palette (src/build/cards/png.ts): painting
 * and encoding cost about a quarter of what RGB did, and the file is smaller.
 */
import { Resvg } from "@resvg/resvg-js";
import { faceOf, shape, type Weight } from "./fonts.ts";
import type { Paint, Rect, TextLine } from "./template.ts";

/** Horizontal positions a glyph is drawn at, per pixel. */
const PHASES = 4;
/** Text colours a palette has room for, each in `LEVELS` steps of coverage besides none. */
const TEXT_COLOURS = 2;
const LEVELS = 126;
/** Not a palette index: the colour a blend would need is not in the palette. */
const NONE = 0xffff;

/** A painted card: palette indices, row by row, into `palette` (RGB triples). A card is opaque. */
export interface Indexed {
  width: number;
  height: number;
  palette: Uint8Array;
  data: Uint8Array;
}

interface Mask {
  /** Offset of the mask's top-left pixel from the glyph's pen position (whole pixels). */
  left: number;
  top: number;
  width: number;
  height: number;
  alpha: Uint8Array;
}

const masks = new Map<string, Mask | null>();

/** The coverage of one glyph drawn with its origin at (phase / PHASES, 0). Null for a glyph with no ink. */
function glyphMask(family: number, weight: Weight, glyphId: number, size: number, phase: number): Mask | null {
  const key = `${family} ${weight} ${glyphId} ${size} ${phase}`;
  const known = masks.get(key);
  if (known !== undefined) return known;
  const font = faceOf(family, weight);
  const glyph = font.getGlyph(glyphId);
  const scale = size / font.unitsPerEm;
  const box = glyph.path.bbox;
  let mask: Mask | null = null;
  if (glyph.path.commands.length > 0 && Number.isFinite(box.minX)) {
    // One pixel of room on each side for anti-aliasing.
    const left = Math.floor(box.minX * scale) - 1;
    const top = -Math.ceil(box.maxY * scale) - 1;
    const width = Math.ceil(box.maxX * scale) + 1 - left + 1;
    const height = Math.ceil(-box.minY * scale) + 1 - top + 1;
    const ox = -left + phase / PHASES;
    const oy = -top;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><path transform="matrix(${scale} 0 0 ${-scale} ${ox} ${oy})" d="${glyph.path.toSVG()}"/></svg>`;
    const image = new Resvg(svg, { fitTo: { mode: "original" }, font: { loadSystemFonts: false } }).render();
    const rgba = image.pixels;
    const alpha = new Uint8Array(width * height);
    for (let i = 0; i < alpha.length; i++) alpha[i] = rgba[i * 4 + 3]!;
    mask = { left, top, width, height, alpha };
  }
  masks.set(key, mask);
  return mask;
}

function rgb(hex: string): [number, number, number] {
  const h = hex.slice(1);
  const full = h.length <= 4 ? [...h.slice(0, 3)].map((c) => c + c).join("") : h.slice(0, 6);
  return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

/**
 * The colours of one base: index 0 is the ground (the first rectangle), then the other
 * rectangles' colours, then each text colour's steps of coverage over the ground. `over` says,
 * for a text colour, what a pixel of index p becomes under coverage a: `over[p * 256 + a]`.
 */
class Palette {
  readonly colours: number[][] = [];
  private readonly rects = new Map<string, number>();
  private readonly texts = new Map<string, Uint16Array>();
  /** Per palette index: the text colour it is a step of, and which step (the ground: step 0 of every one). */
  private readonly stepOf: { text: string; step: number }[] = [];

  constructor(rects: readonly Rect[]) {
    for (const r of rects) this.rect(r.fill);
  }

  rect(fill: string): number {
    const key = rgb(fill).join();
    let i = this.rects.get(key);
    if (i === undefined) {
      i = this.colours.length;
      this.colours.push(rgb(fill));
      this.rects.set(key, i);
    }
    return i;
  }

  /** The blend table of a text colour; undefined when the palette has no room for another. */
  text(fill: string): Uint16Array | undefined {
    const key = rgb(fill).join();
    const known = this.texts.get(key);
    if (known) return known;
    if (this.texts.size === TEXT_COLOURS || this.colours.length + LEVELS > 256) return undefined;
    const ground = this.colours[0] as number[];
    const ink = rgb(fill);
    const first = this.colours.length;
    for (let step = 1; step <= LEVELS; step++) {
      this.stepOf[this.colours.length] = { text: key, step };
      this.colours.push(ground.map((g, c) => Math.round(g + ((ink[c] as number) - g) * (step / LEVELS))));
    }
    const over = new Uint16Array(256 * 256).fill(NONE);
    for (let p = 0; p < 256; p++) {
      // Only the ground, or this colour at some coverage, takes more of it: anything else would
      // be a colour the palette does not have.
      const at = p === 0 ? 0 : this.stepOf[p]?.text === key ? (this.stepOf[p] as { step: number }).step : -1;
      if (at < 0) continue;
      for (let a = 0; a < 256; a++) {
        // Source over, as resvg blends, in coverage: q + (1 - q) × a.
        const q = at / LEVELS;
        const step = Math.round((q + (1 - q) * (a / 255)) * LEVELS);
        over[p * 256 + a] = step === 0 ? p : first + step - 1;
      }
    }
    this.texts.set(key, over);
    return over;
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.colours.flat());
  }
}

function fillRect(p: Indexed, r: Rect, index: number) {
  for (let y = Math.max(0, r.y); y < Math.min(p.height, r.y + r.height); y++) {
    const row = y * p.width;
    p.data.fill(index, row + Math.max(0, r.x), row + Math.min(p.width, r.x + r.width));
  }
}

/** Blends a mask on; false if a pixel it covers is one the text's colour cannot be blended over. */
function blend(p: Indexed, m: Mask, x0: number, y0: number, over: Uint16Array): boolean {
  const { data, width } = p;
  for (let my = 0; my < m.height; my++) {
    const y = y0 + m.top + my;
    if (y < 0 || y >= p.height) continue;
    const row = y * width;
    const mrow = my * m.width;
    for (let mx = 0; mx < m.width; mx++) {
      const a = m.alpha[mrow + mx] as number;
      if (a === 0) continue;
      const x = x0 + m.left + mx;
      if (x < 0 || x >= width) continue;
      const next = over[(data[row + x] as number) * 256 + a] as number;
      if (next === NONE) return false;
      data[row + x] = next;
    }
  }
  return true;
}

function drawLine(p: Indexed, line: TextLine, palette: Palette): boolean {
  const over = palette.text(line.fill);
  if (!over) return false;
  let pen = line.x;
  for (const glyph of shape(line.text, line.weight).glyphs) {
    const x = pen + glyph.x * line.size;
    let whole = Math.floor(x);
    let phase = Math.round((x - whole) * PHASES);
    if (phase === PHASES) [whole, phase] = [whole + 1, 0];
    const mask = glyphMask(glyph.family, line.weight, glyph.id, line.size, phase);
    if (mask && !blend(p, mask, whole, Math.round(line.y - glyph.y * line.size), over)) return false;
    pen += glyph.advance * line.size;
  }
  return true;
}

const bases = new Map<string, { palette: Palette; data: Uint8Array } | null>();

/**
 * The card's pixels: its base (painted once per process) with its own lines on. Into `into`
 * when given (a buffer of the right size the caller is done with): fresh memory for each card
 * cost more in page faults than painting it. Undefined when the card is not flat colours with
 * text on its ground (text over a rule, or more text colours than the palette has room for):
 * such a card is for resvg to draw whole.
 */
export function paintCard(paint: Paint, width: number, height: number, into?: Uint8Array): Indexed | undefined {
  const key = JSON.stringify(paint.base);
  let base = bases.get(key);
  if (base === undefined) {
    const palette = new Palette(paint.base.rects);
    const p: Indexed = { width, height, palette: new Uint8Array(), data: new Uint8Array(width * height) };
    for (const r of paint.base.rects) fillRect(p, r, palette.rect(r.fill));
    base = paint.base.lines.every((l) => drawLine(p, l, palette)) ? { palette, data: p.data } : null;
    bases.set(key, base);
  }
  if (base === null) return undefined;
  // Unzeroed: every byte is overwritten by the base's.
  const data = into?.length === base.data.length ? into : Buffer.allocUnsafe(base.data.length);
  data.set(base.data);
  const p: Indexed = { width, height, palette: new Uint8Array(), data };
  if (!paint.lines.every((l) => drawLine(p, l, base.palette))) return undefined;
  // Taken after the lines: a text colour first met on this card is in the palette now.
  p.palette = base.palette.bytes();
  return p;
}
