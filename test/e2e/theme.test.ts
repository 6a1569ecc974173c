// A blog with its own look (docs/customising.md): a theme in site.yaml, content/site/style.css,
// a logo and an icon.
// Served by a server of its own, from a copy of the project (its build writes src/generated/),
// so the suite's main blog keeps the built-in look. Checked in a real browser, light and dark:
// the theme's colours and font are what the page draws (the CSP let the stylesheet apply), the
// logo loads with the site title as its name, axe
// finds no violation, vnu no error, Lighthouse gives 100 for accessibility, best practices and
// SEO; screenshots go to docs/screenshots/theme-*.png.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import type { AxeResults } from "axe-core";
import * as chromeLauncher from "chrome-launcher";
import type { Page } from "playwright-core";
import { ROOT } from "./lib/blog.ts";
import { CHROMIUM, CHROMIUM_FLAGS, launch, type Session } from "./lib/browser.ts";
import { assertGate, audit, schemeFlag } from "./lib/lighthouse.ts";
import { docsOutput } from "./lib/outputs.ts";
import { copyProject } from "./lib/project.ts";
import { freePort, type Server, startServer } from "./lib/server.ts";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const VNU = String(require("vnu-jar"));

/** The example docs/customising.md shows. */
const THEME = `
theme:
  light: { accent: "#6a1b9a", background: "#fffdf8", text: "#1d1b16", link: "#5b1487" }
  dark: { accent: "#d7b3ff", background: "#17141c", text: "#ece6f2" }
  font: serif
  code: solarized
`;
const STYLE_CSS = ".brand{letter-spacing:.04em;text-transform:uppercase}\n";
const POST = "/posts/reader-features";
/** A logo with the blog's name drawn in it; the header gives it the site title as alt text. */
const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40" viewBox="0 0 200 40"><style>@media (prefers-color-scheme:dark){text{fill:#d7b3ff}}</style><rect width="40" height="40" rx="10" fill="#6a1b9a"/><circle cx="20" cy="20" r="9" fill="#fffdf8"/><text x="52" y="27" font-family="Georgia,serif" font-size="20" fill="#6a1b9a">Fixture Notes</text></svg>\n';

/** The icon: the logo's square. */
const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40"><rect width="40" height="40" rx="10" fill="#6a1b9a"/><circle cx="20" cy="20" r="9" fill="#fffdf8"/></svg>\n';

let dir: string;
let server: Server | undefined;
let session: Session | undefined;

before(async () => {
  dir = copyProject("e2e-theme-");
  const content = join(dir, "content");
  cpSync(join(ROOT, "test", "fixtures", "blog"), content, { recursive: true });
  cpSync(join(ROOT, "test", "fixtures", "reader-features.md"), join(content, "posts", "reader-features.md"));
  writeFileSync(join(content, "site.yaml"), readFileSync(join(content, "site.yaml"), "utf8") + THEME);
  mkdirSync(join(content, "site"));
  writeFileSync(join(content, "site", "style.css"), STYLE_CSS);
  writeFileSync(join(content, "site", "logo.svg"), LOGO_SVG);
  writeFileSync(join(content, "site", "favicon.svg"), FAVICON_SVG);
  server = await startServer(await freePort(), { cwd: dir });
  session = await launch();
});

