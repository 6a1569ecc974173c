import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { schemaErrors } from "../helpers.ts";

/**
 * A blog in several languages (issue 23 §2), on test/fixtures/blog-languages: English by
 * default, with Portuguese (pt-BR), Japanese and Arabic. `weather` is in all four; `trip` (a
 * folder post) in English and Portuguese; `only-english` and `so-em-portugues` in one each;
 * `coming` is published in English, and its Portuguese translation is scheduled for 2099.
 */

const ORIGIN = "https://blog.languages.test";
type Worker = { fetch: (request: Request) => Promise<Response> };

async function worker(): Promise<Worker> {
  const w = (await import("../../src/worker/index.ts")).default as unknown as {
    fetch: (r: Request, e: unknown, c: ExecutionContext) => Promise<Response>;
  };
  const ctx = createExecutionContext();
  return { fetch: (r) => w.fetch(r, env, ctx) };
}

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return (await worker()).fetch(new Request(`http://localhost${path}`, { headers, redirect: "manual" }));
}
const html = async (path: string) => {
  const res = await get(path);
  expect(res.status, path).toBe(200);
  return res.text();
};
const json = async (path: string) => {
  const res = await get(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as Record<string, unknown>;
};
const slugsOf = (body: Record<string, unknown>) => (body.posts as { slug: string }[]).map((p) => p.slug);

/** Every `hreflang` alternate in a page's head, as [language, href]. */
const hreflangs = (page: string) =>
  [...page.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"\/>/g)].map((m) => [m[1], m[2]]);

describe("URLs: the default language keeps today's, another lives under its prefix", () => {
  it("each language's index lists only its own posts, newest first, in pages of postsPerPage", async () => {
    expect(slugsOf(await json("/index.json"))).toEqual(["only-english", "coming"]);
    expect(slugsOf(await json("/page/2.json"))).toEqual(["weather", "trip"]);
    // The scheduled translation is in no list until 2099; a post only in Portuguese is only here.
    expect(slugsOf(await json("/pt-br/index.json"))).toEqual(["so-em-portugues", "weather"]);
    expect(slugsOf(await json("/pt-br/page/2.json"))).toEqual(["trip"]);
    expect(slugsOf(await json("/ja/index.json"))).toEqual(["weather"]);
    expect(slugsOf(await json("/ar/index.json"))).toEqual(["weather"]);
  });

  it("a language's home is its prefix: /pt-br/ moves there, and so does the prefix in another case", async () => {
    const res = await get("/pt-br/");
    expect([res.status, res.headers.get("location")]).toEqual([301, "/pt-br"]);
    for (const [from, to] of [
      ["/PT-BR", "/pt-br"],
      ["/pt-BR/posts/weather.json?x=1", "/pt-br/posts/weather.json?x=1"],
      // The rest of the path moves as it was sent, still percent-encoded.
      ["/PT-BR/tags/%E5%A4%A9%E6%B0%97", "/pt-br/tags/%E5%A4%A9%E6%B0%97"],
    ]) {
      const moved = await get(from as string);
      expect([from, moved.status, moved.headers.get("location")]).toEqual([from, 301, to]);
    }
    const page = await html("/pt-br");
    expect(page).toContain('<html lang="pt-BR">');
    expect(page).toContain("<title>Notas de Campo</title>");
  });

  it("answers each route of a language under its prefix, with the language's words and Content-Language", async () => {
    for (const [path, type] of [
      ["/pt-br", "text/html; charset=utf-8"],
      ["/pt-br/posts/weather", "text/html; charset=utf-8"],
      ["/pt-br/posts/weather.json", "application/json; charset=utf-8"],
      ["/pt-br/posts/weather.md", "text/markdown; charset=utf-8"],
      ["/pt-br/tags", "text/html; charset=utf-8"],
      ["/pt-br/tags/tempo", "text/html; charset=utf-8"],
      ["/pt-br/archive", "text/html; charset=utf-8"],
      ["/pt-br/about", "text/html; charset=utf-8"],
      ["/pt-br/search?q=caminhada", "text/html; charset=utf-8"],
      ["/pt-br/feed.xml", "application/atom+xml; charset=utf-8"],
      ["/pt-br/feed.json", "application/feed+json; charset=utf-8"],
      ["/pt-br/tags/tempo/feed.xml", "application/atom+xml; charset=utf-8"],
      ["/pt-br/llms.txt", "text/plain; charset=utf-8"],
      ["/pt-br/opensearch.xml", "application/opensearchdescription+xml; charset=utf-8"],
    ]) {
      const res = await get(path as string);
      expect([path, res.status, res.headers.get("content-type"), res.headers.get("content-language")]).toEqual([
        path,
        200,
        type,
        "pt-BR",
      ]);
    }
    expect((await get("/")).headers.get("content-language")).toBe("en");
    expect((await get("/ja/posts/weather")).headers.get("content-language")).toBe("ja");
  });

  it("a post or tag of one language is a 404 in another, in that language's words", async () => {
    for (const path of ["/pt-br/posts/only-english", "/posts/so-em-portugues", "/ja/posts/trip", "/tags/tempo", "/ja/about"]) {
      expect([path, (await get(path)).status]).toEqual([path, 404]);
    }
    const res = await get("/pt-br/posts/only-english");
    expect(res.headers.get("content-language")).toBe("pt-BR");
    const page = await res.text();
    expect(page).toContain('<html lang="pt-BR">');
    expect(page).toContain("Página não encontrada");
  });

  it("a 406 under a prefix is in that language too", async () => {
    const res = await get("/pt-br/posts/weather", { accept: "image/png" });
    expect([res.status, res.headers.get("content-language")]).toEqual([406, "pt-BR"]);
    expect(await res.text()).toContain("406 Formato não disponível");
  });

  it("Arabic is laid out right to left", async () => {
    const page = await html("/ar/posts/weather");
    expect(page).toContain('<html lang="ar" dir="rtl">');
    expect(page).toContain("<h1>الطقس في طوكيو</h1>");
  });

  it("a folder post's translation shares its files", async () => {
    const en = await html("/posts/trip");
    const pt = await html("/pt-br/posts/trip");
    const src = (page: string) => /<img src="(\/media\/[^"]+)"/.exec(page)?.[1];
    expect(src(en)).toMatch(/^\/media\/[0-9a-f]{12}\/square\.png$/);
    expect(src(pt)).toBe(src(en));
    expect(pt).toContain('alt="Um pequeno quadrado"');
  });

  it("old URLs lead to their post in its own language", async () => {
    for (const [from, to] of [
      ["/2025/tokyo-weather", "/posts/weather"],
      ["/pt-br/2025/tempo-em-toquio", "/pt-br/posts/weather"],
      // The same old slug in two languages is two old URLs, each under its language's prefix.
      ["/posts/antigo", "/posts/only-english"],
      ["/posts/antigo.md", "/posts/only-english.md"],
      ["/pt-br/posts/antigo", "/pt-br/posts/so-em-portugues"],
      ["/pt-br/posts/antigo.json", "/pt-br/posts/so-em-portugues.json"],
      // In one hop, whatever else about the URL moved: a trailing slash, the prefix's case.
      ["/2025/tokyo-weather/", "/posts/weather"],
      ["/PT-BR/posts/antigo", "/pt-br/posts/so-em-portugues"],
      ["/Pt-Br/2025/tempo-em-toquio//?x=1", "/pt-br/posts/weather?x=1"],
    ]) {
      const res = await get(from as string);
      expect([from, res.status, res.headers.get("location")]).toEqual([from, 301, to]);
    }
    // Only an old post URL stands for its .json and .md: an old path is one exact path.
    for (const path of ["/pt-br/2025/tempo-em-toquio.json", "/ja/posts/antigo"]) {
      expect([path, (await get(path)).status]).toEqual([path, 404]);
    }
  });
});

