import { afterEach, describe, expect, it, vi } from "vitest";
import { buildCollection } from "../src/build/content/index.ts";
import { messagesFor } from "../src/shared/i18n/index.ts";
import type { Post } from "../src/shared/types.ts";
import { HeadLink, HeadMeta } from "../src/worker/views/Layout.tsx";
import { renderDocument } from "../src/worker/views/pages.tsx";
import { PostSummary } from "../src/worker/views/parts.tsx";
import { freshWorker, POST } from "./helpers.ts";

/** The English interface, which the fixture blog is written in. */
const t = messagesFor("en");

/**
 * What a fresh isolate's first request does not have to do: the build formats dates and month
 * names once, in the site's language, so no request constructs an Intl formatter (its first use
 * costs milliseconds on a cold isolate).
 */

describe("dates are formatted by the build", () => {
  const site = {
    path: "content/site.yaml",
    text: "title: T\ndescription: D\nauthor: A\nlanguage: pt-BR\norigin: https://blog.fixture.test\n",
  };
  const result = buildCollection(
    site,
    [{ path: "content/posts/a.md", text: "---\ntitle: A\ndate: 2025-12-01\nupdated: 2026-01-15\n---\n\nText.\n" }],
    { includeDrafts: false, now: new Date("2026-06-01T00:00:00Z") },
  );

  it("in the site's language: each post's dates, and the archive's month headings", () => {
    expect(result.errors).toEqual([]);
    const [post] = result.posts as [Post];
    expect([post.dateText, post.updatedText]).toEqual(["1 de dezembro de 2025", "15 de janeiro de 2026"]);
    expect(result.site?.monthYears).toHaveLength(12);
    expect(result.site?.monthYears?.[11]).toBe("dezembro de {year}");
  });

  it("and the views show the build's text", () => {
    const [post] = result.posts as [Post];
    const html = renderDocument(<PostSummary post={{ ...post, dateText: "the first of December" }} lang="pt-BR" t={t} />);
    expect(html).toContain('<time datetime="2025-12-01">the first of December</time>');
  });
});

describe("a fresh Worker's requests", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("start with no Intl object, and show a post, the index and a tag page with no number formatter", async () => {
    // A fresh isolate's first Intl.NumberFormat costs about 20 ms of CPU in workerd: more than the
    // rest of its start-up (src/shared/i18n/numbers.ts).
    const made = [vi.spyOn(Intl, "NumberFormat"), vi.spyOn(Intl, "PluralRules"), vi.spyOn(Intl, "DateTimeFormat")];
    const worker = await freshWorker();
    expect(made.map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0]);
    for (const path of [POST, "/", "/tags/rust", "/tags/rust.md"]) {
      const res = await worker.fetch(new Request(`http://localhost${path}`));
      expect(res.status, path).toBe(200);
      const body = await res.text();
      if (path === "/tags/rust") expect(body).toMatch(/<p class="meta">\d+ posts? · /);
    }
    expect(made[0]).not.toHaveBeenCalled();
  });

  it("never construct an Intl date formatter", async () => {
    const worker = await freshWorker();
    const made = vi.spyOn(Intl, "DateTimeFormat");
    for (const path of [POST, "/", "/tags/rust", "/archive", "/archive.md", "/search?q=rust", "/search.md?q=rust", "/about"]) {
      const res = await worker.fetch(new Request(`http://localhost${path}`));
      expect(res.status, path).toBe(200);
      await res.arrayBuffer();
    }
    expect(made).not.toHaveBeenCalled();
  });
});

describe("the head's links and metadata, written as markup", () => {
  it("escape every attribute as hono/jsx does, keep their order and leave out undefined ones", () => {
    const html = String(
      <head>
        <HeadLink rel="alternate" type={undefined} title={`"Q" & <A>'s`} href="/x?a=1&b=2" />
        <HeadMeta property="og:title" content={`</head><script>alert(1)</script>`} />
      </head>,
    );
    expect(html).toBe(
      '<head><link rel="alternate" title="&quot;Q&quot; &amp; &lt;A&gt;&#39;s" href="/x?a=1&amp;b=2"/><meta property="og:title" content="&lt;/head&gt;&lt;script&gt;alert(1)&lt;/script&gt;"/></head>',
    );
    // The same bytes hono/jsx's own elements give.
    expect(html).toBe(
      String(
        <head>
          <link rel="alternate" title={`"Q" & <A>'s`} href="/x?a=1&b=2" />
          <meta property="og:title" content={`</head><script>alert(1)</script>`} />
        </head>,
      ),
    );
  });
});
