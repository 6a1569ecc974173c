import { describe, expect, it } from "vitest";
import { buildCollection, slugFromPath } from "../../src/build/content/collection.ts";
import { languageOfFile } from "../../src/build/content/languages.ts";
import { parseSite } from "../../src/build/content/site.ts";
import { aliasSpaces, linkTranslations, translationProblems } from "../../src/build/content/translations.ts";
import { languagePrefix, siteIn } from "../../src/shared/languages.ts";
import type { Page, Post, SiteConfig } from "../../src/shared/types.ts";

/** Declaring a blog's languages and its translations' files (issue 23 §2), checked at build time. */

const FILE = "content/site.yaml";
const BASE = "title: Notes\ndescription: D\nauthor: A\norigin: https://blog.example\n";
const messages = (text: string) => parseSite(FILE, text).errors.map((e) => `${e.file} → ${e.field}: ${e.message}`);

describe("site.yaml: languages and translations", () => {
  it("takes the default from the first of `languages`, canonical, and names each language in itself", () => {
    const { site, errors } = parseSite(FILE, `${BASE}languages: [en, pt-br, ja]\n`);
    expect(errors).toEqual([]);
    expect([site?.language, site?.languages, site?.languageNames]).toEqual([
      "en",
      ["en", "pt-BR", "ja"],
      { en: "English", "pt-BR": "Português (Brasil)", ja: "日本語" },
    ]);
  });

  it("refuses a bad tag, a repeat, and a list that does not start with `language`", () => {
    expect(messages(`${BASE}language: en\nlanguages: [pt-BR, en, xx-!!, PT-br]\n`)).toEqual([
      `${FILE} → languages[2]: must be a language tag like en or pt-BR (line 6)`,
      `${FILE} → languages[3]: lists pt-BR twice (line 6)`,
      `${FILE} → languages: must start with the default language, en (language:), or leave language: out (line 6)`,
    ]);
    expect(messages(`${BASE}languages: en\n`)).toEqual([
      `${FILE} → language: is required`,
      `${FILE} → languages: must be a list of 1 to 20 language tags, the default first, like [en, pt-BR] (line 5)`,
    ]);
  });

  it("says a translation of the default language is the site's own, and judges none while `languages` is wrong", () => {
    expect(messages(`${BASE}languages: [pt-BR, en]\ntranslations:\n  pt-BR: {title: Notas}\n`)).toEqual([
      `${FILE} → translations.pt-BR: is the default language (the first of languages:): its title and description are title: and description: (line 7)`,
    ]);
    expect(messages(`${BASE}languages: [en, pt_BR]\ntranslations:\n  pt-BR: {title: Notas}\n`)).toEqual([
      `${FILE} → languages[1]: must be a language tag like en or pt-BR (line 5)`,
    ]);
  });

  it("takes each other language's title, description and strings, and refuses anything else", () => {
    const { site } = parseSite(
      FILE,
      `${BASE}languages: [en, pt-BR]\ntranslations:\n  pt-br:\n    title: Notas\n    strings:\n      relatedPosts: Leia também\n`,
    );
    expect(site?.translations).toEqual({ "pt-BR": { title: "Notas", strings: { relatedPosts: "Leia também" } } });
    const pt = siteIn(site as SiteConfig, "pt-BR");
    expect([pt.language, pt.title, pt.description, pt.strings]).toEqual(["pt-BR", "Notas", "D", { relatedPosts: "Leia também" }]);
    expect(
      messages(`${BASE}languages: [en, pt-BR]\ntranslations:\n  fr: {title: X}\n  pt-BR: {tile: X, strings: {relatedPost: Y}}\n`),
    ).toEqual([
      `${FILE} → translations.fr: is not one of the blog's other languages (pt-BR) (line 7)`,
      `${FILE} → translations.pt-BR.tile: unknown field (did you mean title?); known: title, description, strings (line 8)`,
      `${FILE} → translations.pt-BR.strings.relatedPost: unknown string (did you mean relatedPosts?); the keys are listed in docs/customising.md (line 8)`,
    ]);
  });
});

