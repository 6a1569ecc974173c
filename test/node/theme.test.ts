/**
 * The blog's look from content/ (src/build/theme/): WCAG contrast, the `theme:` schema in
 * site.yaml, the CSS it adds and the checks on content/site/style.css. Pure functions, in Node:
 *
 *   node --test test/node/theme.test.ts
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseSite } from "../../src/build/content/site.ts";
import { contrastRatio, formatRatio, luminance, parseHex } from "../../src/build/theme/contrast.ts";
import { siteCssProblems } from "../../src/build/theme/site-css.ts";
import { CODE_THEMES, contrastErrors, parseTheme, themeCss } from "../../src/build/theme/theme.ts";
import { STYLES } from "../../src/shared/styles.ts";

const SITE = "title: T\ndescription: D\nauthor: A\nlanguage: en\norigin: https://blog.fixture.test\n";

test("relative luminance and contrast match WCAG's known values", () => {
  assert.equal(luminance([255, 255, 255]), 1);
  assert.equal(luminance([0, 0, 0]), 0);
  assert.equal(contrastRatio("#000", "#fff"), 21);
  assert.equal(contrastRatio("#fff", "#fff"), 1);
  // The classic pair at the AA edge: #767676 passes on white, #777777 does not.
  assert.equal(contrastRatio("#767676", "#ffffff").toFixed(2), "4.54");
  assert.equal(contrastRatio("#777777", "#ffffff").toFixed(2), "4.48");
  // Order does not matter: lighter over darker.
  assert.equal(contrastRatio("#ffffff", "#0b57d0"), contrastRatio("#0b57d0", "#ffffff"));
  assert.equal(contrastRatio("#ffd400", "#ffffff").toFixed(3), "1.432");
});

test("a ratio is rounded down, so a failing pair never reads as passing", () => {
  assert.equal(formatRatio(4.48), "4.4:1");
  assert.equal(formatRatio(4.5), "4.5:1");
  assert.equal(formatRatio(21), "21:1");
});

test("colours are #rgb or #rrggbb", () => {
  assert.deepEqual(parseHex("#fff"), [255, 255, 255]);
  assert.deepEqual(parseHex("#0B57D0"), [11, 87, 208]);
  assert.equal(parseHex("red"), undefined);
  assert.equal(parseHex("#ffff"), undefined);
  assert.equal(parseHex("rgb(0,0,0)"), undefined);
});

test("every built-in code theme is readable in light and dark", () => {
  assert.deepEqual(Object.keys(CODE_THEMES), ["github", "solarized", "nord", "mono"]);
  for (const code of Object.keys(CODE_THEMES)) assert.deepEqual(contrastErrors("site.yaml", { light: {}, dark: {}, code }), []);
});

test("the github code theme is the built-in stylesheet's own colours", () => {
  for (const [scheme, tokens] of Object.entries(CODE_THEMES.github ?? {})) {
    const block =
      scheme === "light"
        ? /^:root\{([^}]*)\}/.exec(STYLES)?.[1]
        : /prefers-color-scheme:dark\)\{:root\{([^}]*)\}/.exec(STYLES)?.[1];
    assert.ok(block?.includes(`--code-bg:${tokens.codeBg}`), scheme);
    for (const t of ["k", "s", "c", "n", "f", "t", "ins", "del"] as const)
      assert.ok(block?.includes(`--${t}:${tokens[t]}`), `${scheme} ${t}`);
  }
});

test("a failing pair names the field, both colours and the ratio", () => {
  const { errors } = parseSite(
    "content/site.yaml",
    `${SITE}theme:\n  light:\n    accent: "#ffd400"\n    background: "#ffffff"\n`,
  );
  assert.deepEqual(errors, [
    { file: "content/site.yaml", field: "theme.light.accent", message: "#ffd400 on #ffffff is 1.4:1, needs 4.5:1 (line 8)" },
  ]);
});

test("a background that the built-in muted text cannot be read on is named", () => {
  const { errors } = parseSite(
    "site.yaml",
    `${SITE}theme:\n  dark:\n    background: "#444444"\n    text: "#ffffff"\n    accent: "#ffffff"\n`,
  );
  assert.deepEqual(errors, [
    {
      file: "site.yaml",
      field: "theme.dark.background",
      message: "the muted text (dates, footer): #9da7b3 on #444444 is 3.9:1, needs 4.5:1 (line 8)",
    },
  ]);
});

test("unknown keys get a suggestion, bad colours and choices are named", () => {
  const { errors } = parseSite(
    "site.yaml",
    `${SITE}theme:\n  ligt: {}\n  dark:\n    acent: "#fff"\n    text: red\n  font: comic\n  code: monokai\n`,
  );
  assert.deepEqual(errors, [
    {
      file: "site.yaml",
      field: "theme.ligt",
      message: "unknown field (did you mean light?); known: light, dark, font, code (line 7)",
    },
    {
      file: "site.yaml",
      field: "theme.dark.acent",
      message: "unknown field (did you mean accent?); known: accent, background, text, link (line 9)",
    },
    { file: "site.yaml", field: "theme.dark.text", message: 'must be a colour like #0b57d0 or #fff, got "red" (line 10)' },
    { file: "site.yaml", field: "theme.font", message: 'must be one of sans, serif, mono, got "comic" (line 11)' },
    { file: "site.yaml", field: "theme.code", message: 'must be one of github, solarized, nord, mono, got "monokai" (line 12)' },
  ]);
  assert.deepEqual(parseSite("site.yaml", `${SITE}theme: dark\n`).errors, [
    { file: "site.yaml", field: "theme", message: "must be a mapping with light, dark, font or code (line 6)" },
  ]);
});

test("without a theme the site has no stylesheet of its own: pages inline the built-in one", () => {
  const { site, errors } = parseSite("site.yaml", SITE);
  assert.deepEqual(errors, []);
  assert.equal(site?.stylesheet, undefined);
  assert.equal("stylesheet" in (site ?? {}), false);
});

test("a theme adds only what it changes after the built-in stylesheet", () => {
  const { site, errors } = parseSite(
    "site.yaml",
    `${SITE}theme:\n  light: { accent: "#8a2be2", link: "#6a1b9a" }\n  dark: { background: "#101010" }\n  font: serif\n  code: nord\n`,
  );
  assert.deepEqual(errors, []);
  const n = CODE_THEMES.nord;
  assert.equal(
    site?.stylesheet,
    STYLES +
      `:root{--accent:#8a2be2;--link:#6a1b9a;--code-bg:${n?.light.codeBg};--k:${n?.light.k};--s:${n?.light.s};--c:${n?.light.c};--n:${n?.light.n};--f:${n?.light.f};--t:${n?.light.t};--ins:${n?.light.ins};--del:${n?.light.del}}` +
      `@media (prefers-color-scheme:dark){:root{--bg:#101010;--accent:${DARK.accent};--link:var(--accent);--code-bg:${n?.dark.codeBg};--k:${n?.dark.k};--s:${n?.dark.s};--c:${n?.dark.c};--n:${n?.dark.n};--f:${n?.dark.f};--t:${n?.dark.t};--ins:${n?.dark.ins};--del:${n?.dark.del}}}` +
      "a{color:var(--link)}@media print{:root{--bg:#fff;--fg:#000;--accent:#000;--link:#000}}" +
      'body{font-family:ui-serif,Georgia,Cambria,"Times New Roman",Times,serif}',
  );
  assert.equal(themeCss({ light: {}, dark: {} }), "");
  assert.equal(themeCss({ light: {}, dark: {}, font: "sans" }), "");
});

// The built-in dark colours, read from the stylesheet itself.
const DARK = Object.fromEntries(
  ["bg", "fg", "accent"].map((p) => [
    p,
    new RegExp(`prefers-color-scheme:dark\\)\\{:root\\{[^}]*--${p}:(#[0-9a-f]+)`).exec(STYLES)?.[1],
  ]),
) as Record<"bg" | "fg" | "accent", string>;

test("colours given only for light do not reach dark mode: dark keeps the built-in ones the contrast check judged", () => {
  assert.match(DARK.accent, /^#/);
  const { site, errors } = parseSite(
    "site.yaml",
    `${SITE}theme:\n  light: { accent: "#8a2be2", text: "#222222", background: "#fffdf5" }\n`,
  );
  assert.deepEqual(errors, []);
  assert.equal(
    site?.stylesheet,
    STYLES +
      ":root{--bg:#fffdf5;--fg:#222222;--accent:#8a2be2}" +
      `@media (prefers-color-scheme:dark){:root{--bg:${DARK.bg};--fg:${DARK.fg};--accent:${DARK.accent}}}` +
      "@media print{:root{--bg:#fff;--fg:#000;--accent:#000;--link:#000}}",
  );
});

test("parseTheme keeps colours lower-cased and trimmed", () => {
  const problems: string[] = [];
  const theme = parseTheme({ light: { text: " #1A1A1A " } }, (f, m) => problems.push(`${f}: ${m}`));
  assert.deepEqual(problems, []);
  assert.deepEqual(theme, { light: { text: "#1a1a1a" }, dark: {} });
});

test("style.css may not load anything or leave its <style> element", () => {
  assert.deepEqual(siteCssProblems(":root{--accent:#8a2be2}\nbody{letter-spacing:.01em}\n"), []);
  assert.deepEqual(
    siteCssProblems(
      [
        '@import url("https://fonts.example/x.css");',
        "/* url(commented.png) is fine */",
        'h1{background:url("./bg.png")}',
        "h2{background:image-set('a.png' 1x)}",
        "h3::before{content:'\\75rl('}",
        "p{}</style><script>",
      ].join("\n"),
    ),
    [
      {
        field: "line 1",
        message: "@import is not allowed: the page's CSP loads no other stylesheet; put the rules in style.css",
      },
      {
        field: "line 3",
        message:
          "url() is not allowed: the page's CSP loads no fonts or images from CSS; use colours, gradients and system fonts",
      },
      {
        field: "line 4",
        message:
          "url() is not allowed: the page's CSP loads no fonts or images from CSS; use colours, gradients and system fonts",
      },
      {
        field: "line 5",
        message: "backslash escapes are not allowed (they could spell url( or @import); write the character itself",
      },
      { field: "line 6", message: "</style would end the page's stylesheet early" },
    ],
  );
  assert.deepEqual(siteCssProblems("a{}".padEnd(20_000, " ")), [
    { field: "file", message: "is 20000 bytes, more than 16384: every page inlines it" },
  ]);
});

test("a marked code line's bar (the accent) must be seen on the code background: 3:1", () => {
  // #777777 reads on black (4.6:1) but hardly on nord's dark code background.
  const theme = { light: {}, dark: { background: "#000000", accent: "#777777" }, code: "nord" };
  assert.deepEqual(contrastErrors("site.yaml", theme), [
    {
      file: "site.yaml",
      field: "theme.dark.accent",
      message: `the bar of a marked code line: #777777 on #2e3440 is ${formatRatio(contrastRatio("#777777", "#2e3440"))}, needs 3:1`,
    },
  ]);
  assert.ok(contrastRatio("#777777", "#2e3440") < 3);
  assert.deepEqual(contrastErrors("site.yaml", { ...theme, dark: { background: "#000000", accent: "#999999" } }), []);
});
