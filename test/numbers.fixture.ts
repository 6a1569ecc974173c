/**
 * The digits the build finds for some languages (src/shared/i18n/numbers.ts digitsOf), with
 * Node's ICU (test/node/numbers.test.ts) and workerd's (test/numbers.test.ts) alike. Undefined:
 * the language is left to Intl.NumberFormat.
 */
export const DIGITS: Record<string, string | undefined> = {
  en: "0123456789",
  de: "0123456789",
  "pt-BR": "0123456789",
  ja: "0123456789",
  ar: "0123456789",
  fa: "۰۱۲۳۴۵۶۷۸۹",
  bn: "০১২৩৪৫৬৭৮৯",
  mr: "०१२३४५६७८९",
  my: "၀၁၂၃၄၅၆၇၈၉",
};
