/**
 * The blog's look from content/, as the build script applies it: a theme in site.yaml and
 * content/site/style.css become the page's stylesheet and its CSP hash; a theme that fails
 * contrast or a style.css that would load something fails the build with one clear problem;
 * and a blog with neither builds exactly as before.
 *
 *   node --test test/node/look-build.test.ts
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, test } from "node:test";
import sharp from "sharp";
import { STYLES } from "../../src/shared/styles.ts";

const root = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "edge-blog-look-"));
after(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the fixture blog with `site.yaml` extended and `files` (path → text) added. */
function blog(name: string, siteYaml: string, files: Record<string, string> = {}): string {
  const content = join(work, name);
  cpSync(join(root, "test", "fixtures", "blog"), content, { recursive: true });
  writeFileSync(join(content, "site.yaml"), readFileSync(join(content, "site.yaml"), "utf8") + siteYaml);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(content, path, ".."), { recursive: true });
    writeFileSync(join(content, path), text);
  }
  return content;
}

function build(content: string) {
  const out = `${content}-out`;
  const run = spawnSync(
    process.execPath,
    [join(root, "src", "build", "index.ts"), "--quiet", "--content", content, "--out", out, "--cache", join(work, "cache")],
    { cwd: content, encoding: "utf8" },
  );
  return { run, out };
}

const problems = (stderr: string) =>
  stderr
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.includes(" → "));
const hash = (css: string) => `sha256-${createHash("sha256").update(css).digest("base64")}`;
const styleHashIn = (out: string) => /export const styleHash = "([^"]+)";/.exec(readFileSync(join(out, "build.ts"), "utf8"))?.[1];

test("a blog without a theme or style.css inlines the built-in stylesheet, unchanged", () => {
  const { run, out } = build(blog("plain", ""));
  assert.equal(run.status, 0, run.stderr);
  assert.equal(styleHashIn(out), hash(STYLES));
  assert.equal(readFileSync(join(out, "content.ts"), "utf8").includes("stylesheet"), false);
});

test("a theme failing contrast fails the build with one problem naming both colours and the ratio", () => {
  const { run } = build(blog("low-contrast", 'theme:\n  light:\n    background: "#ffffff"\n    accent: "#ffd400"\n'));
  assert.equal(run.status, 1);
  assert.deepEqual(problems(run.stderr), ["site.yaml → theme.light.accent: #ffd400 on #ffffff is 1.4:1, needs 4.5:1 (line 13)"]);
});

test("a style.css with an off-site @import fails the build with its line", () => {
  const { run } = build(
    blog("import", "", { "site/style.css": 'h1{letter-spacing:-.01em}\n@import url("https://fonts.example/a.css");\n' }),
  );
  assert.equal(run.status, 1);
  assert.deepEqual(problems(run.stderr), [
    "site/style.css → line 2: @import is not allowed: the page's CSP loads no other stylesheet; put the rules in style.css",
  ]);
});

