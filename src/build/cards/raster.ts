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
 */
import { Resvg } from "@resvg/resvg-js";
import { faceOf, shape, type Weight } from "./fonts.ts";
import type { Paint, Rect, TextLine } from "./template.ts";

/** Horizontal positions a glyph is drawn at, per pixel. */
const PHASES = 4;

export interface Pixels {
  width: number;
  height: number;
  /** RGB, row by row: a card is opaque. */
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

function fillRect(p: Pixels, r: Rect) {
  const [cr, cg, cb] = rgb(r.fill);
  for (let y = Math.max(0, r.y); y < Math.min(p.height, r.y + r.height); y++) {
    for (let x = Math.max(0, r.x); x < Math.min(p.width, r.x + r.width); x++) {
      const i = (y * p.width + x) * 3;
      p.data[i] = cr;
      p.data[i + 1] = cg;
      p.data[i + 2] = cb;
    }
  }
}

function blend(p: Pixels, m: Mask, x0: number, y0: number, colour: [number, number, number]) {
  const [cr, cg, cb] = colour;
  for (let my = 0; my < m.height; my++) {
    const y = y0 + m.top + my;
    if (y < 0 || y >= p.height) continue;
    for (let mx = 0; mx < m.width; mx++) {
      const a = m.alpha[my * m.width + mx]!;
      if (a === 0) continue;
      const x = x0 + m.left + mx;
      if (x < 0 || x >= p.width) continue;
      const i = (y * p.width + x) * 3;
      // Source over, as resvg blends: dst + (src - dst) × coverage.
      p.data[i] = p.data[i]! + Math.round(((cr - p.data[i]!) * a) / 255);
      p.data[i + 1] = p.data[i + 1]! + Math.round(((cg - p.data[i + 1]!) * a) / 255);
      p.data[i + 2] = p.data[i + 2]! + Math.round(((cb - p.data[i + 2]!) * a) / 255);
    }
  }
}

function drawLine(p: Pixels, line: TextLine) {
  const colour = rgb(line.fill);
  let pen = line.x;
  for (const glyph of shape(line.text, line.weight).glyphs) {
    const x = pen + glyph.x * line.size;
    let whole = Math.floor(x);
    let phase = Math.round((x - whole) * PHASES);
    if (phase === PHASES) [whole, phase] = [whole + 1, 0];
    const mask = glyphMask(glyph.family, line.weight, glyph.id, line.size, phase);
    if (mask) blend(p, mask, whole, Math.round(line.y - glyph.y * line.size), colour);
    pen += glyph.advance * line.size;
  }
}

const bases = new Map<string, Uint8Array>();

/**
 * The card's pixels: its base (painted once per process) with its own lines on. Into `into`
 * when given (a buffer of the right size the caller is done with): fresh memory for each card
 * cost more in page faults than painting it.
 */
export function paintCard(paint: Paint, width: number, height: number, into?: Uint8Array): Pixels {
  const key = JSON.stringify(paint.base);
  let base = bases.get(key);
  if (!base) {
    const p = { width, height, data: new Uint8Array(width * height * 3) };
    for (const r of paint.base.rects) fillRect(p, r);
    for (const l of paint.base.lines) drawLine(p, l);
    base = p.data;
    bases.set(key, base);
  }
  // Unzeroed: every byte is overwritten by the base's.
  const data = into?.length === base.length ? into : Buffer.allocUnsafe(base.length);
  data.set(base);
  const p = { width, height, data };
  for (const l of paint.lines) drawLine(p, l);
  return p;
}
