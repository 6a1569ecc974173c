/**
 * Whole numbers as a language writes them, without an Intl.NumberFormat where the build has
 * said how. A fresh Worker isolate's first Intl.NumberFormat costs about 20 ms of CPU (ICU's
 * number data), more than everything else its start-up does, and the counts a page shows ("3
 * posts", "page 2 of 5") are small whole numbers: below 1,000 no language groups digits, so
 * such a number is its decimal digits in the language's numbering system.
 */

/** Below this, a whole number has no grouping separator in any language. */
export const PLAIN_BELOW = 1000;

/**
 * The ten digits `lang` writes numbers with ("0123456789", "٠١٢٣٤٥٦٧٨٩"), when writing every
 * whole number below PLAIN_BELOW digit by digit with them gives exactly what
 * Intl.NumberFormat gives; else undefined, and numbers are left to Intl.NumberFormat. For the
 * build, which puts it in the site's settings (SiteConfig.digits), checked against the Intl
 * it runs on.
 */
export function digitsOf(lang: string): string | undefined {
  const format = new Intl.NumberFormat(lang);
  const digits = Array.from({ length: 10 }, (_, d) => format.format(d));
  if (digits.some((d) => [...d].length !== 1)) return undefined;
  const table = digits.join("");
  for (let n = 10; n < PLAIN_BELOW; n++) if (format.format(n) !== withDigits(n, table)) return undefined;
  return table;
}

const LATIN = "0123456789";

/** `n` (a whole number from 0 to PLAIN_BELOW − 1) written with `digits` (digitsOf's ten). */
export function withDigits(n: number, digits: string): string {
  const ascii = String(n);
  if (digits === LATIN) return ascii;
  const table = [...digits];
  let out = "";
  for (const c of ascii) out += table[c.charCodeAt(0) - 48];
  return out;
}

/** Whether `n` can be written by withDigits rather than Intl.NumberFormat. */
export const isPlain = (n: number): boolean => Number.isInteger(n) && n >= 0 && n < PLAIN_BELOW;
