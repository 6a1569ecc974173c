/**
 * Social cards, drawn at build time with resvg (a native module), so tested in Node, not in
 * workerd:
 *
 *   node --test test/node/cards.test.ts
 *
 * Every input is made here; nothing is read from content/.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, describe, test } from "node:test";
import { Resvg } from "@resvg/resvg-js";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import sharp from "sharp";
import type { Drawn } from "../../src/build/cards/batch.ts";
import { type CardPost, renderCards } from "../../src/build/cards/batch.ts";
import { cardColours } from "../../src/build/cards/colours.ts";
import { advance, hasFamily, MISSING_FONTS_ADVICE } from "../../src/build/cards/fonts.ts";
import { balance, breakUnits, ellipsize, fitText, wrap } from "../../src/build/cards/layout.ts";
import { planCards } from "../../src/build/cards/plan.ts";
import { paintCard } from "../../src/build/cards/raster.ts";
import { renderCard, resvgOptions } from "../../src/build/cards/render.ts";
import { buildCards, drawAhead, drawingAhead, endDrawingAhead } from "../../src/build/cards/stage.ts";
import {
  type CardInput,
  cardSvg,
  composeCard,
  HEIGHT,
  MARGIN,
  type Paint,
  TITLE_BAND,
  WIDTH,
} from "../../src/build/cards/template.ts";
import { parseSite } from "../../src/build/content/site.ts";
import { DRAW_WORKER, startEarly, thread, waiting } from "../../src/build/early.ts";
import { STYLES } from "../../src/shared/styles.ts";

const work = mkdtempSync(join(tmpdir(), "edge-blog-cards-"));
after(() => rmSync(work, { recursive: true, force: true }));

const input = (title: string, lang = "en"): CardInput => ({ title, date: "2025-03-04T00:00:00Z", siteName: "A Test Site", lang });
/** 200 characters of words, the longest title the issue asks for. */
const LONG = Array.from({ length: 40 }, (_, i) => `word${i}`)
  .join(" ")
  .slice(0, 200);

/** The card's pixels, RGBA, as resvg draws them from the card's own SVG and fonts. */
function pixels(card: { svg: string; fontFiles: string[] }) {
  const image = new Resvg(card.svg, resvgOptions(card.fontFiles)).render();
  return { data: image.pixels, width: image.width, height: image.height };
}
/** Pixels in rows [top, bottom) and columns [left, right) that are clearly darker than the light background. */
function ink(p: ReturnType<typeof pixels>, box: { top: number; bottom: number; left: number; right: number }) {
  let n = 0;
  for (let y = box.top; y < box.bottom; y++) {
    for (let x = box.left; x < box.right; x++) {
      const i = (y * p.width + x) * 4;
      if (p.data[i]! + p.data[i + 1]! + p.data[i + 2]! < 3 * 200) n++;
    }
  }
  return n;
}
/**
 * How a PNG differs from resvg's drawing of the card: the mean difference per channel, and how
 * many channel values differ by more than `farther`. Differences are anti-aliasing at glyph
 * edges; a glyph missing or moved differs by the whole contrast.
 */
async function difference(drawn: ReturnType<typeof pixels>, png: Uint8Array, farther: number) {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  assert.deepEqual([info.width, info.height], [WIDTH, HEIGHT]);
  let sum = 0;
  let far = 0;
  for (let px = 0; px < WIDTH * HEIGHT; px++) {
    for (let c = 0; c < 3; c++) {
      const d = Math.abs(drawn.data[px * 4 + c]! - data[px * info.channels + c]!);
      sum += d;
      if (d > farther) far++;
    }
  }
  return { mean: sum / (WIDTH * HEIGHT * 3), far };
}
const titleBand = (left: number, right: number) => ({ top: TITLE_BAND.top, bottom: TITLE_BAND.bottom, left, right });

