/**
 * A card's PNG: its pixels painted from glyphs resvg filled (src/build/cards/raster.ts; no browser,
 * only the bundled fonts, so a card is the same image on every machine), encoded as a palette
 * PNG (src/build/cards/png.ts); a card the painter cannot do is drawn whole by resvg, encoded by sharp.
 */
import { Resvg, type ResvgRenderOptions } from "@resvg/resvg-js";
import type sharpType from "sharp";
import { DEFAULT_FAMILY } from "./fonts.ts";
import { encodeIndexed } from "./png.ts";
import { paintCard } from "./raster.ts";
import { type Card, type CardInput, composeCard, HEIGHT, WIDTH } from "./template.ts";

/**
 * What resvg is told to draw a card's SVG whole: the card's fonts and no others, at the SVG's own
 * size. The build paints cards from glyphs instead; the tests compare the two.
 */
export function resvgOptions(fontFiles: readonly string[]): ResvgRenderOptions {
  return {
    font: { fontFiles: [...fontFiles], loadSystemFonts: false, defaultFontFamily: DEFAULT_FAMILY },
    fitTo: { mode: "original" },
    // Its warnings are about missing glyphs, which renderCards reports itself, with the post's slug.
    logLevel: "error",
  };
}

/**
 * PNG settings for a card resvg draws whole (right to left, or not flat colours), measured on a
 * typical card: zlib level 6 on RGB is within 15% of level 9's size at a third of its time.
 */
const PNG = { compressionLevel: 4, adaptiveFiltering: false } as const;

/** Rasterises a composed card. */
export async function rasterize(card: Pick<Card, "paint" | "svg" | "fontFiles" | "whole">): Promise<Uint8Array> {
  const painted = card.whole ? undefined : paintCard(card.paint, WIDTH, HEIGHT, spare);
  if (!painted) {
    // Right to left (resvg orders, joins and shapes the letters), or text over a rule: rare, so
    // resvg's cost is fine.
    const rgba = new Resvg(card.svg, resvgOptions(card.fontFiles)).render();
    // Loaded only here: a thread that draws only flat cards never needs it (60 ms a thread).
    const sharp = (await import("sharp")).default as typeof sharpType;
    const png = await sharp(rgba.pixels, { raw: { width: rgba.width, height: rgba.height, channels: 4 } })
      .removeAlpha()
      .png(PNG)
      .toBuffer();
    return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
  }
  const png = encodeIndexed(painted);
  // The next card is painted into the same pixels.
  spare = painted.data;
  return png;
}

/** The last card's pixels, encoded: the next card is painted into them. */
let spare: Uint8Array | undefined;

/** The card for one post as a PNG, 1200×630. */
export async function renderCard(input: CardInput): Promise<Uint8Array> {
  return rasterize(composeCard(input));
}
