import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { type Messages, messagesFor } from "../src/shared/i18n/index.ts";
import { STYLES } from "../src/shared/styles.ts";
import type { Post, PostMeta, Series, SiteConfig } from "../src/shared/types.ts";
import { articleFragment } from "../src/shared/views/article.ts";
import { escapeHtml } from "../src/shared/views/html.ts";
import { type ListedPost, summaryPieces } from "../src/shared/views/parts.ts";
import { archive } from "../src/worker/archive.ts";
import {
  allPosts,
  allSeries,
  allTags,
  site as fixtureSite,
  getPage,
  getPost,
  getSeries,
  indexPage,
  navigationLinks,
  recentPosts,
  tagPage,
} from "../src/worker/blog.ts";
import { useAssets } from "../src/worker/corpus/read.ts";
import type { PostContext } from "../src/worker/post-context.ts";
import type { SearchHit, SearchResults } from "../src/worker/search/search.ts";
import { BuildProblemsPage } from "../src/worker/views/BuildProblemsPage.ts";
import type { HeadProps } from "../src/worker/views/Layout.tsx";
import * as strings from "../src/worker/views/pages.tsx";
import { SearchPage } from "../src/worker/views/SearchPage.ts";
import { BuildProblemsPage as JsxBuildProblemsPage } from "./jsx-reference/BuildProblemsPage.tsx";
import * as jsx from "./jsx-reference/pages.tsx";
import { SearchPage as JsxSearchPage } from "./jsx-reference/SearchPage.tsx";

/**
 * The pages are joined from strings (src/worker/views/, src/shared/views/), partly at build time.
 * Each must have exactly the bytes the JSX views they replaced rendered (kept, frozen, in
 * test/jsx-reference/): every page kind, every branch of the shell, in a left-to-right and a
 * right-to-left language, on made-up records and on the fixture blog's own corpus as the
 * build wrote it (pre-rendered article fragments and list entries included).
 */

/** A page both ways, as renderDocument gives it. */
type Both = [name: string, fromStrings: string, fromJsx: string];

const LANGUAGES = ["en", "ar"] as const;

/** Every head the shell can be given: each optional part, and text that needs escaping. */
const heads = (site: SiteConfig): HeadProps[] => [
  { title: site.title, description: "D", canonical: "https://x/", alternates: [], ogType: "website" },
  {
    title: `Tom & "Jerry" <3 it's`,
    description: "<b>&amp;</b> 'q'",
    canonical: "https://x/a?b=1&c=2",
    alternates: [
      { type: "application/json", href: "/a.json" },
      { type: "text/markdown", href: "/a.md" },
    ],
    ogType: "article",
    article: { published: "2025-01-01T00:00:00Z", modified: "2025-02-01T00:00:00Z", tags: ["a&b", "c"] },
    jsonLd: { "@type": "BlogPosting", headline: "</script><script>x" },
    prev: "/page/1",
    next: "/page/3",
    noindex: true,
    query: `"><script>`,
    feeds: [{ type: "application/atom+xml", title: "#t & u (Atom)", href: "/tags/t/feed.xml" }],
    image: { url: "https://x/c.png?a=1&b=2", width: 1200, height: 630, alt: "A <card>" },
    nav: [{ href: "/about", title: "About & more" }],
  },
  {
    title: "T",
    description: "D",
    canonical: "https://x/",
    alternates: [],
    ogType: "article",
    article: { published: "2025-01-01T00:00:00Z", tags: [] },
    image: { url: "https://x/own.jpg", alt: "own" },
  },
];

/** The sites the shell is tried with: plain, with a logo and a stylesheet of its own, and with its own icons. */
const sites = (language: string): SiteConfig[] => [
  { ...fixtureSite, title: "Diário <&>", description: "Notas 'x'", author: `A "B"`, language, monthYears: undefined },
  {
    ...fixtureSite,
    language,
    logo: { url: "/media/logo-1.svg", width: 120, height: 40 },
    stylesheet: `${STYLES}\n.brand{color:red}`,
  },
  // The blog's own icons: an SVG with its PNG, and a PNG alone (the icon is its 32 px PNG).
  {
    ...fixtureSite,
    language,
    icons: {
      icon: { url: "/media/a/favicon.svg", type: "image/svg+xml" },
      png: "/media/b/favicon-32.png",
      appleTouch: "/media/c/apple-touch-icon.png",
      manifest: "/media/d/site.webmanifest",
    },
  },
  {
    ...fixtureSite,
    language,
    icons: {
      icon: { url: "/media/b/favicon-32.png", type: "image/png" },
      png: "/media/b/favicon-32.png",
      appleTouch: "/media/c/apple-touch-icon.png",
      manifest: "/media/d/site.webmanifest",
    },
  },
];

