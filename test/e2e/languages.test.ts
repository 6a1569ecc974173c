// Blogs in other languages (docs/writing.md, "Writing in another language"): the fixture blogs
// test/fixtures/blog-ar, blog-ja and blog-pt-br, each served in turn by a server of its own from
// a copy of the project (its build writes src/generated/, so the suite's main blog is untouched).
// - Arabic, right to left: axe finds no violation and vnu no error; in Chromium the layout
//   mirrors (the header's title on the right, the contents' list indented from the right) while
//   code blocks stay left to right; a screenshot goes to docs/screenshots/rtl-post.png.
// - Japanese: axe and vnu the same; its search finds a word inside a sentence.
// - Brazilian Portuguese: no English word of the interface in any representation served.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import type { AxeResults } from "axe-core";
import type { Page } from "playwright-core";
import { englishFound } from "../english-words.ts";
import { ROOT } from "./lib/blog.ts";
import { launch, type Session } from "./lib/browser.ts";
import { docsOutput } from "./lib/outputs.ts";
import { copyProject } from "./lib/project.ts";
import { freePort, type Server, startServer } from "./lib/server.ts";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const VNU = String(require("vnu-jar"));

let dir: string;
let session: Session | undefined;
before(async () => {
  dir = copyProject("e2e-languages-");
  session = await launch();
});
after(async () => {
  await session?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Serves one fixture blog for the tests of its `describe`; the servers take turns in the one copy. */
function serving(blog: string): { at: (path: string) => string } {
  let server: Server | undefined;
  before(async () => {
    server = await startServer(await freePort(), { cwd: dir, content: join(ROOT, "test", "fixtures", blog) });
  });
  after(() => server?.stop());
  return { at: (path) => new URL(path, server?.url).href };
}

async function open(url: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  assert.ok(session);
  const page = await session.browser.newPage({ colorScheme: "light", viewport });
  await page.goto(url, { waitUntil: "load" });
  return page;
}

async function axe(url: string): Promise<string[]> {
  const page = await open(url);
  try {
    // Evaluated over the DevTools protocol, so the page's strict CSP stays in force.
    await page.evaluate(AXE_SOURCE);
    const results = (await page.evaluate(() =>
      (globalThis as unknown as { axe: typeof import("axe-core") }).axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      }),
    )) as AxeResults;
    assert.ok(results.passes.length > 10, "axe checked almost nothing: did it run?");
    return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(" ")}`));
  } finally {
    await page.close();
  }
}

/** vnu's errors and warnings on the pages at `urls`. */
async function vnu(urls: string[]): Promise<string[]> {
  const tmp = mkdtempSync(join(tmpdir(), "e2e-languages-vnu-"));
  try {
    const files: string[] = [];
    for (const [i, url] of urls.entries()) {
      const res = await fetch(url);
      assert.equal(res.status, 200, url);
      files.push(join(tmp, `page${i}.html`));
      writeFileSync(files[i] as string, await res.text());
    }
    const { stderr } = await promisify(execFile)("java", ["-jar", VNU, "--format", "json", "--exit-zero-always", ...files], {
      maxBuffer: 16 * 1024 * 1024,
    });
    const messages = (JSON.parse(stderr) as { messages: { type: string; message: string; url: string }[] }).messages;
    return messages.filter((m) => m.type !== "info").map((m) => `${m.url}: ${m.message}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Where the page puts what mirrors in a right-to-left layout, and what must not. */
const layout = (page: Page) =>
  page.evaluate(() => {
    const box = (selector: string) => {
      const r = (document.querySelector(selector) as Element).getBoundingClientRect();
      return { left: Math.round(r.left), right: Math.round(r.right) };
    };
    const style = (selector: string) => getComputedStyle(document.querySelector(selector) as Element);
    return {
      dir: document.documentElement.dir,
      direction: style("body").direction,
      brand: box("header.site .brand"),
      nav: box("header.site nav.site"),
      tocList: { start: style(".toc ol").paddingRight, end: style(".toc ol").paddingLeft },
      code: { direction: style("pre").direction, align: style("pre").textAlign },
      width: document.documentElement.clientWidth,
    };
  });

describe("an Arabic blog, right to left", () => {
  const { at } = serving("blog-ar");
  const POST = "/posts/hello-world";

  test("axe finds no violation on its pages", async () => {
    for (const path of ["/", POST, "/tags", `/tags/${encodeURIComponent("ملاحظات")}`]) {
      assert.deepEqual(await axe(at(path)), [], path);
    }
  });

  test("vnu finds no error on its pages", async () => {
    assert.deepEqual(await vnu(["/", POST, "/tags", "/archive", "/search?q=القهوة"].map(at)), []);
  });

  test("the layout mirrors and code stays left to right (Chromium); screenshot", async () => {
    const page = await open(at(POST));
    try {
      const l = await layout(page);
      assert.equal(l.dir, "rtl");
      assert.equal(l.direction, "rtl");
      // The blog's title at the start of the header, the right; its navigation at the end, the left.
      assert.ok(l.brand.right > l.nav.right && l.brand.left > l.nav.left, JSON.stringify(l));
      assert.ok(l.width - l.brand.right < l.nav.left + 1, `the title hugs the right edge: ${JSON.stringify(l)}`);
      // The contents' list is indented from the right, where its numbers are.
      assert.deepEqual(l.tocList, { start: "20px", end: "0px" });
      assert.deepEqual(l.code, { direction: "ltr", align: "start" });
      await page.screenshot({ path: docsOutput("screenshots/rtl-post.png"), fullPage: true });
    } finally {
      await page.close();
    }
  });
});

describe("a Japanese blog", () => {
  const { at } = serving("blog-ja");
  const POST = "/posts/tokyo-weather";

  test("axe finds no violation and vnu no error on its pages", async () => {
    for (const path of ["/", POST]) assert.deepEqual(await axe(at(path)), [], path);
    assert.deepEqual(await vnu(["/", POST, "/tags", "/search?q=天気"].map(at)), []);
  });

  test("is laid out left to right: the same checks that see the Arabic page mirror", async () => {
    const page = await open(at(POST));
    try {
      const l = await layout(page);
      assert.equal(l.direction, "ltr");
      assert.ok(l.brand.left < l.nav.left, JSON.stringify(l));
      assert.deepEqual(l.tocList, { start: "0px", end: "20px" });
    } finally {
      await page.close();
    }
  });

  test("its search finds a word inside a sentence", async () => {
    const res = await fetch(at(`/search.json?q=${encodeURIComponent("晴れ")}`));
    assert.equal(res.status, 200);
    const body = (await res.json()) as { total: number; results: { slug: string; snippetHtml: string }[] };
    assert.equal(body.total, 1);
    assert.equal(body.results[0]?.slug, "tokyo-weather");
    assert.match(body.results[0]?.snippetHtml ?? "", /東京の天気は<mark>晴れ<\/mark>です。/);
  });
});

/** A JSON document's string values: its keys stay English. */
const values = (v: unknown): string[] =>
  typeof v === "string" ? [v] : v && typeof v === "object" ? Object.values(v).flatMap(values) : [];

describe("a Brazilian Portuguese blog", () => {
  const { at } = serving("blog-pt-br");

  test("shows no English word of the interface in any representation", async () => {
    const paths = [
      "/",
      "/index.md",
      "/page/2",
      "/page/2.md",
      "/posts/ola-mundo",
      "/posts/ola-mundo.md",
      "/posts/ola-mundo.json",
      "/tags",
      "/tags.md",
      "/tags/caf%C3%A9",
      "/tags/caf%C3%A9.md",
      "/tags/caf%C3%A9/feed.xml",
      "/archive",
      "/archive.md",
      "/series/primeiros-passos",
      "/series/primeiros-passos.md",
      "/search?q=caf%C3%A9",
      "/search.md?q=caf%C3%A9",
      "/search.md?q=nada",
      "/search.md",
      "/feed.xml",
      "/feed.json",
      "/opensearch.xml",
      "/llms.txt",
      "/llms-full.txt",
      "/no-such-page",
      "/no-such-page.md",
    ];
    const found: string[] = [];
    for (const path of paths) {
      const res = await fetch(at(path));
      assert.ok(res.status === 200 || path.startsWith("/no-such"), `${path}: ${res.status}`);
      const body = await res.text();
      // What a reader reads: markup, URLs and JSON keys left out.
      // JSON's keys and a post's front matter (its source, verbatim) are the format's, not the interface's.
      const readable = path.endsWith(".json") ? values(JSON.parse(body)).join("\n") : body.replace(/^---\n[\s\S]*?\n---\n/, "");
      const text = readable
        .replace(/<(style|script)\b[^>]*>[\s\S]*?<\/\1>/g, " ")
        .replace(/<[^>]*>|&lt;[^&]*&gt;|https?:\/\/[^\s)<"]+/g, " ");
      // Loanwords Portuguese shares with English, and the protocol's own names.
      // "use" is Portuguese too ("Use o cabeçalho Accept"), and English's only in a footnote's "use 2".
      const shared = new Set(["Site", "Feed", "JSON Feed", "Accept", "text/markdown", "use"]);
      found.push(...englishFound([text], shared).map((f) => `${path} ${f}`));
    }
    assert.deepEqual(found, []);
  });

  test("a tag in another spelling moves to its one URL", async () => {
    const res = await fetch(at("/tags/Caf%C3%A9"), { redirect: "manual" });
    assert.equal(res.status, 301);
    assert.equal(res.headers.get("location"), "/tags/caf%C3%A9");
  });
});

// A blog in several languages (test/fixtures/blog-languages: en, pt-BR, ja, ar), as `npm start`
// serves it: each translation passes axe and vnu with its switcher, the switcher leads from one
// language to another in Chromium with no script (its header goes to
// docs/screenshots/language-switcher.png), and every hreflang alternate links back.
describe("a blog in several languages", () => {
  const { at } = serving("blog-languages");
  const TRANSLATIONS = ["/posts/weather", "/pt-br/posts/weather", "/ja/posts/weather", "/ar/posts/weather"];

  test("axe finds no violation and vnu no error on each translation, switcher included", async () => {
    for (const path of [...TRANSLATIONS, "/pt-br", "/ar"]) assert.deepEqual(await axe(at(path)), [], path);
    assert.deepEqual(await vnu([...TRANSLATIONS, "/pt-br", "/ar"].map(at)), []);
  });

  test("the switcher leads to the same post in another language, with no script", async () => {
    const page = await open(at("/pt-br/posts/weather"));
    try {
      await page.click('nav.languages a[hreflang="ja"]');
      await page.waitForURL(/\/ja\/posts\/weather$/);
      assert.equal(await page.evaluate(() => document.documentElement.lang), "ja");
      assert.equal(await page.textContent("h1"), "東京の天気");
      await page.click('nav.languages a[hreflang="ar"]');
      await page.waitForURL(/\/ar\/posts\/weather$/);
      assert.equal(await page.evaluate(() => document.documentElement.dir), "rtl");
      await page.goto(at("/pt-br/posts/weather"), { waitUntil: "load" });
      await page.locator("header.site").screenshot({ path: docsOutput("screenshots/language-switcher.png") });
    } finally {
      await page.close();
    }
  });

  test("hreflang is reciprocal: every alternate of every page links back to it", async () => {
    const hreflangs = async (path: string) => {
      const res = await fetch(at(path));
      assert.equal(res.status, 200, path);
      const html = await res.text();
      return [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="https?:\/\/[^/]+([^"]*)"\/>/g)].map(
        (m) => `${m[1]} ${m[2] || "/"}`,
      );
    };
    for (const path of [...TRANSLATIONS, "/", "/about", "/tags", "/archive"]) {
      const own = await hreflangs(path);
      assert.ok(own.length >= 3, `${path} names its translations`);
      for (const alternate of own) {
        const [, target = ""] = alternate.split(" ");
        assert.deepEqual(await hreflangs(target), own, `${path} → ${target}`);
      }
    }
  });
});
