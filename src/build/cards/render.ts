/**
 * SVG to PNG with resvg (Rust, prebuilt for each platform as an npm optional package): no
 * browser, and only the bundled fonts, so a card is the same image on every machine.
 */
import { createRequire } from "node:module";
import { type ResvgRenderOptions, renderAsync } from "@resvg/resvg-js";
import { DEFAULT_FAMILY } from "./fonts.ts";
import { type Card, type CardInput, composeCard } from "./template.ts";

/** The renderer, for the cache key: another resvg may anti-alias differently. */
export const RENDERER_VERSION = `@resvg/resvg-js@${(createRequire(import.meta.url)("@resvg/resvg-js/package.json") as { version: string }).version}`;

/** What resvg is told: the card's fonts and no others, at the SVG's own size. */
export function resvgOptions(fontFiles: readonly string[]): ResvgRenderOptions {
  return {
    font: { fontFiles: [...fontFiles], loadSystemFonts: false, defaultFontFamily: DEFAULT_FAMILY },
    fitTo: { mode: "original" },
    // Its warnings are about missing glyphs, which renderCards reports itself, with the post's slug.
    logLevel: "error",
  };
}

/** Rasterises a composed card. Runs on libuv's thread pool, so several can render at once. */
export async function rasterize(card: Pick<Card, "svg" | "fontFiles">): Promise<Uint8Array> {
  const image = await renderAsync(card.svg, resvgOptions(card.fontFiles));
  return new Uint8Array(image.asPng());
}

/** The card for one post as a PNG, 1200×630. */
export async function renderCard(input: CardInput): Promise<Uint8Array> {
  return rasterize(composeCard(input));
}