describe("a translation's file", () => {
  const site = { language: "en", languages: ["en", "pt-BR", "ja"] };

  it("is `<slug>.<lang>.md` or `index.<lang>.md`, in any case, and the untagged file is the default language", () => {
    expect(languageOfFile(site, "content/posts/hello.md")).toBe("en");
    expect(languageOfFile(site, "content/posts/hello.pt-br.md")).toBe("pt-BR");
    expect(languageOfFile(site, "content/posts/trip/index.JA.markdown")).toBe("ja");
  });

  it("names no language when the blog's default is its language, and a dot that is no language is a bad slug", () => {
    expect(languageOfFile(site, "content/posts/hello.en.md")).toEqual({
      file: "content/posts/hello.en.md",
      field: "file",
      message:
        "names en, the blog's default language (the first of languages:): the default language's files have no language in their name (hello.md)",
    });
    expect(languageOfFile(site, "content/posts/release-v1.0.md")).toBe("en");
    expect(slugFromPath("content/posts/release-v1.0.md")).toBe("release-v1.0");
    expect(slugFromPath("content/posts/hello.pt-br.md")).toBe("hello");
  });

  it("in a language the blog does not list is an error with the likely one, never a post left out", () => {
    expect(languageOfFile(site, "content/posts/hello.pt-pt.md")).toEqual({
      file: "content/posts/hello.pt-pt.md",
      field: "file",
      message:
        'is in "pt-pt", which is not one of the blog\'s languages (en, pt-BR, ja): did you mean pt-br?; add it to languages: in site.yaml, or rename the file (a slug is lower-case letters, digits and hyphens)',
    });
    expect(languageOfFile({ language: "en" }, "content/posts/hello.fr.md")).toMatchObject({
      message:
        'is in "fr", which is not one of the blog\'s languages (en); add it to languages: in site.yaml, or rename the file (a slug is lower-case letters, digits and hyphens)',
    });
  });

  it("is collected with its language's site: its dates and words are that language's", () => {
    const siteFile = { path: FILE, text: `${BASE}languages: [en, pt-BR]\ntranslations:\n  pt-BR: {title: Notas}\n` };
    const post = { path: "content/posts/hello.pt-br.md", text: "---\ntitle: Olá\ndate: 2025-12-01\n---\n\nUm texto.\n" };
    const result = buildCollection(siteFile, [post], { includeDrafts: false, now: new Date("2026-01-01"), language: "pt-BR" });
    expect(result.errors).toEqual([]);
    expect([result.site?.language, result.site?.title, result.posts[0]?.slug, result.posts[0]?.dateText]).toEqual([
      "pt-BR",
      "Notas",
      "hello",
      "1 de dezembro de 2025",
    ]);
  });

  it("writes its numbers as its own language does, not as the default language does", () => {
    const siteFile = { path: FILE, text: `${BASE}languages: [en, fa]\n` };
    const post = { path: "content/posts/salam.fa.md", text: "---\ntitle: سلام\ndate: 2025-12-01\n---\n\nمتن.\n" };
    const options = { includeDrafts: false, now: new Date("2026-01-01") };
    const en = buildCollection(siteFile, [], options);
    const fa = buildCollection(siteFile, [post], { ...options, language: "fa" });
    expect([en.site?.numbers?.digits, fa.site?.numbers?.digits, fa.site?.numbers?.group]).toEqual([
      "0123456789",
      "۰۱۲۳۴۵۶۷۸۹",
      "٬",
    ]);
    // A language's site as the Worker gets it (src/build/build.ts) starts from the default's, without its numbers.
    expect(siteIn(en.site as SiteConfig, "fa").numbers).toBeUndefined();
  });
});