describe("renderCard", () => {
  test("makes a PNG of exactly 1200×630", async () => {
    const png = await renderCard(input("Hello, world"));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    // The first chunk must be IHDR (PNG §11.2.2): length 13, then width and height, big-endian.
    assert.equal(view.getUint32(8), 13);
    assert.equal(new TextDecoder().decode(png.subarray(12, 16)), "IHDR");
    assert.equal(view.getUint32(16), 1200);
    assert.equal(view.getUint32(20), 630);
    assert.equal(WIDTH, 1200);
    assert.equal(HEIGHT, 630);
  });

  test("the same input gives the same bytes", async () => {
    const a = await renderCard(input("Determinism, twice"));
    const b = await renderCard(input("Determinism, twice"));
    assert.ok(Buffer.from(a).equals(Buffer.from(b)));
    const c = await renderCard(input("Determinism, thrice"));
    assert.ok(!Buffer.from(a).equals(Buffer.from(c)));
  });

  test("draws the title: a card with a title has ink where one without has none", () => {
    const card = composeCard(input("Ink"));
    assert.ok(ink(pixels(card), titleBand(0, WIDTH)) > 500);
  });

  test("the PNG is the card's SVG as resvg draws it whole: the same picture, glyphs within 1/8 px", async () => {
    // Kerning (AV, Wa), a ligature (fi), punctuation, a long title over several lines, a box.
    for (const title of ["AVAWAY fi fl Wavy “quotes” — and dashes", LONG, "Boxes: \u{1F600}"]) {
      const card = composeCard(input(title));
      const drawn = pixels(card);
      const { mean, far } = await difference(drawn, await renderCard(input(title)), 64);
      // Differences are anti-aliasing at glyph edges, never a glyph missing or moved.
      assert.ok(mean < 0.5, `${title}: mean difference ${mean}`);
      assert.equal(far, 0, `${title}: ${far} channel values differ by more than 64`);
      assert.ok(ink(drawn, titleBand(0, WIDTH)) > 500);
    }
  });

  test("a card is a palette PNG, and stays the same picture in any colours: black on white, or light on dark", async () => {
    const themes = [
      ":root{--bg:#ffffff;--fg:#000000;--muted:#555555;--accent:#0000ff;--rule:#dddddd}",
      ":root{--bg:#102030;--fg:#f0f0f0;--muted:#8090a0;--accent:#ff8800;--rule:#304050}",
    ];
    for (const theme of themes) {
      const card = { ...input("AVAWAY fi fl Wavy “quotes” — and dashes"), colours: cardColours(`${STYLES}${theme}`) };
      const png = await renderCard(card);
      // IHDR: 8 bits, colour type 3 (palette); then a PLTE chunk of at most 256 colours.
      assert.deepEqual([png[24], png[25]], [8, 3]);
      const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
      assert.equal(new TextDecoder().decode(png.subarray(37, 41)), "PLTE");
      assert.ok(view.getUint32(33) <= 256 * 3 && view.getUint32(33) % 3 === 0);
      // Glyphs within 1/8 px of resvg's differ at their edges by up to a quarter of the contrast
      // (65 of black on white's 255); a glyph missing or moved differs by all of it.
      const { mean, far } = await difference(pixels(composeCard(card)), png, 96);
      assert.ok(mean < 0.5, `${theme}: mean difference ${mean}`);
      assert.equal(far, 0, `${theme}: ${far} channel values differ by more than 96`);
    }
  });

  test("a card that is not text on its ground is left to resvg: text over a rule, or a third text colour", async () => {
    const rects = [
      { x: 0, y: 0, width: 100, height: 60, fill: "#ffffff" },
      { x: 0, y: 20, width: 100, height: 20, fill: "#ff0000" },
    ];
    const line = (y: number, fill: string) => ({ x: 4, y, text: "Hi", size: 16, weight: 700 as const, fill });
    const onGround: Paint = { base: { rects, lines: [] }, lines: [line(16, "#000000"), line(58, "#333333")] };
    const painted = paintCard(onGround, 100, 60);
    assert.ok(painted);
    assert.ok(
      painted.data.some((i) => i > 1),
      "the text is painted",
    );
    assert.equal(paintCard({ base: { rects, lines: [] }, lines: [line(36, "#000000")] }, 100, 60), undefined);
    const third: Paint = { base: { rects, lines: [line(16, "#000000")] }, lines: [line(58, "#333333"), line(58, "#00ff00")] };
    assert.equal(paintCard(third, 100, 60), undefined);
    // What resvg draws instead, for such a card: an RGB PNG of the whole SVG.
    const rtl = await renderCard({ ...input("مرحبا بالعالم"), lang: "ar" });
    assert.deepEqual([rtl[24], rtl[25]], [8, 2]);
  });

  test("bad input is a clear error naming what is wrong", () => {
    assert.throws(() => cardSvg(input("   ")), /title is empty/);
    assert.throws(() => cardSvg({ ...input("T"), date: "yesterday" }), /date "yesterday" is not a date/);
    assert.throws(() => cardSvg({ ...input("T"), lang: "not a tag!" }), /lang "not a tag!" is not a language tag/);
  });
});

describe("the theme's colours", () => {
  test("a card takes the light scheme of the site's stylesheet: its theme over the built-in colours, not dark or print", async () => {
    const theme = ":root{--bg:#102030;--fg:#f0f0f0;--accent:#ff8800}@media (prefers-color-scheme:dark){:root{--bg:#000000}}";
    const stylesheet = `${STYLES}${theme}`;
    const card = composeCard({ ...input("Themed"), colours: cardColours(stylesheet) });
    const fills = [...card.svg.matchAll(/fill="(#[0-9a-f]+)"/g)].map((m) => m[1]);
    assert.deepEqual(fills.slice(0, 2), ["#102030", "#ff8800"]);
    assert.ok(fills.includes("#f0f0f0"));
    // The painted PNG has the theme's background.
    const png = await renderCard({ ...input("Themed"), colours: cardColours(stylesheet) });
    const { data } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    assert.deepEqual([...data.subarray(WIDTH * 3 * 300, WIDTH * 3 * 300 + 3)], [0x10, 0x20, 0x30]);
    // Without a theme: the built-in light colours.
    assert.equal(/fill="(#[0-9a-f]+)"/.exec(cardSvg(input("Plain")))?.[1], "#fdfcfa");
  });
});

describe("cardSvg escaping", () => {
  const hostile = `<script>&"'`;
  const svg = cardSvg({ ...input(hostile), siteName: `A & "B" <C>` });

  test("markup in the title and site name is text, not elements", () => {
    assert.equal(XMLValidator.validate(svg), true);
    assert.ok(!svg.includes("<script"));
    assert.ok(svg.includes("&lt;script&gt;&amp;&quot;&apos;"));
    assert.ok(svg.includes("A &amp; &quot;B&quot; &lt;C&gt;"));
  });

  test("a longer hostile title, over several lines, holds no element but the card's own", () => {
    const title = `</text><image href="https://evil.example/x.png"/> & <script>alert("x")</script> <![CDATA[ ]]> <!-- -->`;
    const svg = cardSvg(input(title));
    assert.equal(XMLValidator.validate(svg), true);
    const elements = new Set([...svg.matchAll(/<([a-zA-Z!?][^\s>/]*)/g)].map((m) => m[1]));
    assert.deepEqual([...elements].sort(), ["g", "rect", "svg", "text"]);
  });

  test("the text parses back to exactly the title", () => {
    const texts: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === "object") {
        for (const [k, v] of Object.entries(node))
          if (k === "#text") texts.push(String(v));
          else walk(v);
      }
    };
    walk(new XMLParser({ preserveOrder: true, processEntities: true, htmlEntities: false, trimValues: false }).parse(svg));
    assert.ok(texts.includes(`A & "B" <C>`), texts.join(" | "));
    // The title is one line at this length, so one text node holds all of it.
    assert.ok(texts.includes(hostile), texts.join(" | "));
  });

  test("characters XML cannot carry are dropped, so the card still renders", async () => {
    const svg = cardSvg(input("bell\u0007 and \uffff nul\u0000"));
    assert.equal(XMLValidator.validate(svg), true);
    assert.ok(svg.includes(">bell and nul<"), svg);
    const png = await renderCard(input("bell\u0007 and \uffff nul\u0000"));
    assert.equal(new DataView(png.buffer, png.byteOffset).getUint32(16), 1200);
  });
});

