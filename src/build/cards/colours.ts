/**
 * A social card's colours, apart from the card code (which loads fontkit): the build reads
 * them before it knows whether any card needs drawing.
 */
import { STYLES } from "../../shared/styles.ts";

/** The colours a card is drawn in: the site's light scheme. */
export interface CardColours {
  bg: string;
  fg: string;
  muted: string;
  accent: string;
  rule: string;
}

/**
 * The light scheme of a stylesheet, read from its `:root{}` rules outside any `@media` (the
 * dark and print ones): the last value of each colour wins, as in the browser. Passed the site's
 * stylesheet (the built-in one, the theme from site.yaml and style.css after it), a card is in
 * the colours its pages are: one place for the colours.
 */
export function cardColours(stylesheet: string = STYLES): CardColours {
  const outsideMedia = stylesheet.replace(/@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g, "");
  const values = new Map<string, string>();
  // Spelt as people write CSS: `:root {` on its own line too. A value that is not a colour a
  // card can draw (`#12345`, `var(--x)`) leaves the one before it.
  for (const [, body] of outsideMedia.matchAll(/:root\s*\{([^}]*)\}/g)) {
    for (const [, name, value] of (body ?? "").matchAll(
      /--([a-z-]+)\s*:\s*(#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3,4}))\s*(?=;|$)/g,
    )) {
      values.set(name as string, value as string);
    }
  }
  const pick = (name: string) => {
    const value = values.get(name);
    if (!value) throw new Error(`social cards: the stylesheet has no --${name} colour in :root`);
    return value;
  };
  return { bg: pick("bg"), fg: pick("fg"), muted: pick("muted"), accent: pick("accent"), rule: pick("rule") };
}
