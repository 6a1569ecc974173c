/** Small formatting helpers shared by the views. */

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

/** The calendar day of an ISO date-time, for `<time datetime>`. */
export const day = (iso: string) => iso.slice(0, 10);

export const minutes = (n: number) => `${n} min read`;