describe("title layout", () => {
  test("a short title is one line at the largest size", () => {
    const { title } = composeCard(input("Short"));
    assert.deepEqual(title.lines, ["Short"]);
    assert.equal(title.truncated, false);
    assert.equal(title.size, 84);
  });

  test("a 200-character title takes at most 4 lines, ends in an ellipsis, and stays inside the margin", () => {
    assert.equal(LONG.length, 200);
    const card = composeCard(input(LONG));
    const { lines, truncated, size } = card.title;
    assert.ok(lines.length >= 2 && lines.length <= 4, `${lines.length} lines`);
    assert.equal(truncated, true);
    assert.ok(lines.at(-1)!.endsWith("…"));
    // What is shown is the title's beginning, word for word.
    assert.ok(LONG.startsWith(`${lines.join(" ").slice(0, -1)}`), lines.join(" / "));
    for (const line of lines) assert.ok(advance(line, size, 700) <= WIDTH - 2 * MARGIN, line);
    // And as resvg draws it: nothing in the right margin of the title's band.
    const p = pixels(card);
    assert.equal(ink(p, titleBand(WIDTH - MARGIN, WIDTH)), 0);
    assert.ok(ink(p, titleBand(MARGIN, WIDTH - MARGIN)) > 0);
  });

  test("a title that fits is shown whole, lines in order", () => {
    const title = "How we moved a blog to the edge, and what it taught us about caching and content";
    const { lines, truncated } = composeCard(input(title)).title;
    assert.equal(truncated, false);
    assert.ok(lines.length > 1);
    assert.equal(lines.join(" "), title);
  });

  test("wide letters and a long unbroken word stay inside the margin too", () => {
    for (const title of [
      "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
      "https://example.com/a/really/long/path/that-goes/on-and-on/without/any/spaces/at-all?query=yes",
      "MMMM MMMM MMMM MMMM MMMM MMMM MMMM MMMM MMMM MMMM MMMM MMMM MMMM MMMM MMMM MMMM MMMM MMMM",
      "日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語",
    ]) {
      const card = composeCard(input(title, "ja"));
      assert.ok(card.title.lines.length <= 4, title);
      assert.equal(ink(pixels(card), titleBand(WIDTH - MARGIN, WIDTH)), 0, title);
    }
  });

  test("balanced lines do not cut a word that fits on a line", () => {
    const { lines } = composeCard(input(`<script>alert("x") & 'y'</script>`)).title;
    for (const line of lines) assert.ok(!line.endsWith('"x') && !line.startsWith('")'), lines.join(" / "));
  });
});

describe("line breaking (pure, with a fixed-width font of 10 px a character)", () => {
  const width = (s: string) => [...s].length * 10;

  test("units join back to the text", () => {
    for (const [text, lang] of [
      ["well-known and/or (quick) “brown” fox's e.g. foo—bar", "en"],
      ["日本語のタイトルで、折り返しを確かめる。", "ja"],
      ["这是一个简体中文标题，用来测试换行", "zh"],
    ] as const) {
      assert.equal(breakUnits(text, lang).join(""), text);
    }
  });

  test("lines fit the width and break only between words", () => {
    const units = breakUnits("the quick brown fox jumps over the lazy dog", "en");
    const lines = wrap(units, 100, width).map((l) => l.join("").trimEnd());
    assert.deepEqual(lines, ["the quick", "brown fox", "jumps over", "the lazy", "dog"]);
  });

  test("Japanese lines never start with closing punctuation or a small kana", () => {
    const text = "日本語のタイトルで、折り返しがどのように動くかを、ちょっと確かめる。";
    for (let w = 30; w <= 200; w += 10) {
      for (const line of wrap(breakUnits(text, "ja"), w, width, "ja").slice(1)) {
        assert.ok(!/^[、。ょっ]/u.test(line.join("")), `${w}: ${line.join("")}`);
      }
    }
  });

  test("a word longer than the line is cut to fit", () => {
    const lines = wrap(["abcdefghijklmnopqrstuvwxyz"], 100, width);
    assert.deepEqual(
      lines.map((l) => l.join("")),
      ["abcdefghij", "klmnopqrst", "uvwxyz"],
    );
  });

  test("balancing keeps the line count and evens the lines", () => {
    const units = breakUnits("aaaa bbbb cccc dddd eeee", "en");
    assert.deepEqual(
      wrap(units, 200, width).map((l) => l.join("").trimEnd()),
      ["aaaa bbbb cccc dddd", "eeee"],
    );
    assert.deepEqual(
      balance(units, 200, width).map((l) => l.join("").trimEnd()),
      ["aaaa bbbb cccc", "dddd eeee"],
    );
  });

  test("ellipsis drops whole words first and the punctuation before it", () => {
    assert.equal(ellipsize(["one, ", "two, ", "three"], 100, width), "one, two…");
    assert.equal(ellipsize(["abcdefghijklmnop"], 100, width), "abcdefghi…");
  });

  test("fit shrinks the size before it truncates", () => {
    const at = (size: number) => (s: string) => [...s].length * size * 0.5;
    const o = { maxWidth: 500, maxHeight: 300, maxLines: 4, sizes: [80, 60, 40], lineHeight: 1.2, lang: "en" };
    assert.equal(fitText("a short one", at, o).size, 80);
    // At 80 px, 12 characters a line and room for 3 lines: 4 needed. At 60 px, 16 and 4: 3 needed.
    const mid = fitText("aaaa bbbb cccc dddd eeee ffff gggg hhhh", at, o);
    assert.equal(mid.size, 60);
    assert.equal(mid.truncated, false);
    assert.deepEqual(mid.lines, ["aaaa bbbb cccc", "dddd eeee ffff", "gggg hhhh"]);
    const long = fitText("word ".repeat(100), at, o);
    assert.equal(long.size, 40);
    assert.equal(long.truncated, true);
    assert.equal(long.lines.length, 4);
  });
});