test("a theme and style.css become the page's stylesheet, and its hash the CSP's", () => {
  const css = ".brand{letter-spacing:.02em}";
  const { run, out } = build(
    blog("themed", 'theme:\n  light: { accent: "#6a1b9a" }\n  font: serif\n', { "site/style.css": `${css}\n` }),
  );
  assert.equal(run.status, 0, run.stderr);
  // A colour given for light only leaves dark mode its built-in one (src/build/theme/theme.ts).
  const darkAccent = /prefers-color-scheme:dark\)\{:root\{[^}]*--accent:(#[0-9a-f]+)/.exec(STYLES)?.[1];
  const stylesheet =
    `${STYLES}:root{--accent:#6a1b9a}@media (prefers-color-scheme:dark){:root{--accent:${darkAccent}}}` +
    "@media print{:root{--bg:#fff;--fg:#000;--accent:#000;--link:#000}}" +
    `body{font-family:ui-serif,Georgia,Cambria,"Times New Roman",Times,serif}${css}`;
  assert.equal(styleHashIn(out), hash(stylesheet));
  assert.ok(readFileSync(join(out, "content.ts"), "utf8").includes(JSON.stringify(stylesheet)));
});

const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40"><rect width="120" height="40" rx="8" fill="#6a1b9a"/></svg>\n';

test("a logo is published under a hashed name and shown in the header with its size", () => {
  const { run, out } = build(blog("logo", "", { "site/logo.svg": LOGO_SVG }));
  assert.equal(run.status, 0, run.stderr);
  const content = readFileSync(join(out, "content.ts"), "utf8");
  const logo = /"logo": (\{[^}]*\})/.exec(content)?.[1];
  assert.ok(logo, "no logo in the site");
  const { url, width, height } = JSON.parse(logo) as { url: string; width: number; height: number };
  assert.match(url, /^\/media\/[0-9a-f]+\/logo\.svg$/);
  assert.deepEqual([width, height], [120, 40]);
  assert.equal(readFileSync(join(out, "assets", url), "utf8"), LOGO_SVG);
  const stylesheet = `${STYLES}.brand img{display:block;height:2.5rem;width:auto;max-width:100%}`;
  assert.equal(styleHashIn(out), hash(stylesheet));
});

test("a broken or tiny logo, or two of them, fails the build with one problem", async () => {
  const { default: sharp } = await import("sharp");
  const tiny = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#000" } })
    .png()
    .toBuffer();
  const cases: [string, Record<string, string | Buffer>, string][] = [
    ["logo-tiny", { "site/logo.png": tiny }, "site/logo.png → file: is 8×8 px; a logo needs at least 16 px each way"],
    [
      "logo-both",
      { "site/logo.png": tiny, "site/logo.svg": LOGO_SVG },
      "site/logo.svg → file: and logo.png are both here: keep one",
    ],
  ];
  for (const [name, files, problem] of cases) {
    const content = blog(name, "");
    for (const [path, data] of Object.entries(files)) {
      mkdirSync(join(content, "site"), { recursive: true });
      writeFileSync(join(content, path), data);
    }
    const { run } = build(content);
    assert.equal(run.status, 1, name);
    assert.deepEqual(problems(run.stderr), [problem], name);
  }
  const { run } = build(blog("logo-broken", "", { "site/logo.png": "not a png" }));
  assert.equal(run.status, 1);
  const lines = problems(run.stderr);
  assert.equal(lines.length, 1);
  assert.match(lines[0] ?? "", /^site\/logo\.png → file: could not be read as an image: /);
});

test("the social cards take the theme's and style.css's light colours", async () => {
  const { run, out } = build(
    blog("carded", 'theme:\n  light: { accent: "#6a1b9a" }\n', { "site/style.css": ":root{--bg:#fafaf0}\n" }),
  );
  assert.equal(run.status, 0, run.stderr);
  const cards = readdirSync(join(out, "assets", "cards")).filter((f) => f.endsWith(".png"));
  assert.ok(cards.length > 0);
  const { data, info } = await sharp(join(out, "assets", "cards", cards[0] as string))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixel = (x: number, y: number) => {
    const i = (y * info.width + x) * 3;
    return `#${[data[i], data[i + 1], data[i + 2]].map((v) => (v ?? 0).toString(16).padStart(2, "0")).join("")}`;
  };
  assert.equal(pixel(5, 5), "#6a1b9a", "the accent stripe");
  assert.equal(pixel(5, 300), "#fafaf0", "the background");
});

const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><circle cx="32" cy="32" r="30" fill="#6a1b9a"/></svg>\n';