describe("linking the languages", () => {
  it("a post names every published translation with hreflang, itself included, and x-default", async () => {
    const page = await html("/pt-br/posts/weather");
    expect(hreflangs(page)).toEqual([
      ["en", `${ORIGIN}/posts/weather`],
      ["pt-BR", `${ORIGIN}/pt-br/posts/weather`],
      ["ja", `${ORIGIN}/ja/posts/weather`],
      ["ar", `${ORIGIN}/ar/posts/weather`],
      ["x-default", `${ORIGIN}/posts/weather`],
    ]);
  });

  it("hreflang is reciprocal: every alternate of every translation links back", async () => {
    for (const path of [
      "/posts/weather",
      "/pt-br/posts/weather",
      "/ja/posts/weather",
      "/ar/posts/weather",
      "/",
      "/pt-br/about",
    ]) {
      const own = hreflangs(await html(path));
      for (const [lang, href] of own) {
        if (lang === "x-default") continue;
        const theirs = hreflangs(await html((href as string).slice(ORIGIN.length) || "/"));
        expect([path, lang, theirs]).toEqual([path, lang, own]);
      }
    }
  });

  it("the header's switcher lists the page's languages, each in itself, the current one marked", async () => {
    const page = await html("/pt-br/posts/weather");
    expect(/<nav class="site languages"[^>]*>.*?<\/nav>/.exec(page)?.[0]).toBe(
      '<nav class="site languages" aria-label="Idiomas"><ul>' +
        '<li><a href="/posts/weather" hreflang="en" lang="en">English</a></li>' +
        '<li><a href="/pt-br/posts/weather" hreflang="pt-BR" lang="pt-BR" aria-current="page">Português (Brasil)</a></li>' +
        '<li><a href="/ja/posts/weather" hreflang="ja" lang="ja">日本語</a></li>' +
        '<li><a href="/ar/posts/weather" hreflang="ar" lang="ar" dir="rtl">العربية</a></li>' +
        "</ul></nav>",
    );
  });

  it("a scheduled translation is in no switcher, hreflang or JSON of its siblings until its instant", async () => {
    const page = await html("/posts/coming");
    expect(hreflangs(page)).toEqual([]);
    expect(page).not.toContain('class="site languages"');
    expect((await get("/pt-br/posts/coming")).status).toBe(404);
    const body = await json("/posts/coming.json");
    expect([body.language, body.translations]).toEqual(["en", []]);
  });

  it("a post in one language only has no switcher and no hreflang", async () => {
    const page = await html("/pt-br/posts/so-em-portugues");
    expect(hreflangs(page)).toEqual([]);
    expect(page).not.toContain('class="site languages"');
    const body = await json("/pt-br/posts/so-em-portugues.json");
    expect([body.language, body.translations]).toEqual(["pt-BR", []]);
  });

  it("JSON names the language and each translation's URL, and still matches the schema", async () => {
    const post = await json("/pt-br/posts/weather.json");
    expect([post.language, post.translations]).toEqual([
      "pt-BR",
      [
        { language: "en", url: `${ORIGIN}/posts/weather` },
        { language: "ja", url: `${ORIGIN}/ja/posts/weather` },
        { language: "ar", url: `${ORIGIN}/ar/posts/weather` },
      ],
    ]);
    expect(schemaErrors("post", post)).toEqual([]);
    const index = await json("/ja/index.json");
    expect([index.language, (index.translations as { language: string }[]).map((t) => t.language)]).toEqual([
      "ja",
      ["en", "pt-BR", "ar"],
    ]);
    expect(schemaErrors("index", index)).toEqual([]);
    expect(schemaErrors("page", await json("/pt-br/about.json"))).toEqual([]);
  });

  it("Markdown's front matter names the language and the translations too", async () => {
    const res = await get("/pt-br/posts/weather.md");
    const text = await res.text();
    expect(text).toContain(
      [
        "aliases: [/pt-br/2025/tempo-em-toquio]",
        'language: "pt-BR"',
        "translations:",
        '  - language: "en"',
        `    url: "${ORIGIN}/posts/weather"`,
        '  - language: "ja"',
        `    url: "${ORIGIN}/ja/posts/weather"`,
        '  - language: "ar"',
        `    url: "${ORIGIN}/ar/posts/weather"`,
        "---",
      ].join("\n"),
    );
  });

  it("a page's Markdown names its language and translations in its front matter too", async () => {
    const text = await (await get("/pt-br/about.md")).text();
    expect(text).toBe(
      [
        "---",
        "title: Sobre",
        "description: Quem escreve estas notas.",
        "nav: 1",
        'language: "pt-BR"',
        "translations:",
        '  - language: "en"',
        `    url: "${ORIGIN}/about"`,
        "---",
        "",
        "A Ana escreve estas notas em quatro línguas.",
        "",
      ].join("\n"),
    );
  });

  it("the sitemap lists every language's pages, each with its alternates", async () => {
    const res = await get("/sitemap.xml");
    const xml = await res.text();
    expect(xml).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
    const entry = (loc: string) => new RegExp(`<url><loc>${loc}</loc>.*?</url>`).exec(xml)?.[0] ?? "";
    const weather = entry(`${ORIGIN}/ja/posts/weather`);
    expect([...weather.matchAll(/hreflang="([^"]+)" href="([^"]+)"/g)].map((m) => [m[1], m[2]])).toEqual([
      ["en", `${ORIGIN}/posts/weather`],
      ["pt-BR", `${ORIGIN}/pt-br/posts/weather`],
      ["ja", `${ORIGIN}/ja/posts/weather`],
      ["ar", `${ORIGIN}/ar/posts/weather`],
      ["x-default", `${ORIGIN}/posts/weather`],
    ]);
    expect(entry(`${ORIGIN}/pt-br/posts/so-em-portugues`)).not.toContain("xhtml:link");
    expect(xml).not.toContain("/pt-br/posts/coming");
    expect(entry(`${ORIGIN}/pt-br`)).toContain(`hreflang="ar" href="${ORIGIN}/ar"`);
    // A tag two languages share is one page in each, as its HTML links it; one of its own has no alternates.
    const alternatesOf = (loc: string) => [...entry(loc).matchAll(/hreflang="([^"]+)" href="([^"]+)"/g)].map((m) => m[1]);
    expect(alternatesOf(`${ORIGIN}/pt-br/tags/web`)).toEqual(["en", "pt-BR", "x-default"]);
    expect(hreflangs(await html("/pt-br/tags/web")).map(([lang]) => lang)).toEqual(["en", "pt-BR", "x-default"]);
    expect(alternatesOf(`${ORIGIN}/pt-br/tags/tempo`)).toEqual([]);
  });

  it("every link a Portuguese page makes stays in Portuguese, but for the switcher and shared files", async () => {
    for (const path of ["/pt-br", "/pt-br/posts/weather", "/pt-br/tags", "/pt-br/tags/tempo", "/pt-br/archive", "/pt-br/about"]) {
      const page = (await html(path)).replace(/<nav class="site languages".*?<\/nav>/, "");
      const links = [...page.matchAll(/(?:href|action|src)="(\/[^"]*)"/g)].map((m) => m[1] as string);
      const shared = /^\/(media|cards)\/|^\/favicon\.svg$/;
      const stray = links.filter((l) => !shared.test(l) && l !== "/pt-br" && !l.startsWith("/pt-br/"));
      expect([path, stray]).toEqual([path, []]);
      expect(links.length).toBeGreaterThan(5);
    }
  });
});

