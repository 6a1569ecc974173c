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
function monthFormat(lang: string): Intl.DateTimeFormat {
  let f = months.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { year: "numeric", month: "long", timeZone: "UTC" });
    months.set(lang, f);
  }
  return f;
}

/**
 * A month of a year as the language writes it, not a month name followed by a year: "December
 * 2025", "dezembro de 2025", "2025年12月".
 */
export function formatMonthYear(year: number, month: number, lang: string): string {
  return monthFormat(lang).format(new Date(Date.UTC(year, month - 1, 15)));
}

/**
 * January to December of any year in a language, as patterns with `{year}` where the year goes
 * ("dezembro de {year}"): the build puts them in the site's settings, so the Worker formats an
 * archive heading without an Intl formatter. Undefined where the year is not written as Western
 * digits of the Gregorian year (another numbering system or calendar): then the Worker formats.
 */
export function monthYearPatterns(lang: string): string[] | undefined {
  const patterns: string[] = [];
  for (let month = 1; month <= 12; month++) {
    const parts = monthFormat(lang).formatToParts(new Date(Date.UTC(2000, month - 1, 15)));
    if (
      parts
        .filter((p) => p.type === "year")
        .map((p) => p.value)
        .join() !== "2000"
    )
      return undefined;
    patterns.push(parts.map((p) => (p.type === "year" ? "{year}" : p.value)).join(""));
  }
  return patterns;
}

/** The calendar day of an ISO date-time, for `<time datetime>` and Markdown lists. */
export const day = (iso: string) => iso.slice(0, 10);