function madeUp(language: string): Both[] {
  const out: Both[] = [];
  const t: Messages = messagesFor(language);
  const meta = (i: number, extra: Partial<PostMeta> = {}): PostMeta => ({
    slug: `texto-${i}`,
    title: `Texto ${i} <&>`,
    description: `Sobre "${i}"`,
    date: `2025-0${i}-01T00:00:00Z`,
    ...(i % 2 === 0 ? { dateText: `${i} de março` } : {}),
    tags: i === 3 ? [] : ["café", "a&b"],
    draft: false,
    wordCount: 900,
    readingTimeMinutes: i,
    related: [],
    ...extra,
  });
  const posts = [meta(1, { draft: true }), meta(2, { scheduled: true }), meta(3)];
  // The same posts as the build lists them: each entry pre-rendered, the badge left to the request.
  const listed: ListedPost[] = posts.map((p) => ({ ...p, summary: summaryPieces(p, t, language) }));
  const sections = (n: number) => ["um", "dois", "três", "<q>"].slice(0, n).map((id) => ({ depth: 2, id, text: id }));
  const post = (extra: Partial<Post>): Post => ({
    ...meta(4, { updated: "2025-05-02T00:00:00Z", updatedText: "2 de maio" }),
    html: "<p>Corpo.</p>",
    markdown: "",
    bodyStart: 0,
    headings: [...sections(4), { depth: 3, id: "sub", text: "sub" }],
    ...extra,
  });
  const series: Series = { slug: "serie", name: "Série & co", posts: ["texto-3", "texto-4"] };
  const arounds: PostContext[] = [
    { related: [] },
    { newer: posts[0], older: posts[2], related: [posts[2] as PostMeta] },
    { newer: posts[0], related: listed, series: { series, posts: [posts[2] as PostMeta, post({})] } },
    // A series whose published parts do not include this post: no series box.
    { older: posts[1], related: [], series: { series, posts: [posts[2] as PostMeta] } },
  ];
  const variants: Post[] = [
    post({}),
    post({ draft: true, updated: undefined, updatedText: undefined, headings: sections(2), tags: [] }),
    post({ scheduled: true, headings: sections(3) }),
  ];
  for (const site of sites(language)) {
    for (const head of heads(site)) {
      const p = { site, t, head };
      const add = (name: string, a: unknown, b: unknown) =>
        out.push([`${language} ${name} (${head.title})`, strings.renderDocument(a as never), jsx.renderDocument(b as never)]);
      for (const [n, list] of [
        [1, posts],
        [2, listed],
        [1, []],
      ] as const) {
        add(
          `index ${n}/${list.length}`,
          strings.IndexPage({ ...p, posts: list, page: n, totalPages: 3 }),
          <jsx.IndexPage {...p} posts={list} page={n} totalPages={3} />,
        );
      }
      variants.forEach((v, i) => {
        arounds.forEach((around, k) => {
          add(`post ${i}/${k}`, strings.PostPage({ ...p, post: v, around }), <jsx.PostPage {...p} post={v} around={around} />);
          // What the build pre-rendered, in the page's language, joined instead of made here.
          const article = articleFragment(v, t, language);
          add(
            `post ${i}/${k} pre-rendered`,
            strings.PostPage({ ...p, post: v, around, article }),
            <jsx.PostPage {...p} post={v} around={around} />,
          );
        });
      });
      for (const tags of [
        [
          { tag: "café", count: 3 },
          { tag: "<b>", count: 1 },
        ],
        [],
      ]) {
        add(`tags ${tags.length}`, strings.TagsPage({ ...p, tags }), <jsx.TagsPage {...p} tags={tags} />);
      }
      for (const [n, total] of [
        [1, 1],
        [1, 2],
        [2, 2],
        [2, 3],
      ] as const) {
        for (const list of [posts, listed]) {
          const props = { ...p, tag: "café&<", posts: list, count: 12, page: n, totalPages: total };
          add(`tag ${n}/${total}`, strings.TagPage(props), <jsx.TagPage {...props} />);
        }
      }
      for (const years of [archive(posts), []]) {
        add(`archive ${years.length}`, strings.ArchivePage({ ...p, years }), <jsx.ArchivePage {...p} years={years} />);
      }
      for (const list of [posts, listed])
        add(
          "series",
          strings.SeriesPage({ ...p, name: "Série <1>", posts: list }),
          <jsx.SeriesPage {...p} name="Série <1>" posts={list} />,
        );
      const page = {
        slug: "about",
        title: "About <us>",
        description: "D",
        html: "<p>Hi &amp; bye</p>",
        markdown: "",
        updated: "2025-01-01",
        draft: false,
        bodyStart: 0,
        headings: [],
      };
      add("standalone", strings.StandalonePage({ ...p, page }), <jsx.StandalonePage {...p} page={page} />);
      for (const recent of [posts, listed, [], undefined]) {
        const props = { ...p, heading: t.text("error404"), message: `${t.text("detail404")} <&>`, recent };
        add(`404 ${recent?.length}`, strings.MessagePage(props), <jsx.MessagePage {...props} />);
      }
      const next = { href: "/search?q=a%26b&page=3", label: "← Last <page>" };
      const past = { ...p, heading: t.text("error404"), message: t.text("detail404"), next, recent: listed };
      add("404 with a next link", strings.MessagePage(past), <jsx.MessagePage {...past} />);
      // The search page: before a query, no hits, and a page of hits among several (marked-up titles and snippets).
      const hit = (i: number): SearchHit => ({
        id: i,
        slug: `texto-${i}`,
        title: `Texto ${i} &`,
        date: `2025-0${i}-01T00:00:00Z`,
        ...(i % 2 === 0 ? { dateText: `${i} de março` } : {}),
        score: 1,
        titleMarks: { text: `Texto ${i} &`, marks: [] },
        titleHtml: `Texto <mark>${i}</mark> &amp;`,
        snippet: { text: "", marks: [] },
        snippetHtml: `…um <mark>texto</mark> &lt;b&gt; ${i}…`,
      });
      const found = (total: number, exact: boolean, hits: SearchHit[]): SearchResults => ({
        query: "texto",
        terms: ["texto"],
        total,
        exact,
        truncated: false,
        offset: 0,
        limit: 10,
        hits,
      });
      const searches: [string, SearchResults | undefined, number, number][] = [
        ["", undefined, 1, 1],
        [`nada "<&>"`, found(0, true, []), 1, 1],
        ["texto", found(2, true, [hit(1), hit(2)]), 1, 1],
        ["texto", found(25, false, [hit(3)]), 2, 3],
        ["texto", found(25, true, [hit(4)]), 1, 3],
        ["texto", found(25, true, [hit(5)]), 3, 3],
      ];
      for (const [query, results, n, total] of searches) {
        const props = { ...p, query, results, page: n, totalPages: total };
        add(`search ${query} ${n}/${total}`, SearchPage(props), <JsxSearchPage {...props} />);
      }
      for (const problems of [
        [],
        [
          { file: "posts/a <&>.md", field: "title", message: `is "required"` },
          { file: "b.md", field: "date", message: "x" },
        ],
      ]) {
        const props = { site, t, problems, nav: head.nav };
        add(`build problems ${problems.length}`, BuildProblemsPage(props), <JsxBuildProblemsPage {...props} />);
      }
    }
  }
  return out;
}