describe("non-Latin titles", () => {
  const titles = {
    "pt-BR": "Olá, coração: ações e informação sobre a tradução",
    el: "Ελληνικά: Καλημέρα κόσμε",
    ru: "Привет, мир: заголовок на русском",
    ja: "日本語のタイトルで、折り返しを確かめる",
    "zh-CN": "这是一个简体中文标题，用来测试换行",
    "zh-TW": "這是一個繁體中文標題",
  };

  // Chinese and Japanese need the optional CJK font; CI installs it for a second run of this file.
  const cjk = hasFamily("Noto Sans SC");
  const needsCjk = { skip: cjk ? false : "the optional CJK font is not installed (npm install @expo-google-fonts/noto-sans-sc)" };

  for (const [lang, title] of Object.entries(titles)) {
    test(`${lang}: every character has a glyph in the bundled fonts`, /^(ja|zh)/.test(lang) ? needsCjk : {}, () => {
      const card = composeCard(input(title, lang));
      assert.deepEqual(card.missing, []);
      assert.equal(card.title.truncated, false);
      // Lines break at spaces, which they drop, or between CJK words, where there is none.
      assert.equal(card.title.lines.join(/^(ja|zh)/.test(lang) ? "" : " "), title);
    });
  }

  test("the CJK font is handed to the renderer only for a card that needs it", needsCjk, () => {
    assert.ok(!composeCard(input(titles.el, "el")).fontFiles.some((f) => f.includes("NotoSansSC")));
    assert.ok(composeCard(input(titles.ja, "ja")).fontFiles.some((f) => f.includes("NotoSansSC")));
    // A date written with CJK characters needs it as well.
    assert.ok(composeCard(input("Latin title", "ja")).fontFiles.some((f) => f.includes("NotoSansSC")));
  });

  test("CJK titles are drawn bold, like Latin ones", needsCjk, () => {
    const card = composeCard(input("日本語のタイトル", "ja"));
    const bold = ink(pixels(card), titleBand(0, WIDTH));
    // The same card with the title's font-weight turned down to regular.
    const regular = ink(
      pixels({ ...card, svg: card.svg.replace(/font-weight="700" font-size="(\d+)"/g, 'font-weight="400" font-size="$1"') }),
      titleBand(0, WIDTH),
    );
    assert.ok(bold > regular * 1.15, `bold ${bold} vs regular ${regular}`);
  });

  test("characters no bundled font draws are reported", () => {
    assert.deepEqual(composeCard(input("한국어 제목", "en")).missing, ["한", "국", "어", "제", "목"]);
  });

  test("without the optional CJK font, Chinese and Japanese are reported with the way to add it", { skip: cjk }, () => {
    assert.deepEqual(composeCard(input("日本", "en")).missing, ["日", "本"]);
    assert.ok(MISSING_FONTS_ADVICE.includes("`npm install @expo-google-fonts/noto-sans-sc` adds Chinese and Japanese"));
  });
});