describe("the whole blog's translations", () => {
  const post = (slug: string) => ({ slug }) as Post;
  const page = (slug: string) => ({ slug }) as Page;
  const site = { language: "en", languages: ["en", "pt-BR"] } as SiteConfig;

  it("each post and page learns the other languages it is in", () => {
    const en = { posts: [post("a"), post("b")], pages: [page("about")], aliasClaims: [], site };
    const pt = { posts: [post("a"), post("c")], pages: [page("about")], aliasClaims: [], site };
    linkTranslations([
      { language: "en", result: en },
      { language: "pt-BR", result: pt },
    ]);
    expect([...en.posts, ...pt.posts].map((p) => [p.slug, p.translations])).toEqual([
      ["a", ["pt-BR"]],
      ["b", undefined],
      ["a", ["en"]],
      ["c", undefined],
    ]);
    expect([en.pages[0]?.translations, pt.pages[0]?.translations]).toEqual([["pt-BR"], ["en"]]);
  });

  it("refuses a page named like a language's home, and an old URL two languages claim", () => {
    const claim = (file: string) => ({ path: "/old", file, field: "aliases[0]", written: "/old/" });
    const en = { posts: [], pages: [], aliasClaims: [claim("content/posts/a.md")], site };
    const pt = { posts: [], pages: [], aliasClaims: [claim("content/posts/b.pt-br.md")], site };
    expect(languagePrefix(site, "pt-BR")).toBe("/pt-br");
    expect(
      translationProblems(
        [
          { language: "en", result: en },
          { language: "pt-BR", result: pt },
        ],
        [{ path: "content/pages/pt-br.md", slug: "pt-br" }],
      ),
    ).toEqual([
      {
        file: "content/pages/pt-br.md",
        field: "slug",
        message: '"pt-br" (the file name) would take /pt-br, the home of the blog\'s pt-br posts: choose another name',
      },
      { file: "content/posts/b.pt-br.md", field: "aliases[0]", message: '"/old/" is also an alias of content/posts/a.md' },
      { file: "content/posts/a.md", field: "aliases[0]", message: '"/old/" is also an alias of content/posts/b.pt-br.md' },
    ]);
  });
});

