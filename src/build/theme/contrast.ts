/**
 * WCAG 2.2 contrast (§1.4.3, "Understanding Contrast (Minimum)"): relative luminance of an sRGB
 * colour and the ratio of two. Pure, so the build can check every colour pair a theme draws.
 */

/** Normal-size text needs 4.5:1 (WCAG 2.2 SC 1.4.3, level AA). */
export const AA_TEXT = 4.5;
/** What is drawn but is not text (a marked code line's bar) needs 3:1 (WCAG 2.2 SC 1.4.11, level AA). */
export const AA_NON_TEXT = 3;

/** `#rgb` or `#rrggbb` (case-insensitive) as [r, g, b] in 0–255, or undefined. */
export function parseHex(colour: string): [number, number, number] | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour);
  if (!m?.[1]) return undefined;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
  return [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

// WCAG's definition of relative luminance: linearise each sRGB channel, then weigh them.
// (The 0.03928 threshold is WCAG's; sRGB's 0.04045 gives the same result for 8-bit values.)
const channel = (v: number): number => {
  const c = v / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

export function luminance([r, g, b]: readonly [number, number, number]): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** (L1 + 0.05) / (L2 + 0.05), the lighter colour's luminance over the darker's: 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const la = luminance(parseHex(a) ?? [0, 0, 0]);
  const lb = luminance(parseHex(b) ?? [0, 0, 0]);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * A ratio as people write it, `4.4:1`: rounded *down* to one decimal, so a pair that fails
 * (4.48) is never shown as if it passed (4.5).
 */
export function formatRatio(ratio: number): string {
  return `${Math.floor(ratio * 10) / 10}:1`;
}