describe("per language: feeds and search", () => {
  it("a language's OpenSearch description names its own search, in its language", async () => {
    const xml = await (await get("/pt-br/opensearch.xml")).text();
    expect(xml).toContain(`<Url type="text/html" method="get" template="${ORIGIN}/pt-br/search?q={searchTerms}"/>`);
    expect(xml).toContain("<Language>pt-BR</Language>");
    expect(await html("/pt-br")).toContain(
      '<link rel="search" type="application/opensearchdescription+xml" title="Notas de Campo" href="/pt-br/opensearch.xml"/>',
    );
  });

  it("a language's feed carries only its posts, at its URLs, in its language", async () => {
    const atom = await (await get("/pt-br/feed.xml")).text();
    expect(atom).toContain('xml:lang="pt-BR"');
    // The feed's home, then its entries.
    expect([...atom.matchAll(/<link rel="alternate" type="text\/html" href="([^"]+)"\/>/g)].map((m) => m[1])).toEqual([
      `${ORIGIN}/pt-br`,
      `${ORIGIN}/pt-br/posts/so-em-portugues`,
      `${ORIGIN}/pt-br/posts/weather`,
      `${ORIGIN}/pt-br/posts/trip`,
    ]);
    const feed = (await (await get("/feed.json")).json()) as { items: { url: string }[] };
    expect(feed.items.map((i) => i.url)).toEqual([
      `${ORIGIN}/posts/only-english`,
      `${ORIGIN}/posts/coming`,
      `${ORIGIN}/posts/weather`,
      `${ORIGIN}/posts/trip`,
    ]);
  });

  it("a language's search in Markdown, before a query, shows a query in that language", async () => {
    const lineOf = async (path: string) => {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
      return (await res.text()).split("\n")[2];
    };
    expect(await lineOf("/search.md")).toMatch(new RegExp(`: ${ORIGIN}/search\\.md\\?q=words$`));
    expect(await lineOf("/pt-br/search.md")).toMatch(new RegExp(`^Busque em .+: ${ORIGIN}/pt-br/search\\.md\\?q=palavras$`));
    expect(await lineOf("/ja/search.md")).toMatch(
      new RegExp(`を検索：${ORIGIN}/ja/search\\.md\\?q=${encodeURIComponent("検索語")}$`),
    );
  });

  it("each language's search searches only its posts; Japanese finds a word inside a sentence", async () => {
    const found = async (path: string) =>
      ((await (await get(path)).json()) as { results: { slug: string; url: string }[] }).results.map((r) => r.url);
    expect(await found("/ja/search.json?q=%E5%A4%A9%E6%B0%97")).toEqual([`${ORIGIN}/ja/posts/weather`]);
    expect(await found("/search.json?q=%E5%A4%A9%E6%B0%97")).toEqual([]);
    expect(await found("/pt-br/search.json?q=caminhada")).toEqual([`${ORIGIN}/pt-br/posts/weather`]);
    expect(await found("/search.json?q=caminhada")).toEqual([]);
    expect(await found("/search.json?q=walk")).toEqual([`${ORIGIN}/posts/weather`]);
    // The switcher on a search page keeps the query.
    expect(await html("/pt-br/search?q=caminhada")).toContain(
      '<li><a href="/ja/search?q=caminhada" hreflang="ja" lang="ja">日本語</a></li>',
    );
  });

  it("a language's search past its last page is a 404 in that language, leading to its own last page", async () => {
    const res = await get("/pt-br/search?q=caminhada&page=2");
    expect([res.status, res.headers.get("content-type")]).toEqual([404, "text/html; charset=utf-8"]);
    expect(await res.text()).toContain(
      '<p class="lede">Estes resultados não têm página 2: a última é a página 1.</p><p><a href="/pt-br/search?q=caminhada">← Última página de resultados</a></p>',
    );
    const md = await (await get("/pt-br/search.md?q=caminhada&page=2")).text();
    expect(md).toContain(`[← Última página de resultados](${ORIGIN}/pt-br/search.md?q=caminhada)`);
  });
});