describe("every page joined from strings has the bytes of its JSX view", () => {
  for (const language of LANGUAGES) {
    it(`on made-up records, in ${language}`, () => {
      const pages = madeUp(language);
      expect(pages.length).toBeGreaterThan(250);
      const kinds = new Set(pages.map(([name]) => name.split(" ")[1]));
      expect(kinds).toContain("search");
      expect(kinds).toContain("build");
      for (const [name, fromStrings, fromJsx] of pages) expect(fromStrings, name).toBe(fromJsx);
    });
  }

  it("and the right-to-left one says so", () => {
    const [first] = madeUp("ar");
    expect(first?.[1]).toMatch(/^<!DOCTYPE html><html lang="ar" dir="rtl"><head>/);
    const [english] = madeUp("en");
    expect(english?.[1]).toMatch(/^<!DOCTYPE html><html lang="en"><head>/);
  });
});

/**
 * The fixture blog's pages, from its corpus as the build wrote it, in its own language (en);
 * and in Arabic, with the same corpus's records and the parts pre-rendered as the build would
 * for an Arabic post and list.
 */
describe("the fixture blog's every page, from the build's corpus", () => {
  beforeAll(() => useAssets(env));

  async function fixturePages(language: string): Promise<Both[]> {
    const own = language === fixtureSite.language;
    const site: SiteConfig = own ? fixtureSite : { ...fixtureSite, language, monthYears: undefined };
    const t = own ? messagesFor(site.language, site.strings) : messagesFor(language);
    // In the blog's own language the entries are those the build wrote; else made as the build would.
    const relist = <T extends PostMeta>(list: readonly T[]): T[] =>
      own ? [...list] : list.map((m) => ({ ...m, summary: summaryPieces(m, t, language) }));
    const head: HeadProps = {
      title: "Page",
      description: "D",
      canonical: `${site.origin}/`,
      alternates: [],
      ogType: "website",
      nav: navigationLinks().map((l) => ({ href: `/${l.slug}`, title: l.title })),
    };
    const p = { site, t, head };
    const out: Both[] = [];
    const add = (name: string, a: unknown, b: unknown) =>
      out.push([`${language} ${name}`, strings.renderDocument(a as never), jsx.renderDocument(b as never)]);
    const posts = await allPosts();
    expect(posts.length).toBeGreaterThan(0);
    for (const meta of posts) {
      const found = await getPost(meta.slug);
      if (!found) throw new Error(`${meta.slug} not found`);
      const { post, around } = found;
      expect(typeof found.article, meta.slug).toBe("string");
      const article = own ? found.article : articleFragment(post, t, language);
      const ownAround = { ...around, related: relist(around.related) };
      add(
        `post ${meta.slug}`,
        strings.PostPage({ ...p, post, around: ownAround, article }),
        <jsx.PostPage {...p} post={post} around={around} />,
      );
    }
    const first = await indexPage(1);
    if (!first) throw new Error("no index page");
    for (let n = 1; n <= first.totalPages; n++) {
      const page = (await indexPage(n))!;
      add(
        `index ${n}`,
        strings.IndexPage({ ...p, posts: relist(page.items), page: n, totalPages: page.totalPages }),
        <jsx.IndexPage {...p} posts={page.items} page={n} totalPages={page.totalPages} />,
      );
    }
    const tags = allTags();
    add("tags", strings.TagsPage({ ...p, tags }), <jsx.TagsPage {...p} tags={tags} />);
    for (const { tag } of tags) {
      const page = (await tagPage(tag, 1))!;
      const props = { ...p, tag, count: page.count, page: 1, totalPages: page.totalPages };
      add(`tag ${tag}`, strings.TagPage({ ...props, posts: relist(page.items) }), <jsx.TagPage {...props} posts={page.items} />);
    }
    const years = archive(posts);
    add("archive", strings.ArchivePage({ ...p, years }), <jsx.ArchivePage {...p} years={years} />);
    for (const s of allSeries()) {
      const found = (await getSeries(s.slug))!;
      add(
        `series ${s.slug}`,
        strings.SeriesPage({ ...p, name: found.series.name, posts: relist(found.posts) }),
        <jsx.SeriesPage {...p} name={found.series.name} posts={found.posts} />,
      );
    }
    // The fixture blog has no series of its own: its posts, as the build listed them, stand in for one.
    add(
      "series (the blog's posts)",
      strings.SeriesPage({ ...p, name: "All", posts: relist(posts) }),
      <jsx.SeriesPage {...p} name="All" posts={posts} />,
    );
    for (const { slug } of navigationLinks()) {
      const page = (await getPage(slug))!;
      add(`page ${slug}`, strings.StandalonePage({ ...p, page }), <jsx.StandalonePage {...p} page={page} />);
    }
    const recent = recentPosts();
    const props = { ...p, heading: t.text("error404"), message: t.text("detail404") };
    add("404", strings.MessagePage({ ...props, recent: relist(recent) }), <jsx.MessagePage {...props} recent={recent} />);
    return out;
  }

  for (const language of LANGUAGES) {
    it(`in ${language}`, async () => {
      const pages = await fixturePages(language);
      const kinds = new Set(pages.map(([name]) => name.split(" ")[1]));
      expect([...kinds].sort()).toEqual(["404", "archive", "index", "page", "post", "series", "tag", "tags"]);
      for (const [name, fromStrings, fromJsx] of pages) expect(fromStrings, name).toBe(fromJsx);
    });
  }

  it("where the build pre-rendered each listed post's entry and each post's article", async () => {
    const page = (await indexPage(1))!;
    const [item] = page.items as ListedPost[];
    expect(item?.summary?.[0]).toBe(
      `<li><article><h2><a href="/posts/${item?.slug}">${escapeHtml(item?.title ?? "")}</a></h2><p class="meta">`,
    );
    const found = (await getPost(item?.slug ?? ""))!;
    expect(found.article).toBe(articleFragment(found.post, messagesFor("en", fixtureSite.strings), "en"));
  });
});