test("a favicon.svg becomes a 32 px icon, a 180 px apple-touch-icon and a manifest, under hashed names", async () => {
  const { run, out } = build(
    blog("favicon", 'theme:\n  light: { accent: "#6a1b9a", background: "#fffdf8" }\n', { "site/favicon.svg": ICON_SVG }),
  );
  assert.equal(run.status, 0, run.stderr);
  const content = readFileSync(join(out, "content.ts"), "utf8");
  const icons = JSON.parse(/"icons": (\{[\s\S]*?\n {2}\})/.exec(content)?.[1] ?? "null") as {
    icon: { url: string; type: string };
    png: string;
    appleTouch: string;
    manifest: string;
  };
  assert.ok(icons, "no icons in the site");
  assert.match(icons.icon.url, /^\/media\/[0-9a-f]{12}\/favicon\.svg$/);
  assert.equal(icons.icon.type, "image/svg+xml");
  assert.match(icons.png, /^\/media\/[0-9a-f]{12}\/favicon-32\.png$/);
  assert.match(icons.appleTouch, /^\/media\/[0-9a-f]{12}\/apple-touch-icon\.png$/);
  assert.match(icons.manifest, /^\/media\/[0-9a-f]{12}\/site\.webmanifest$/);
  assert.equal(readFileSync(join(out, "assets", icons.icon.url), "utf8"), ICON_SVG);
  const size = async (url: string) => {
    const m = await sharp(join(out, "assets", url)).metadata();
    return [m.format, m.width, m.height, m.hasAlpha];
  };
  assert.deepEqual(await size(icons.png), ["png", 32, 32, true]);
  // iOS draws transparency black: the touch icon is flattened on the theme's background.
  assert.deepEqual(await size(icons.appleTouch), ["png", 180, 180, false]);
  const corner = await sharp(join(out, "assets", icons.appleTouch))
    .extract({ left: 0, top: 0, width: 1, height: 1 })
    .raw()
    .toBuffer();
  assert.deepEqual([...corner], [0xff, 0xfd, 0xf8]);
  assert.deepEqual(JSON.parse(readFileSync(join(out, "assets", icons.manifest), "utf8")), {
    name: "Fixture Notes",
    short_name: "Fixture Notes",
    start_url: "/",
    display: "browser",
    theme_color: "#6a1b9a",
    background_color: "#fffdf8",
    icons: [
      { src: icons.icon.url, sizes: "any", type: "image/svg+xml" },
      { src: icons.png, sizes: "32x32", type: "image/png" },
      { src: icons.appleTouch, sizes: "180x180", type: "image/png" },
    ],
  });
});

test("a blog without a favicon keeps the built-in icon", () => {
  const { run, out } = build(blog("no-favicon", ""));
  assert.equal(run.status, 0, run.stderr);
  assert.equal(readFileSync(join(out, "content.ts"), "utf8").includes('"icons"'), false);
});

test("a favicon that is not square, too small, not an image, or two of them fails the build with one problem", async () => {
  const png = (w: number, h: number) =>
    sharp({ create: { width: w, height: h, channels: 3, background: "#6a1b9a" } })
      .png()
      .toBuffer();
  const cases: [string, Record<string, string | Buffer>, string][] = [
    ["icon-wide", { "site/favicon.png": await png(300, 200) }, "site/favicon.png → file: is 300×200 px; an icon must be square"],
    [
      "icon-small",
      { "site/favicon.png": await png(64, 64) },
      "site/favicon.png → file: is 64×64 px; an icon needs at least 180×180 px (the largest one made from it)",
    ],
    ["icon-text", { "site/favicon.png": "not a png" }, "site/favicon.png → file: could not be read as a PNG image"],
    ["icon-svg-wide", { "site/favicon.svg": LOGO_SVG }, "site/favicon.svg → file: is 120×40 px; an icon must be square"],
    [
      "icon-both",
      { "site/favicon.png": await png(200, 200), "site/favicon.svg": ICON_SVG },
      "site/favicon.svg → file: and favicon.png are both here: keep one",
    ],
  ];
  for (const [name, files, problem] of cases) {
    const content = blog(name, "");
    mkdirSync(join(content, "site"), { recursive: true });
    for (const [path, data] of Object.entries(files)) writeFileSync(join(content, path), data);
    const { run } = build(content);
    assert.equal(run.status, 1, name);
    assert.deepEqual(problems(run.stderr), [problem], name);
  }
});
