/**
 * Dates as readers see them, shared by the views, the Markdown representations, the content
 * pipeline (which checks a site's language with the same Intl) and the social cards.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "December 1, 2025", in the site's language; UTC so the day never shifts with the server. */
export function formatDate(iso: string, lang: string): string {
  let f = formatters.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" });
    formatters.set(lang, f);
  }
  return f.format(new Date(iso));
}

const months = new Map<string, Intl.DateTimeFormat>();
/** "December", in the site's language. */
export function formatMonth(month: number, lang: string): string {
  let f = months.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { month: "long", timeZone: "UTC" });
    months.set(lang, f);
  }
  return f.format(new Date(Date.UTC(2000, month - 1, 1)));
}

/** January to December in a language: the build puts them in the site's settings. */
export const monthNames = (lang: string): string[] => Array.from({ length: 12 }, (_, i) => formatMonth(i + 1, lang));

/** The calendar day of an ISO date-time, for `<time datetime>` and Markdown lists. */
export const day = (iso: string) => iso.slice(0, 10);
