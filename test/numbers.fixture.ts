import type { NumberSpelling } from "../src/shared/i18n/numbers.ts";

const spelling = (digits: string, group: string, secondary = 3, minimumGrouping = 1): NumberSpelling => ({
  digits,
  group,
  primary: 3,
  secondary,
  minimumGrouping,
});
const LATIN = "0123456789";

/**
 * How the build finds some languages write whole numbers (src/shared/i18n/numbers.ts
 * spellingOf), with Node's ICU: test/node/numbers.test.ts holds it there, and
 * test/numbers.test.ts against workerd's. Spanish leaves 1000 ungrouped; Hindi, Bengali and
 * Nepali group in twos after the first three (1,00,000).
 */
export const SPELLINGS: Record<string, NumberSpelling> = {
  en: spelling(LATIN, ","),
  de: spelling(LATIN, "."),
  "de-CH": spelling(LATIN, "'"),
  "pt-BR": spelling(LATIN, "."),
  es: spelling(LATIN, ".", 3, 2),
  fr: spelling(LATIN, "\u202f"),
  ja: spelling(LATIN, ","),
  ar: spelling(LATIN, ","),
  hi: spelling(LATIN, ",", 2),
  fa: spelling("۰۱۲۳۴۵۶۷۸۹", "٬"),
  bn: spelling("০১২৩৪৫৬৭৮৯", ",", 2),
  ne: spelling("०१२३४५६७८९", ",", 2),
  my: spelling("၀၁၂၃၄၅၆၇၈၉", ","),
};