after(async () => {
  await session?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const at = (path: string) => new URL(path, server?.url).href;

/** A page in one colour scheme, with every console error (a CSP refusal is one) recorded. */
async function open(path: string, colorScheme: "light" | "dark"): Promise<{ page: Page; errors: string[] }> {
  assert.ok(session);
  const page = await session.browser.newPage({ colorScheme, viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(at(path), { waitUntil: "load" });
  return { page, errors };
}

const drawn = (page: Page) =>
  page.evaluate(() => {
    const body = getComputedStyle(document.body);
    const link = document.querySelector("main p a");
    return {
      background: body.backgroundColor,
      text: body.color,
      font: body.fontFamily.split(",")[0],
      link: link ? getComputedStyle(link).color : "",
      brand: getComputedStyle(document.querySelector(".brand") as Element).textTransform,
    };
  });

/** The header's logo: its alt text, declared size, and whether the browser drew it (the CSP let it load). */
const logo = (page: Page) =>
  page.evaluate(() => {
    const img = document.querySelector("header.site .brand img") as HTMLImageElement | null;
    return img
      ? {
          alt: img.alt,
          width: img.getAttribute("width"),
          height: img.getAttribute("height"),
          loaded: img.complete && img.naturalWidth > 0,
          src: img.getAttribute("src") ?? "",
        }
      : null;
  });

for (const [scheme, expected] of [
  ["light", { background: "rgb(255, 253, 248)", text: "rgb(29, 27, 22)", link: "rgb(91, 20, 135)" }],
  ["dark", { background: "rgb(23, 20, 28)", text: "rgb(236, 230, 242)", link: "rgb(215, 179, 255)" }],
] as const) {
  test(`the theme and style.css draw the page (${scheme}); screenshot`, async () => {
    const { page, errors } = await open(POST, scheme);
    try {
      assert.deepEqual(await drawn(page), { ...expected, font: "ui-serif", brand: "uppercase" });
      const shown = await logo(page);
      assert.ok(shown, "no logo in the header");
      assert.match(shown.src, /^\/media\/[0-9a-f]+\/logo\.svg$/);
      assert.deepEqual({ ...shown, src: "" }, { alt: "Fixture Notes", width: "200", height: "40", loaded: true, src: "" });
      const res = await fetch(at(shown.src));
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "image/svg+xml");
      assert.equal(res.headers.get("cache-control"), "public, max-age=31536000, immutable");
      assert.equal(await res.text(), LOGO_SVG);
      assert.deepEqual(errors, []);
      await page.screenshot({ path: docsOutput(`screenshots/theme-${scheme}.png`) });
    } finally {
      await page.close();
    }
  });

  for (const path of ["/", POST]) {
    test(`axe: the themed ${path} (${scheme}) has no violations`, async () => {
      const { page } = await open(path, scheme);
      try {
        // Evaluated over the DevTools protocol, so the page's strict CSP stays in force.
        await page.evaluate(AXE_SOURCE);
        const results = (await page.evaluate(() =>
          (globalThis as unknown as { axe: typeof import("axe-core") }).axe.run(document, {
            runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
          }),
        )) as AxeResults;
        assert.ok(results.passes.length > 10, "axe checked almost nothing: did it run?");
        assert.deepEqual(
          results.violations.flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(" ")}`)),
          [],
        );
      } finally {
        await page.close();
      }
    });
  }
}

test("the icon: the head links it, the 32 px PNG, the apple-touch-icon and the manifest; each loads, immutable", async () => {
  const { page, errors } = await open("/", "light");
  try {
    const links = await page.evaluate(() =>
      Array.from(document.querySelectorAll('link[rel="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]')).map((l) => ({
        rel: l.getAttribute("rel"),
        href: l.getAttribute("href") ?? "",
      })),
    );
    assert.deepEqual(
      links.map((l) => l.rel),
      ["icon", "icon", "apple-touch-icon", "manifest"],
    );
    const types = ["image/svg+xml", "image/png", "image/png", "application/manifest+json"];
    for (const [i, link] of links.entries()) {
      assert.match(link.href, /^\/media\/[0-9a-f]{12}\/[a-z0-9-]+\.(svg|png|webmanifest)$/);
      const res = await fetch(at(link.href));
      assert.equal(res.status, 200, link.href);
      assert.equal(res.headers.get("content-type")?.split(";")[0], types[i], link.href);
      assert.equal(res.headers.get("cache-control"), "public, max-age=31536000, immutable", link.href);
    }
    const manifest = (await (await fetch(at(links[3]?.href ?? ""))).json()) as { name: string; theme_color: string };
    assert.deepEqual([manifest.name, manifest.theme_color], ["Fixture Notes", "#6a1b9a"]);
    // The browser loads the manifest under the page's CSP (manifest-src 'self'): no refusal.
    const cdp = await page.context().newCDPSession(page);
    const fetched = (await cdp.send("Page.getAppManifest")) as { url: string; errors: unknown[]; data?: string };
    assert.equal(fetched.url, at(links[3]?.href ?? ""));
    assert.deepEqual(fetched.errors, []);
    assert.equal(JSON.parse(fetched.data ?? "{}").name, "Fixture Notes");
    assert.deepEqual(errors, []);
    // The paths asked for without reading the page lead to the blog's icon, not the built-in one.
    for (const path of ["/favicon.ico", "/favicon.svg"]) {
      const res = await fetch(at(path), { redirect: "manual" });
      assert.equal(res.status, 302, path);
      assert.equal(res.headers.get("location"), links[0]?.href, path);
      assert.equal(res.headers.get("cache-control"), "public, max-age=86400", path);
    }
  } finally {
    await page.close();
  }
});

test("Nu HTML Checker: no errors on the themed pages", async () => {
  const tmp = mkdtempSync(join(tmpdir(), "e2e-theme-vnu-"));
  try {
    const files: string[] = [];
    for (const [i, path] of ["/", POST].entries()) {
      const res = await fetch(at(path));
      assert.equal(res.status, 200);
      files.push(join(tmp, `page${i}.html`));
      writeFileSync(files[i] as string, await res.text());
    }
    const { stderr } = await promisify(execFile)("java", ["-jar", VNU, "--format", "json", "--exit-zero-always", ...files], {
      maxBuffer: 16 * 1024 * 1024,
    });
    const messages = (JSON.parse(stderr) as { messages: { type: string; message: string; url: string }[] }).messages;
    assert.deepEqual(
      messages.filter((m) => m.type !== "info").map((m) => `${m.url}: ${m.message}`),
      [],
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

// Lighthouse on the themed post, light and dark: the theme's colours, the author's CSS and the
// logo keep accessibility, best practices and SEO at 100 (lib/lighthouse.ts gates it as the
// suite's own pages).
for (const scheme of ["light", "dark"] as const) {
  test(`Lighthouse (mobile): the themed post (${scheme})`, { timeout: 180_000 }, async (t) => {
    const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: [...CHROMIUM_FLAGS, schemeFlag(scheme)] });
    try {
      assertGate(t, await audit(at(POST), chrome.port));
    } finally {
      chrome.kill();
    }
  });
}
