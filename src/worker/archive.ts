import { formatMonthYear } from "../shared/dates.ts";
import type { PostMeta, SiteConfig } from "../shared/types.ts";

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

/** "December 2025", in the site's language: from the patterns the build wrote, else formatted here. */
export function monthHeading(year: number, month: number, site: Pick<SiteConfig, "language" | "monthYears">): string {
  return site.monthYears?.[month - 1]?.replace("{year}", String(year)) ?? formatMonthYear(year, month, site.language);
}