describe("aliases in a blog in several languages", () => {
  const siteFile = { path: FILE, text: `${BASE}languages: [en, pt-BR]\n` };
  const site = { language: "en", languages: ["en", "pt-BR"] };
  const post = (title: string, aliases: string) => `---\ntitle: ${title}\ndate: 2025-12-01\naliases: ${aliases}\n---\n\nText.\n`;
  /** Every language collected as the build script does: files by their language, aliases against every language's URLs. */
  function collect(posts: Record<string, string>, pages: Record<string, string> = {}) {
    const byLanguage = (dir: string, files: Record<string, string>) => {
      const out = new Map<string, { path: string; text: string }[]>(site.languages.map((l) => [l, []]));
      for (const [name, text] of Object.entries(files)) {
        const path = `content/${dir}/${name}`;
        out.get(languageOfFile(site, path) as string)?.push({ path, text });
      }
      return out;
    };
    const postsIn = byLanguage("posts", posts);
    const pagesIn = byLanguage("pages", pages);
    const spaces = aliasSpaces(site, postsIn, pagesIn);
    return site.languages.map((language, i) =>
      buildCollection(
        siteFile,
        postsIn.get(language) ?? [],
        {
          includeDrafts: false,
          now: new Date("2026-01-01"),
          ...(i > 0 ? { language } : {}),
          aliasSpace: spaces.get(language),
        },
        pagesIn.get(language) ?? [],
      ),
    );
  }
  const messagesOf = (results: ReturnType<typeof collect>) =>
    results.flatMap((r) => r.errors).map((e) => `${e.file} → ${e.field}: ${e.message}`);

  it("a bare old slug is an old URL of its own language's posts, so two languages may each have one", () => {
    const [en, pt] = collect({
      "hello.md": post("Hello", "[old, /2024/hello]"),
      "hello.pt-br.md": post("Olá", "[old, /pt-br/2024/ola]"),
    });
    expect(messagesOf([en, pt] as ReturnType<typeof collect>)).toEqual([]);
    expect([en?.aliases, pt?.aliases]).toEqual([
      { "/posts/old": "hello", "/2024/hello": "hello" },
      { "/pt-br/posts/old": "hello", "/pt-br/2024/ola": "hello" },
    ]);
  });

  it("no alias takes another language's post, page, home or routes", () => {
    const results = collect(
      {
        "only-english.md": post(
          "Only English",
          "[/pt-br/about, /pt-br, /pt-br/tags/x, /PT-BR/old, /pt-br/posts/so-pt, /pt-br/posts/a/b, /pt-br/2024/free]",
        ),
        "so-pt.pt-br.md": post("Só", "[/posts/only-english, /about.md]"),
      },
      { "about.md": "---\ntitle: About\n---\n\nA.\n", "about.pt-br.md": "---\ntitle: Sobre\n---\n\nS.\n" },
    );
    expect(messagesOf(results)).toEqual([
      'content/posts/only-english.md → aliases[0]: "/pt-br/about" is a URL of the page content/pages/about.pt-br.md (line 4)',
      'content/posts/only-english.md → aliases[1]: "/pt-br" is the home page of the blog\'s pt-br posts (line 4)',
      'content/posts/only-english.md → aliases[2]: "/pt-br/tags/x" is a route of the blog (/pt-br/tags) (line 4)',
      'content/posts/only-english.md → aliases[3]: "/PT-BR/old" would never be reached: the blog spells /PT-BR as /pt-br, and moves every URL under it there (line 4)',
      'content/posts/only-english.md → aliases[4]: "/pt-br/posts/so-pt" is the URL of content/posts/so-pt.pt-br.md (line 4)',
      'content/posts/only-english.md → aliases[5]: "/pt-br/posts/a/b" is under /pt-br/posts/, where an alias can only be an old post slug (line 4)',
      'content/posts/so-pt.pt-br.md → aliases[0]: "/posts/only-english" is the URL of content/posts/only-english.md (line 4)',
      'content/posts/so-pt.pt-br.md → aliases[1]: "/about.md" is a URL of the page content/pages/about.md (line 4)',
    ]);
    expect(results[0]?.aliases).toEqual({ "/pt-br/2024/free": "only-english" });
  });

  it("an alias two languages claim is refused in both, a draft's too, so publishing it never breaks a build", () => {
    const results = collect({
      "hello.md": post("Hello", "[/pt-br/posts/velho]"),
      "hello.pt-br.md": post("Olá", "[velho]\ndraft: true"),
    });
    expect(messagesOf(results)).toEqual([]);
    expect(
      translationProblems(
        site.languages.map((language, i) => ({ language, result: results[i] as (typeof results)[number] })),
        [],
      ).map((e) => `${e.file} → ${e.field}: ${e.message}`),
    ).toEqual([
      'content/posts/hello.pt-br.md → aliases[0]: "velho" is also an alias of content/posts/hello.md (line 4)',
      'content/posts/hello.md → aliases[0]: "/pt-br/posts/velho" is also an alias of content/posts/hello.pt-br.md (line 4)',
    ]);
  });

  it("a page of another language may have a language's name: only the default's answer at /<slug>", () => {
    const sites = { language: "en", languages: ["en", "pt-BR", "ar"] } as SiteConfig;
    const empty = { posts: [], pages: [], aliasClaims: [], site: sites };
    expect(
      translationProblems(
        [
          { language: "en", result: empty },
          { language: "pt-BR", result: empty },
          { language: "ar", result: empty },
        ],
        [
          { path: "content/pages/ar.pt-br.md", slug: "ar" },
          { path: "content/pages/ar.md", slug: "ar" },
        ],
      ).map((e) => e.file),
    ).toEqual(["content/pages/ar.md"]);
  });
});
