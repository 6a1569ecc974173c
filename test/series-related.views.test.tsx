import { describe, expect, it } from "vitest";
import { messagesFor } from "../src/shared/i18n/index.ts";
import type { Post, PostMeta, Series } from "../src/shared/types.ts";
import { site } from "../src/worker/blog.ts";
import { postJson } from "../src/worker/representations/json.ts";
import { postMarkdown } from "../src/worker/representations/markdown.ts";
import { PostPage, renderDocument } from "../src/worker/views/pages.tsx";

/** The English interface, which the fixture blog is written in. */
const t = messagesFor("en");

const meta = (slug: string, title: string): PostMeta => ({
  slug,
  title,
  description: `About ${title}`,
  date: "2025-01-01T00:00:00Z",
  tags: ["t"],
  draft: false,
  wordCount: 10,
  readingTimeMinutes: 1,
  related: [],
});
const part1 = meta("part-1", "Part one");
const part2 = meta("part-2", "Part two");
const other = meta("other", "Other <post>");
const post: Post = {
  ...part2,
  html: "<p>Body.</p>",
  markdown: "---\ntitle: Part two\n---\n\nBody.\n",
  bodyStart: 24,
  headings: [],
};
const series: Series = { slug: "a-series", name: "A series", posts: ["part-1", "part-2"] };
const around = { related: [other], series: { series, posts: [part1, part2] } };
const head = { title: "T", description: "D", canonical: "https://x/", alternates: [], ogType: "article" as const };

describe("a post in a series, with related posts", () => {
  it("shows 'Part 2 of 2' with the parts, and up to three related posts", () => {
    const html = renderDocument(<PostPage t={t} site={site} post={post} around={around} head={head} />);
    expect(html).toContain(
      '<nav class="series" aria-labelledby="site:series"><p id="site:series">Part 2<!-- --> of <!-- -->2<!-- --> of <a href="/series/a-series">A series</a></p>'.replace(
        /<!-- -->/g,
        "",
      ),
    );
    expect(html).toContain('<li><a href="/posts/part-1">Part one</a></li><li><strong aria-current="page">Part two</strong></li>');
    expect(html).toContain('<section class="related" aria-labelledby="site:related"><h2 id="site:related">Related posts</h2>');
    expect(html).toContain('<a href="/posts/other">Other &lt;post&gt;</a>');
  });

  it("carries them in its JSON", () => {
    const json = postJson(site, post, around);
    expect(json.related).toEqual([{ slug: "other", title: "Other <post>", url: `${site.origin}/posts/other` }]);
    expect(json.series).toEqual({
      slug: "a-series",
      name: "A series",
      url: `${site.origin}/series/a-series`,
      part: 2,
      of: 2,
      posts: [
        { slug: "part-1", title: "Part one", url: `${site.origin}/posts/part-1` },
        { slug: "part-2", title: "Part two", url: `${site.origin}/posts/part-2` },
      ],
    });
  });

  it("and after its Markdown source, escaped", () => {
    expect(postMarkdown(site, post, around)).toBe(
      `${post.markdown.trimEnd()}\n\n---\n\nPart 2 of 2 of [A series](${site.origin}/series/a-series.md)\n\n## Related posts\n\n- [Other \\<post\\>](${site.origin}/posts/other.md)\n`,
    );
    expect(postMarkdown(site, post, { related: [] })).toBe(post.markdown);
  });
});
