import { describe, expect, it } from "vitest";
import { buildCollection, formatError, isPublished, scheduledNote } from "../src/build/content/index.ts";
import type { SourceFile } from "../src/build/content/pipeline.ts";
import { formatInstant } from "../src/shared/schedule.ts";

/**
 * Scheduled posts, pipeline side: a production build includes posts dated later (the Worker
 * publishes each at its date), never drafts; only a preview marks them.
 */

const SITE = {
  path: "content/site.yaml",
  text: "title: T\ndescription: D\nauthor: A\nlanguage: en\norigin: https://blog.fixture.test\n",
};
const NOW = new Date("2026-01-01T12:00:00Z");
const post = (slug: string, front: string): SourceFile => ({
  path: `content/posts/${slug}.md`,
  text: `---\ntitle: ${slug}\n${front}\n---\n\nText.\n`,
});
const build = (posts: SourceFile[], includeDrafts = false) => buildCollection(SITE, posts, { includeDrafts, now: NOW });

describe("a production build", () => {
  const files = [
    post("live", "date: 2025-06-01"),
    post("b-later", "date: 2026-12-01T09:00:00Z"),
    post("a-later", "date: 2026-12-01T09:00:00Z"),
    post("sooner", "date: 2026-01-01T12:00:01Z"),
    post("now", "date: 2026-01-01T12:00:00Z"),
    post("draft-later", "date: 2027-01-01\ndraft: true"),
    post("draft", "date: 2025-01-01\ndraft: true"),
  ];

  it("includes posts dated later, unmarked, and leaves drafts out whatever their date", () => {
    const result = build(files);
    expect(result.errors).toEqual([]);
    expect(result.posts.map((p) => [p.slug, p.date, p.draft, p.scheduled])).toEqual([
      ["a-later", "2026-12-01T09:00:00Z", false, undefined],
      ["b-later", "2026-12-01T09:00:00Z", false, undefined],
      ["sooner", "2026-01-01T12:00:01Z", false, undefined],
      ["now", "2026-01-01T12:00:00Z", false, undefined],
      ["live", "2025-06-01T00:00:00Z", false, undefined],
    ]);
    // In file order, as every list of files is: "draft-later.md" sorts before "draft.md".
    expect(result.skipped.drafts).toEqual(["draft-later", "draft"]);
  });

  it("lists its scheduled posts soonest first, for the summary line", () => {
    const result = build(files);
    expect(result.scheduled).toEqual(["sooner", "a-later", "b-later"]);
    expect(scheduledNote(result.posts, result.scheduled)).toBe(
      "3 scheduled: sooner (2026-01-01 12:00:01 UTC), a-later (2026-12-01 09:00 UTC), b-later (2026-12-01 09:00 UTC)",
    );
  });

  it("still fails on `updated` in the future, scheduled or not", () => {
    expect(
      build([post("a", "date: 2025-01-01\nupdated: 2026-02-01"), post("b", "date: 2026-06-01\nupdated: 2026-07-01")]).errors.map(
        formatError,
      ),
    ).toEqual([
      "content/posts/a.md → updated: is in the future (line 4)",
      "content/posts/b.md → updated: is in the future (line 4)",
    ]);
  });
});

describe("a preview build", () => {
  it("has drafts and later posts, marking only the later ones `scheduled`", () => {
    const result = build(
      [post("live", "date: 2025-06-01"), post("later", "date: 2026-03-01"), post("draft", "date: 2027-01-01\ndraft: true")],
      true,
    );
    expect(result.posts.map((p) => [p.slug, p.draft, p.scheduled])).toEqual([
      ["draft", true, true],
      ["later", false, true],
      ["live", false, undefined],
    ]);
    expect(result.scheduled).toEqual(["later", "draft"]);
    expect(result.skipped).toEqual({ drafts: [], draftPages: [] });
  });
});

describe("the rule the Worker applies", () => {
  const at = Date.parse("2026-12-01T09:00:00Z");
  it("a post is published from its date on, to the millisecond", () => {
    expect(isPublished({ date: "2026-12-01T09:00:00Z" }, at - 1)).toBe(false);
    expect(isPublished({ date: "2026-12-01T09:00:00Z" }, at)).toBe(true);
    expect(isPublished({ date: "2026-12-01T09:00:00Z" }, at + 1)).toBe(true);
  });

  it("instants are named in UTC, to the minute unless seconds are set", () => {
    expect(formatInstant("2026-12-01T09:00:00Z")).toBe("2026-12-01 09:00 UTC");
    expect(formatInstant("2026-12-01T09:30:15Z")).toBe("2026-12-01 09:30:15 UTC");
    expect(scheduledNote([], [])).toBe("");
  });
});
