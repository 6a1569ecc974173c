/**
 * Social cards: a 1200×630 PNG per post, made at build time (Node only: resvg is a native
 * module). `cardSvg` lays a card out, `renderCard` draws one, `renderCards` draws a blog's
 * worth with a cache.
 */
export { type CardFile, type CardPost, type RenderCardsOptions, type RenderCardsResult, renderCards } from "./batch.ts";
export { type CardColours, cardColours } from "./colours.ts";
export { renderCard } from "./render.ts";
export { type CardInput, cardSvg, HEIGHT, WIDTH } from "./template.ts";
