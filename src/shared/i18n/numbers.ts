/**
 * Whole numbers as a language writes them, without an Intl.NumberFormat where the build has
 * said how. A fresh Worker isolate's first Intl.NumberFormat costs about 20 ms of CPU (ICU's
 * number data), more than everything else its start-up does, and the numbers a page shows (a
 * tag's posts, page 2 of 5, search results) are whole and not negative: such a number is its
 * decimal digits in the language's numbering system, grouped by the language's separator.
 *
 * The build finds how (spellingOf) with the Intl it runs on, which also wrote the page's other
 * numbers (reading times, dates), and puts it in the site's settings. So the Worker writes
 * numbers as the build does, even where workerd's ICU has no data for the language (Nepali,
 * Burmese, Sindhi and a score of others, for which it writes Latin digits): a page never mixes
 * the two.
 */

/** How a language writes whole numbers, as Intl.NumberFormat does with its defaults. */
export interface NumberSpelling {
  /** Its ten digits, 0 to 9 ("0123456789", "۰۱۲۳۴۵۶۷۸۹"). */
  digits: string;
  /** The separator between groups of digits ("," "." " " "٬"). */
  group: string;
  /** Digits in the last group, and in each group before it: 3 and 3, or 3 and 2 in Indian grouping. */
  primary: number;
  secondary: number;
  /** How many digits must come before the first separator: 1, or 2 where 1000 has none (Spanish, Polish). */
  minimumGrouping: number;
}

/** What spell() writes: whole numbers from 0, as far as they are exact. */
export const isSpellable = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

/** `n` (isSpellable) as `s` writes it. */
export function spell(n: number, s: NumberSpelling): string {
  const ascii = String(n);
  const digits = [...s.digits];
  const write = (run: string) => {
    let out = "";
    for (const c of run) out += digits[c.charCodeAt(0) - 48];
    return out;
  };
  if (ascii.length < s.primary + s.minimumGrouping) return write(ascii);
  let end = ascii.length - s.primary;
  const groups = [write(ascii.slice(end))];
  while (end > 0) {
    const start = Math.max(0, end - s.secondary);
    groups.unshift(write(ascii.slice(start, end)));
    end = start;
  }
  return groups.join(s.group);
}

/** Numbers a spelling must write as Intl does before the build trusts it: every digit count, each boundary. */
export function spellingSamples(): number[] {
  const out: number[] = [];
  for (let n = 0; n <= 1100; n++) out.push(n);
  for (let k = 4; k <= 15; k++) out.push(10 ** k - 1, 10 ** k, 10 ** k + 1, Math.floor(1.23456789012345 * 10 ** k));
  out.push(Number.MAX_SAFE_INTEGER);
  return out;
}

/**
 * How `lang` writes whole numbers, read from Intl.NumberFormat; undefined when a spelling of
 * this shape does not write every sample exactly as it does (then the Worker formats). For the
 * build, which puts it in the site's settings (SiteConfig.numbers).
 */
export function spellingOf(lang: string): NumberSpelling | undefined {
  const format = new Intl.NumberFormat(lang);
  const digits = Array.from({ length: 10 }, (_, d) => format.format(d));
  if (digits.some((d) => [...d].length !== 1)) return undefined;
  const parts = format.formatToParts(1234567890);
  const integers = parts.filter((p) => p.type === "integer").map((p) => [...p.value].length);
  const group = parts.find((p) => p.type === "group")?.value;
  const [secondary, primary] = integers.slice(-2);
  if (group === undefined || primary === undefined || secondary === undefined) return undefined;
  const spelling: NumberSpelling = {
    digits: digits.join(""),
    group,
    primary,
    secondary,
    minimumGrouping: format.format(10 ** primary).includes(group) ? 1 : 2,
  };
  return spellingSamples().every((n) => spell(n, spelling) === format.format(n)) ? spelling : undefined;
}
