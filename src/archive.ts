import type { PostMeta } from "./content/types.ts";

/** The posts grouped by year and month (UTC), newest first: the archive's one shape. */
export interface ArchiveYear {
  year: number;
  months: { month: number; posts: PostMeta[] }[];
}

export function archive(posts: readonly PostMeta[]): ArchiveYear[] {
  const years: ArchiveYear[] = [];
  for (const post of posts) {
    const year = Number(post.date.slice(0, 4));
    const month = Number(post.date.slice(5, 7));
    let y = years.at(-1);
    if (y?.year !== year) {
      y = { year, months: [] };
      years.push(y);
    }
    let m = y.months.at(-1);
    if (m?.month !== month) {
      m = { month, posts: [] };
      y.months.push(m);
    }
    m.posts.push(post);
  }
  return years;
}

const monthNames = new Map<string, Intl.DateTimeFormat>();
/** "December", in the site's language. */
export function monthName(month: number, lang: string): string {
  let f = monthNames.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { month: "long", timeZone: "UTC" });
    monthNames.set(lang, f);
  }
  return f.format(new Date(Date.UTC(2000, month - 1, 1)));
}