describe("right-to-left cards", () => {
  const TITLE = "مرحبًا بالعالم";
  const arabic = hasFamily("Noto Sans Arabic");
  const needsArabic = {
    skip: arabic ? false : "the optional Arabic font is not installed (npm install @expo-google-fonts/noto-sans-arabic)",
  };
  const arabicCard = (title = TITLE) => composeCard({ ...input(title, "ar"), siteName: "دفتر الملاحظات" });

  test("a line whose first letter is Arabic or Hebrew is set from the right margin, in its order", () => {
    const svg = arabicCard().svg;
    const lines = svg.match(/<text [^>]*>/g) ?? [];
    assert.equal(lines.length, 3); // site, one title line, date
    for (const line of lines) assert.match(line, /^<text x="1120" y="[\d.]+" direction="rtl" text-anchor="end">$/);
    // A right-to-left mark first, so a line that starts with a digit ("2 نوفمبر") keeps its order.
    assert.equal((svg.match(/direction="rtl" text-anchor="end">&#x200F;/g) ?? []).length, 3);
    assert.match(
      composeCard(input("שלום עולם", "en")).svg,
      /<text x="1120" y="[\d.]+" direction="rtl" text-anchor="end">&#x200F;/,
    );
  });

  test("a left-to-right line stays at the left margin, in a right-to-left blog too", () => {
    const svg = composeCard(input("Hello, world", "ar")).svg;
    assert.match(svg, /<text x="80" y="[\d.]+">Hello, world<\/text>/);
    assert.match(composeCard(input("Hello, world")).svg, /<text x="80" y="118">A Test Site<\/text>/);
  });

  test("an Arabic title is drawn in Arabic glyphs, not boxes, against the right margin", needsArabic, () => {
    const card = arabicCard();
    assert.deepEqual(card.missing, []);
    assert.ok(card.fontFiles.some((f) => f.includes("NotoSansArabic")));
    const p = pixels(card);
    // Set from the right: ink reaches the right margin, and a short title leaves the left half empty.
    assert.ok(ink(p, titleBand(WIDTH - MARGIN - 40, WIDTH - MARGIN)) > 200);
    assert.equal(ink(p, titleBand(0, WIDTH / 2)), 0);
    assert.equal(ink(p, titleBand(WIDTH - MARGIN + 2, WIDTH)), 0);
    // Without the Arabic font, the same SVG draws boxes: other pixels.
    const boxes = pixels({ ...card, fontFiles: card.fontFiles.filter((f) => !f.includes("NotoSansArabic")) });
    assert.notEqual(ink(boxes, titleBand(0, WIDTH)), ink(p, titleBand(0, WIDTH)));
  });

  const hebrew = hasFamily("Noto Sans Hebrew");
  test("a Hebrew title is drawn in Hebrew glyphs, not boxes, against the right margin", {
    skip: hebrew ? false : "the optional Hebrew font is not installed (npm install @expo-google-fonts/noto-sans-hebrew)",
  }, () => {
    const card = composeCard({ ...input("שלום עולם", "he"), siteName: "המחברת" });
    assert.deepEqual(card.missing, []);
    assert.ok(card.fontFiles.some((f) => f.includes("NotoSansHebrew")));
    const p = pixels(card);
    assert.ok(ink(p, titleBand(WIDTH - MARGIN - 40, WIDTH - MARGIN)) > 200);
    assert.equal(ink(p, titleBand(0, WIDTH / 2)), 0);
    const boxes = pixels({ ...card, fontFiles: card.fontFiles.filter((f) => !f.includes("NotoSansHebrew")) });
    assert.notEqual(ink(boxes, titleBand(0, WIDTH)), ink(p, titleBand(0, WIDTH)));
  });

  test("without the optional Hebrew font, Hebrew is reported with the way to add it", { skip: hebrew }, () => {
    assert.deepEqual(composeCard(input("שלום", "en")).missing, ["ש", "ל", "ו", "ם"]);
    assert.ok(MISSING_FONTS_ADVICE.includes("`npm install @expo-google-fonts/noto-sans-hebrew` adds Hebrew"));
  });

  test("without the optional Arabic font, Arabic is reported with the way to add it", { skip: arabic }, () => {
    assert.deepEqual(composeCard(input("سلام", "en")).missing, ["س", "ل", "ا", "م"]);
    assert.ok(MISSING_FONTS_ADVICE.includes("`npm install @expo-google-fonts/noto-sans-arabic` adds Arabic"));
  });
});

describe("renderCards", () => {
  const posts = (titles: string[]): CardPost[] =>
    titles.map((title, i) => ({ slug: `post-${i}`, title, date: `2025-01-0${i + 1}`, siteName: "A Test Site", lang: "en" }));

  test("renders each card once, and after a change only the changed card", async () => {
    const outDir = join(work, "out");
    const cacheDir = join(work, "cache");
    const first = await renderCards(posts(["One", "Two", "Three"]), { outDir, cacheDir });
    assert.deepEqual(first.rendered, ["post-0", "post-1", "post-2"]);
    assert.deepEqual([...first.cards.keys()], ["post-0", "post-1", "post-2"]);
    for (const [slug, card] of first.cards) {
      assert.match(card.file, new RegExp(`^cards/${slug}-[0-9a-f]{8}\\.png$`));
      assert.equal(card.file.slice(-12, -4), card.hash.slice(0, 8));
      assert.ok(existsSync(join(outDir, card.file)));
    }

    const second = await renderCards(posts(["One", "Two", "Three"]), { outDir, cacheDir });
    assert.deepEqual(second.rendered, []);
    assert.deepEqual(second.cards, first.cards);

    const third = await renderCards(posts(["One", "Two, changed", "Three"]), { outDir, cacheDir });
    assert.deepEqual(third.rendered, ["post-1"]);
    assert.notEqual(third.cards.get("post-1")!.file, first.cards.get("post-1")!.file);
    assert.equal(third.cards.get("post-0")!.file, first.cards.get("post-0")!.file);
    // The old card of the changed post is gone; the others are there.
    assert.deepEqual(readdirSync(join(outDir, "cards")).sort(), [...third.cards.values()].map((c) => c.file.slice(6)).sort());
  });

  test("any input of the card changes its name: date, site name, language, the theme's colours", async () => {
    const outDir = join(work, "inputs-out");
    const cacheDir = join(work, "inputs-cache");
    const base = { slug: "a", title: "Same title", date: "2025-01-01", siteName: "Site", lang: "en" };
    const name = async (p: CardPost) => (await renderCards([p], { outDir, cacheDir })).cards.get("a")!.file;
    const names = [
      await name(base),
      await name({ ...base, date: "2025-01-02" }),
      await name({ ...base, siteName: "Other site" }),
      await name({ ...base, lang: "pt-BR" }),
      await name({ ...base, colours: cardColours(`${STYLES}:root{--bg:#102030;--fg:#f0f0f0;--accent:#ff8800}`) }),
    ];
    assert.equal(new Set(names).size, 5, names.join(" "));
    assert.equal(await name(base), names[0]);
  });

  test("a clean output folder is refilled from the cache without rendering", async () => {
    const outDir = join(work, "clean-out");
    const cacheDir = join(work, "clean-cache");
    const first = await renderCards(posts(["Alpha", "Beta"]), { outDir, cacheDir });
    const bytes = readFileSync(join(outDir, first.cards.get("post-0")!.file));
    rmSync(outDir, { recursive: true });
    const again = await renderCards(posts(["Alpha", "Beta"]), { outDir, cacheDir });
    assert.deepEqual(again.rendered, []);
    assert.ok(readFileSync(join(outDir, again.cards.get("post-0")!.file)).equals(bytes));
  });

  test("files in cards/ that are not cards are left alone", async () => {
    const outDir = join(work, "other-out");
    const cacheDir = join(work, "other-cache");
    await renderCards(posts(["Alpha"]), { outDir, cacheDir });
    writeFileSync(join(outDir, "cards", "README.txt"), "mine");
    await renderCards(posts(["Alpha, again"]), { outDir, cacheDir });
    assert.ok(existsSync(join(outDir, "cards", "README.txt")));
  });

  test("warns, naming the post, when a title has characters no bundled font draws", async () => {
    const result = await renderCards([{ slug: "korean", title: "한국어", date: "2025-01-01", siteName: "S", lang: "en" }], {
      outDir: join(work, "warn-out"),
      cacheDir: join(work, "warn-cache"),
    });
    const advice = MISSING_FONTS_ADVICE ? `; ${MISSING_FONTS_ADVICE}` : "";
    assert.deepEqual(result.warnings, [`card for korean: no bundled font draws 한 국 어 (shown as boxes)${advice}`]);
  });

  test("refuses bad slugs, repeated slugs and bad inputs, all at once, before writing anything", async () => {
    const opts = { outDir: join(work, "bad-out"), cacheDir: join(work, "bad-cache") };
    const post = { title: "T", date: "2025-01-01", siteName: "S", lang: "en" };
    const posts = [
      { ...post, slug: "../etc" },
      // A translation's card is named by its slug and language; nothing more may follow.
      { ...post, slug: "ok.pt-br" },
      { ...post, slug: "ok.pt-br.x" },
      { ...post, slug: "ok" },
      { ...post, slug: "ok" },
      { ...post, slug: "undated", date: "soon" },
    ];
    await assert.rejects(renderCards(posts, opts), {
      message: [
        "social cards:",
        '"../etc" is not a slug (a-z, 0-9 and single hyphens), or one with a language (slug.pt-br)',
        '"ok.pt-br.x" is not a slug (a-z, 0-9 and single hyphens), or one with a language (slug.pt-br)',
        "ok appears twice",
        'undated: social card for "T": date "soon" is not a date',
      ].join("\n"),
    });
    assert.ok(!existsSync(opts.outDir) && !existsSync(opts.cacheDir));
  });
});

describe("a card's colours are the site's", () => {
  const THEMED =
    "title: T\ndescription: D\nauthor: A\nlanguage: en\norigin: https://blog.fixture.test\n" +
    'theme:\n  light: { accent: "#6a1b9a", background: "#fffdf8", text: "#1d1b16" }\n  dark: { accent: "#d7b3ff", background: "#17141c", text: "#ece6f2" }\n';

  test("without a theme: the built-in stylesheet's light colours", () => {
    assert.deepEqual(cardColours(STYLES), { bg: "#fdfcfa", fg: "#1f2328", muted: "#57606a", accent: "#0b57d0", rule: "#d8dee4" });
  });

  test("with a theme: its light accent, background and text; the dark and print rules do not count", () => {
    const { site, errors } = parseSite("site.yaml", THEMED);
    assert.deepEqual(errors, []);
    const colours = cardColours(site?.stylesheet ?? "");
    assert.deepEqual(colours, { bg: "#fffdf8", fg: "#1d1b16", muted: "#57606a", accent: "#6a1b9a", rule: "#d8dee4" });
    const svg = cardSvg({ ...input("Themed"), colours });
    assert.match(svg, /<rect x="0" y="0" width="1200" height="630" fill="#fffdf8"\/>/);
    assert.match(svg, /<rect x="0" y="0" width="1200" height="12" fill="#6a1b9a"\/>/);
    assert.match(svg, /font-weight="700" font-size="\d+" fill="#1d1b16"/);
    // The card without colours stays as it was.
    assert.match(cardSvg(input("Plain")), /<rect x="0" y="0" width="1200" height="630" fill="#fdfcfa"\/>/);
  });

  test("style.css's :root colours count too, the last one winning as in a browser", () => {
    const css = `${STYLES}:root{--accent:#123456}@media (prefers-color-scheme:dark){:root{--accent:#abcdef}}:root{--bg:#fafafa;--accent:var(--x)}`;
    assert.deepEqual(cardColours(css), { bg: "#fafafa", fg: "#1f2328", muted: "#57606a", accent: "#123456", rule: "#d8dee4" });
  });

  test("style.css written with spaces and new lines counts as well; a value that is no colour leaves the one before it", () => {
    const css = `${STYLES}\n:root {\n  --bg: #f0f8ff;\n  --accent : #b00020;\n}\n:root{--fg:#12345;--muted:#1234567;--rule:#abcd}`;
    assert.deepEqual(cardColours(css), { bg: "#f0f8ff", fg: "#1f2328", muted: "#57606a", accent: "#b00020", rule: "#abcd" });
  });

  test("a stylesheet without a colour the card draws with is a clear error", () => {
    assert.throws(() => cardColours(":root{--bg:#fff}"), /social cards: the stylesheet has no --fg colour in :root/);
  });
});

describe("buildCards: named at once, drawn on other threads", () => {
  const posts = (n: number): CardPost[] =>
    Array.from({ length: n }, (_, i) => ({
      slug: `p-${i}`,
      title: `Post number ${i}`,
      date: "2025-01-01",
      siteName: "S",
      lang: "en",
    }));

  test("every card is named before any is drawn; the scheduled ones are drawn first; the rest when `done` settles", async () => {
    const outDir = join(work, "stage-out");
    const cacheDir = join(work, "stage-cache");
    const list = [...posts(120), { slug: "korean", title: "한국어", date: "2025-01-01", siteName: "S", lang: "en" }];
    const built = await buildCards(list, { outDir, cacheDir, first: new Set(["p-7"]) });
    // Named from the inputs: the same name renderCards gives the same post.
    assert.equal(built.cards.size, 121);
    const fresh = await renderCards([list[3] as CardPost], {
      outDir: join(work, "stage-ref"),
      cacheDir: join(work, "stage-ref-cache"),
    });
    assert.equal(built.cards.get("p-3"), fresh.cards.get("p-3")?.file);
    // The scheduled post's card is there as soon as buildCards returns.
    assert.ok(existsSync(join(outDir, built.cards.get("p-7") as string)));
    const done = await built.done;
    assert.equal(done.rendered, 121);
    assert.deepEqual(
      done.warnings.map((w) => w.split(":")[0]),
      ["card for korean"],
    );
    for (const file of built.cards.values()) {
      const png = readFileSync(join(outDir, file));
      assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]);
    }
    assert.ok(
      Buffer.from(readFileSync(join(outDir, built.cards.get("p-3") as string))).equals(
        Buffer.from(readFileSync(join(work, "stage-ref", fresh.cards.get("p-3")?.file as string))),
      ),
    );

    // Again: nothing to draw, the warnings remembered, the same names.
    const again = await buildCards(list, { outDir, cacheDir });
    assert.deepEqual(again.cards, built.cards);
    assert.deepEqual(await again.done, { rendered: 0, warnings: done.warnings, ahead: 0 });
  });
});

describe("buildCards: a card that cannot be drawn", () => {
  test("fails `done` with what went wrong, and the next build puts it in place and clears what was left half written", async () => {
    const outDir = join(work, "fail-out");
    const cacheDir = join(work, "fail-cache");
    const list: CardPost[] = [{ slug: "only", title: "Only post", date: "2025-01-01", siteName: "S", lang: "en" }];
    const first = await buildCards(list, { outDir, cacheDir });
    await first.done;
    const file = first.cards.get("only") as string;
    // Gone again, and a folder in its place: the drawing thread's rename onto it fails.
    rmSync(join(outDir, file));
    rmSync(cacheDir, { recursive: true });
    mkdirSync(join(outDir, file));
    const failing = await buildCards(list, { outDir, cacheDir });
    assert.equal(failing.cards.get("only"), file);
    await assert.rejects(failing.done, /EISDIR|illegal operation on a directory|directory/);
    // The half-written card is still there, under its temporary name.
    const left = readdirSync(join(outDir, "cards")).filter((n) => n.endsWith(".tmp"));
    assert.equal(left.length, 1);
    rmSync(join(outDir, file), { recursive: true });
    // The card reached the cache before the write that failed: the next build copies it in place.
    const again = await buildCards(list, { outDir, cacheDir });
    assert.deepEqual(await again.done, { rendered: 0, warnings: [], ahead: 0 });
    assert.ok(existsSync(join(outDir, file)));
    assert.deepEqual(readdirSync(join(outDir, "cards")), [file.slice("cards/".length)]);
  });

  test("two threads drawing the same card at once (two posts with one title and date) both finish", async () => {
    const outDir = join(work, "twin-out");
    const cacheDir = join(work, "twin-cache");
    const twins: CardPost[] = Array.from({ length: 24 }, (_, i) => ({
      slug: `twin-${i}`,
      title: "Twins",
      date: "2025-01-01",
      siteName: "S",
      lang: "en",
    }));
    const { jobs } = planCards(twins, { outDir, cacheDir });
    // Every job draws the same cached file; two threads take them all at once. A temporary name
    // shared by every thread of the process (`<file>.<pid>.tmp`) would be written by both at
    // once; it is held here by a folder, so a thread that used it would fail every time.
    mkdirSync(`${jobs[0]?.cached}.${process.pid}.tmp`);
    const results = await Promise.all(
      [jobs, [...jobs].reverse()].map(
        (share) =>
          new Promise<Drawn>((resolve, reject) => {
            const worker = thread(DRAW_WORKER);
            worker.postMessage({ jobs: share });
            worker.once("message", resolve);
            worker.once("error", reject);
          }),
      ),
    );
    assert.deepEqual(
      results.map((r) => r.rendered.length),
      [24, 24],
    );
    assert.deepEqual(
      readdirSync(cacheDir).filter((n) => n.endsWith(".tmp")),
      [`${basename(jobs[0]?.cached ?? "")}.${process.pid}.tmp`],
    );
  });
});

describe("drawAhead: cards from posts as they are parsed, before the plan", () => {
  const posts = (n: number, title = "Post"): CardPost[] =>
    Array.from({ length: n }, (_, i) => ({
      slug: `p-${i}`,
      title: `${title} ${i}`,
      date: "2025-01-01",
      siteName: "S",
      lang: "en",
    }));
  /** The card thread a cold build of 100 posts starts early (src/build/early.ts). */
  const startDrawThread = (name: string) => {
    const content = join(work, `${name}-content`);
    mkdirSync(join(content, "posts"), { recursive: true });
    for (let i = 0; i < 100; i++) writeFileSync(join(content, "posts", `p-${i}.md`), "");
    startEarly(content, join(work, `${name}-build-cache`), true);
    assert.equal(waiting(DRAW_WORKER), 1);
  };
  const same = (a: string, b: string) => assert.ok(Buffer.from(readFileSync(a)).equals(Buffer.from(readFileSync(b))));

  test("the plan's cards drawn ahead are written out, not drawn again; the same bytes and warnings", async () => {
    startDrawThread("ahead");
    const outDir = join(work, "ahead-out");
    const cacheDir = join(work, "ahead-cache");
    const list = [...posts(30), { slug: "korean", title: "한국어", date: "2025-01-01", siteName: "S", lang: "en" }];
    drawAhead(list.slice(0, 10), cacheDir);
    assert.equal(waiting(DRAW_WORKER), 0);
    drawAhead(list.slice(10), cacheDir);
    const built = await buildCards(list, { outDir, cacheDir });
    const done = await built.done;
    assert.deepEqual([done.rendered, done.ahead], [31, 31]);
    assert.deepEqual(
      done.warnings.map((w) => w.split(":")[0]),
      ["card for korean"],
    );
    const fresh = await renderCards([list[3] as CardPost], {
      outDir: join(work, "ahead-ref"),
      cacheDir: join(work, "ahead-ref-cache"),
    });
    same(join(outDir, built.cards.get("p-3") as string), join(work, "ahead-ref", fresh.cards.get("p-3")?.file as string));
    for (const file of built.cards.values()) assert.ok(existsSync(join(outDir, file)));
  });

  test("cards drawn from inputs the plan does not have are not used; one that cannot be drawn leaves the thread drawing", async () => {
    startDrawThread("guess");
    const outDir = join(work, "guess-out");
    const cacheDir = join(work, "guess-cache");
    const list = posts(12);
    // A wrong guess, then a card with no title (the plan's checks refuse it; the thread skips it), then the right ones.
    drawAhead(posts(12, "Draft title"), cacheDir);
    drawAhead([{ slug: "empty", title: "", date: "2025-01-01", siteName: "S", lang: "en" }], cacheDir);
    drawAhead(list.slice(0, 5), cacheDir);
    const built = await buildCards(list, { outDir, cacheDir });
    const done = await built.done;
    assert.deepEqual([done.rendered, done.ahead], [12, 5]);
    const fresh = await renderCards([list[9] as CardPost], {
      outDir: join(work, "guess-ref"),
      cacheDir: join(work, "guess-ref-cache"),
    });
    same(join(outDir, built.cards.get("p-9") as string), join(work, "guess-ref", fresh.cards.get("p-9")?.file as string));
  });

  // Handed to a thread that ended, the plan would wait for ever: the timeout fails it instead.
  test("a thread that ended while drawing ahead is not handed the plan: a new one draws it", { timeout: 60_000 }, async () => {
    startDrawThread("died");
    const outDir = join(work, "died-out");
    const cacheDir = join(work, "died-cache");
    drawAhead(posts(6), cacheDir);
    await drawingAhead()?.terminate();
    const built = await buildCards(posts(6), { outDir, cacheDir });
    const done = await built.done;
    assert.deepEqual([done.rendered, done.ahead], [6, 0]);
    for (const file of built.cards.values()) assert.ok(existsSync(join(outDir, file)));
  });

  test("a build that plans no card ends the thread drawing ahead, and waits for it", { timeout: 60_000 }, async () => {
    startDrawThread("failed");
    drawAhead(posts(40), join(work, "failed-cache"));
    const thread = drawingAhead();
    assert.ok(thread);
    let ended = false;
    thread.once("exit", () => {
      ended = true;
    });
    await endDrawingAhead();
    assert.equal(ended, true);
    assert.equal(drawingAhead(), undefined);
  });

  test("a plan that refuses a card ends the thread drawing ahead before it fails", { timeout: 60_000 }, async () => {
    startDrawThread("refused");
    const cacheDir = join(work, "refused-cache");
    drawAhead(posts(20), cacheDir);
    const thread = drawingAhead();
    let ended = false;
    thread?.once("exit", () => {
      ended = true;
    });
    const bad = [...posts(20), { slug: "untitled", title: "", date: "2025-01-01", siteName: "S", lang: "en" }];
    await assert.rejects(buildCards(bad, { outDir: join(work, "refused-out"), cacheDir }), /untitled: .*title is empty/);
    assert.equal(ended, true);
    assert.equal(drawingAhead(), undefined);
  });

  test("without a thread started early (a rebuild) nothing is drawn ahead", async () => {
    assert.equal(waiting(DRAW_WORKER), 0);
    const cacheDir = join(work, "none-cache");
    drawAhead(posts(3), cacheDir);
    assert.equal(existsSync(cacheDir), false);
    const built = await buildCards(posts(3), { outDir: join(work, "none-out"), cacheDir });
    assert.deepEqual(await built.done, { rendered: 3, warnings: [], ahead: 0 });
  });

  test("a plan with nothing to draw ends the thread that drew ahead (the process is not kept alive)", async () => {
    const outDir = join(work, "ended-out");
    const cacheDir = join(work, "ended-cache");
    await (await buildCards(posts(4), { outDir, cacheDir })).done;
    startDrawThread("ended");
    drawAhead(posts(4, "Another guess"), cacheDir);
    const again = await buildCards(posts(4), { outDir, cacheDir });
    assert.deepEqual(await again.done, { rendered: 0, warnings: [], ahead: 0 });
  });
});
