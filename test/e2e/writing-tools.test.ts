// The writing tools as a reader's browser draws them (test/fixtures/writing-tools.md): figures,
// and code blocks with a title, marked lines, line numbers and a diff, in light and dark. What a
// reader copies from a numbered block is the code alone; the diff's and the marked lines' bars
// are the code theme's colours; nothing is refused by the CSP. axe and vnu check the same page
// (a11y.test.ts, html.test.ts). Screenshots: docs/screenshots/code-blocks-*.png.
import { strict as assert } from "node:assert";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import { launch, type Session } from "./lib/browser.ts";
import { docsOutput } from "./lib/outputs.ts";
import { url, WRITING_PATH } from "./lib/site.ts";

let session: Session;
before(async () => {
  session = await launch();
});
after(() => session?.close());

async function open(colorScheme: "light" | "dark"): Promise<{ page: Page; errors: string[] }> {
  const page = await session.browser.newPage({ colorScheme, viewport: { width: 760, height: 900 } });
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(url(WRITING_PATH), { waitUntil: "load" });
  return { page, errors };
}

/** The code of the titled, numbered block as written in the fixture. */
const MAIN_RS =
  'fn main() {\n    let name = "world";\n    // greet the reader\n    println!("hello, {name}");\n    println!("bye");\n}\n';

/** The built-in stylesheet's colours (src/shared/styles.ts), as the browser reports them. */
const COLOURS = {
  light: { accent: "rgb(11, 87, 208)", ins: "rgb(17, 99, 41)", del: "rgb(179, 38, 30)" },
  dark: { accent: "rgb(124, 180, 255)", ins: "rgb(63, 185, 80)", del: "rgb(255, 123, 114)" },
};

for (const scheme of ["light", "dark"] as const) {
  test(`code blocks: a title, marked lines, numbers that are not copied, a diff (${scheme}); screenshot`, async () => {
    const { page, errors } = await open(scheme);
    try {
      const drawn = await page.evaluate(() => {
        const figure = document.querySelector("figure.code") as HTMLElement;
        const code = figure.querySelector("pre.numbered code") as HTMLElement;
        // What a reader gets by selecting the block and copying it.
        const range = document.createRange();
        range.selectNodeContents(code);
        const selection = getSelection() as Selection;
        selection.removeAllRanges();
        selection.addRange(range);
        const copied = selection.toString();
        selection.removeAllRanges();
        const shadow = (selector: string) => getComputedStyle(document.querySelector(selector) as Element).boxShadow;
        const before = getComputedStyle(code.querySelector(".line") as Element, "::before");
        return {
          title: figure.querySelector("figcaption")?.textContent,
          copied,
          marked: Array.from(code.querySelectorAll("mark.line")).map((l) => l.textContent),
          numbersShown: before.content,
          accentBar: shadow("mark.line"),
          insBar: shadow("pre.diff ins.line"),
          delBar: shadow("pre.diff del.line"),
          diff: Array.from(document.querySelectorAll("pre.diff .line")).map((l) => `${l.tagName.toLowerCase()}:${l.textContent}`),
        };
      });
      assert.equal(drawn.title, "src/main.rs");
      // (The last line's break is the block's end, which a selection does not carry.)
      assert.equal(drawn.copied, MAIN_RS.replace(/\n$/, ""));
      assert.deepEqual(drawn.marked, ['    let name = "world";\n', '    println!("hello, {name}");\n', '    println!("bye");\n']);
      assert.equal(drawn.numbersShown, "counter(line)");
      const c = COLOURS[scheme];
      assert.equal(drawn.accentBar, `${c.accent} 4px 0px 0px 0px inset`);
      assert.equal(drawn.insBar, `${c.ins} 4px 0px 0px 0px inset`);
      assert.equal(drawn.delBar, `${c.del} 4px 0px 0px 0px inset`);
      assert.deepEqual(drawn.diff, [
        "span: pub fn greet(name: &str) -> String {\n",
        'del:-    format!("hello {}", name)\n',
        'ins:+    format!("hello, {name}")\n',
        "span: }\n",
      ]);
      assert.deepEqual(errors, []);
      // The two blocks, for docs/writing.md.
      const box = await page.evaluate(() => {
        const first = (document.querySelector("figure.code") as Element).getBoundingClientRect();
        const last = (document.querySelector("pre.diff") as Element).closest("figure")?.getBoundingClientRect() as DOMRect;
        return { x: first.x - 8, y: first.y + scrollY - 8, width: first.width + 16, height: last.bottom - first.top + 16 };
      });
      await page.screenshot({ path: docsOutput(`screenshots/code-blocks-${scheme}.png`), clip: box, fullPage: true });
    } finally {
      await page.close();
    }
  });
}

test("figures: an image with a title, and one with an emphasised line below, each get a caption", async () => {
  const { page, errors } = await open("light");
  try {
    // The images are lazy and below the fold: bring each into view and wait for it to decode
    // (bounded), so "loaded" says whether the file answers, not whether the reader scrolled.
    await page.evaluate(async () => {
      for (const img of Array.from(document.querySelectorAll<HTMLImageElement>("main figure:not(.code) img"))) {
        img.scrollIntoView();
        await Promise.race([img.decode().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
      }
    });
    const figures = await page.evaluate(() =>
      Array.from(document.querySelectorAll("main figure:not(.code)")).map((f) => ({
        loaded:
          (f.querySelector("img") as HTMLImageElement).complete && (f.querySelector("img") as HTMLImageElement).naturalWidth > 0,
        alt: f.querySelector("img")?.alt,
        caption: f.querySelector("figcaption")?.textContent,
      })),
    );
    const alt = "A grey square with a purple circle in its middle";
    assert.deepEqual(figures, [
      { loaded: true, alt, caption: "A figure: the caption is the image's title" },
      { loaded: true, alt, caption: "A figure: the caption is the emphasised line below the image" },
    ]);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
