import { describe, expect, it } from "vitest";
import { messagesFor } from "../src/shared/i18n/index.ts";
import { repliesSection, type ShownReply } from "../src/worker/views/replies.ts";

/** The replies under a post (src/worker/views/replies.ts): exact markup, escaping and plurals. */

const reply: ShownReply = {
  url: "https://social.example/@ana/1",
  authorName: "Ana <script>",
  authorUrl: "https://social.example/@ana",
  avatar: "/_federation/avatar/abc",
  published: "2026-12-05T10:00:00Z",
  contentHtml: "<p>Lovely post!</p>",
};

describe("the replies section", () => {
  it("lists replies with author, avatar, link and date, the counts, and how to reply", () => {
    expect(repliesSection({ replies: [reply], likes: 1, boosts: 3, handle: "@blog@blog.example" }, messagesFor("en"), "en")).toBe(
      '<section class="replies" aria-labelledby="site:replies"><h2 id="site:replies">Replies</h2>' +
        '<p class="reactions">1 like · 3 boosts</p>' +
        '<ol><li><article class="reply"><header><img class="avatar" src="/_federation/avatar/abc" alt="" width="40" height="40" loading="lazy">' +
        '<a href="https://social.example/@ana" rel="nofollow ugc">Ana &lt;script&gt;</a> · ' +
        '<a href="https://social.example/@ana/1" rel="nofollow ugc"><time datetime="2026-12-05">December 5, 2026</time></a></header>' +
        "<p>Lovely post!</p></article></li></ol>" +
        '<p class="reply-how">To reply, follow <strong>@blog@blog.example</strong> from Mastodon or another fediverse server and answer this post, or link to it from your own site.</p></section>',
    );
  });

  it("with nothing yet, only the heading and how to reply", () => {
    const html = repliesSection({ replies: [], likes: 0, boosts: 0, handle: "@blog@blog.example" }, messagesFor("en"), "en");
    expect(html).not.toContain("<ol>");
    expect(html).not.toContain("reactions");
    expect(html).toContain("reply-how");
  });

  it("counts in the language's plural forms and word order", () => {
    const counts = (lang: string, likes: number, boosts: number) =>
      /<p class="reactions">([^<]*)<\/p>/.exec(
        repliesSection({ replies: [], likes, boosts, handle: "@b@x" }, messagesFor(lang), lang),
      )?.[1];
    expect(counts("ar", 2, 11)).toBe("إعجابان · 11 مشاركة");
    expect(counts("ar", 3, 1)).toBe("3 إعجابات · مشاركة واحدة");
    expect(counts("ja", 5, 2)).toBe("5件のお気に入り · 2件のブースト");
    expect(counts("pt-BR", 1, 2)).toBe("1 curtida · 2 compartilhamentos");
  });
});
