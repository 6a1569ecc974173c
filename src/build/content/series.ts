import type { BuildError, PostSeries, Series } from "../../shared/types.ts";
import { withLine } from "./field-lines.ts";
import { MAX_SLUG, MAX_TITLE, textField } from "./fields.ts";
import { slugify } from "./slugify.ts";

/**
 * Series: posts that say `series: "Name"` are linked in date order. The slug comes from the name,
 * so two spellings that make one slug ("Rust Async", "rust async") would be one series with two
 * names: an error, rather than a guess at which the author meant.
 */

/** The `series` field: its name and slug, or undefined (a problem is recorded). */
export function parseSeriesField(
  data: Record<string, unknown>,
  problem: (field: string, message: string) => void,
): { name: string; slug: string } | undefined {
  if (data.series === undefined) return undefined;
  const problems: { field: string; message: string }[] = [];
  const name = textField(data, "series", MAX_TITLE, problems);
  for (const p of problems) problem(p.field, p.message);
  if (name === undefined) return undefined;
  const slug = slugify(name, MAX_SLUG);
  if (slug === "") {
    problem("series", `${JSON.stringify(name)} needs a letter or digit (a-z, 0-9) to make the series' slug from`);
    return undefined;
  }
  return { name, slug };
}

/** A post as the series check needs it. */
export interface SeriesMember {
  file: string;
  slug: string;
  date: string;
  /** Its series, and the line of the front matter it is named on. */
  series?: { name: string; slug: string; line?: number };
  /** In this build's output: counted in its series' parts. */
  included: boolean;
}

export interface SeriesResult {
  /** By slug. */
  series: Series[];
  /** Post slug → its place in its series. */
  parts: Map<string, PostSeries>;
  errors: BuildError[];
  warnings: BuildError[];
}

const oldestFirst = (a: SeriesMember, b: SeriesMember) =>
  a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;

/**
 * Groups posts into series. Spellings are checked over every post, drafts too (publishing one
 * must not break the build); parts are counted over the posts in this build only.
 */
export function collectSeries(members: readonly SeriesMember[]): SeriesResult {
  const groups = new Map<string, SeriesMember[]>();
  for (const m of members) {
    if (!m.series) continue;
    const group = groups.get(m.series.slug);
    if (group) group.push(m);
    else groups.set(m.series.slug, [m]);
  }
  const errors: BuildError[] = [];
  const warnings: BuildError[] = [];
  const series: Series[] = [];
  const parts = new Map<string, PostSeries>();
  for (const slug of [...groups.keys()].sort()) {
    const all = (groups.get(slug) ?? []).sort(oldestFirst);
    // The first post's spelling is the series' name; every other spelling is reported.
    const first = all[0] as SeriesMember & { series: { name: string } };
    const name = first.series.name;
    for (const m of all) {
      if (m.series?.name !== name) {
        errors.push({
          file: m.file,
          field: "series",
          message: withLine(
            `${JSON.stringify(m.series?.name)} and ${JSON.stringify(name)} (${first.file}) make the same series slug, ${slug}: spell the series the same way in every post`,
            m.series?.line,
          ),
        });
      }
    }
    const posts = all.filter((m) => m.included);
    if (posts.length === 0) continue;
    if (posts.length === 1) {
      const only = posts[0] as SeriesMember;
      warnings.push({
        file: only.file,
        field: "series",
        message: withLine(`${JSON.stringify(name)} has only this post: a series links two or more`, only.series?.line),
      });
    }
    series.push({ slug, name, posts: posts.map((m) => m.slug) });
    posts.forEach((m, i) => {
      parts.set(m.slug, { slug, name, part: i + 1, of: posts.length });
    });
  }
  // Sorted by slug for the module; errors and warnings in file order, like every other problem.
  const byFile = (a: BuildError, b: BuildError) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  return { series, parts, errors: errors.sort(byFile), warnings: warnings.sort(byFile) };
}
