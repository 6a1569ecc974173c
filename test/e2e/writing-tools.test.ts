// The writing tools as a reader's browser draws them (test/fixtures/writing-tools.md): figures,
// and code blocks with a title, marked lines, line numbers and a diff, in light and dark. What a
// reader copies from a numbered block is the code alone; the diff's and the marked lines' bars
// are the code theme's colours; nothing is refused by the CSP. Its video, sound and YouTube frame
// load under that page's CSP, which frames nothing else. axe, vnu and Lighthouse check the same page
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
      for (const img of Array.from(document.querySelectorAll<HTMLImageElement>("main figure:not(.code):has(img) img"))) {
        img.scrollIntoView();
        await Promise.race([img.decode().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
      }
    });
    const figures = await page.evaluate(() =>
      Array.from(document.querySelectorAll("main figure:not(.code):has(img)")).map((f) => ({
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

test("video and audio: the browser's player reads the file, its poster and captions, under this page's CSP", async () => {
  const { page, errors } = await open("light");
  try {
    const violations = await watchViolations(page);
    const played = await page.evaluate(async () => {
      const video = document.querySelector("main video") as HTMLVideoElement;
      const audio = document.querySelector("main audio") as HTMLAudioElement;
      video.scrollIntoView();
      // preload="metadata": each reads its length and size without playing (bounded waits).
      const ready = (m: HTMLMediaElement) =>
        m.readyState >= 1
          ? Promise.resolve()
          : Promise.race([
              new Promise((r) => m.addEventListener("loadedmetadata", r, { once: true })),
              new Promise((r) => setTimeout(r, 10_000)),
            ]);
      await Promise.all([ready(video), ready(audio)]);
      const track = video.textTracks[0] as TextTrack;
      track.mode = "hidden"; // loads the captions without drawing them
      const element = video.querySelector("track") as HTMLTrackElement;
      if (element.readyState !== 2)
        await Promise.race([
          new Promise((r) => element.addEventListener("load", r, { once: true })),
          new Promise((r) => setTimeout(r, 10_000)),
        ]);
      return {
        video: { ready: video.readyState >= 1, size: [video.videoWidth, video.videoHeight], box: [video.width, video.height] },
        poster: video.poster.replace(/^.*\/media\/[0-9a-f]{12}\//, ""),
        captions: {
          label: track.label,
          language: track.language,
          cues: Array.from(track.cues ?? []).map((c) => (c as VTTCue).text),
        },
        name: video.getAttribute("aria-label"),
        audio: { ready: audio.readyState >= 1, seconds: Math.round(audio.duration) },
        figure: video.closest("figure")?.querySelector("figcaption")?.textContent,
      };
    });
    assert.deepEqual(played, {
      video: { ready: true, size: [160, 90], box: [160, 90] },
      poster: "clip.jpg",
      captions: { label: "English", language: "en", cues: ["A steady tone."] },
      name: "Coloured bars over a test pattern, with a tone",
      audio: { ready: true, seconds: 1 },
      figure: "A one-second test pattern",
    });
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test("embed: the YouTube frame loads from its privacy-enhanced host, and this page's CSP frames nothing else", async () => {
  const { page, errors } = await openWithPlayer();
  try {
    const violations = await watchViolations(page);
    const frame = await page.evaluate(async () => {
      const iframe = document.querySelector("main figure.embed iframe") as HTMLIFrameElement;
      iframe.scrollIntoView(); // it is lazy
      return { src: iframe.src, title: iframe.title, sandbox: iframe.getAttribute("sandbox") };
    });
    assert.deepEqual(frame, {
      src: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
      title: "YouTube video",
      sandbox: "allow-scripts allow-same-origin allow-presentation",
    });
    const player = await waitFor(() => page.frames().find((f) => f.url() === frame.src));
    assert.equal(await player.locator("#player").textContent({ timeout: 10_000 }), "the stand-in player");
    // The video, the sound, the frame and the quoted post, for docs/writing.md.
    const box = await page.evaluate(() => {
      const first = (document.getElementById("video-and-audio") as Element).getBoundingClientRect();
      const last = (document.querySelector("main blockquote.social-post") as Element).getBoundingClientRect();
      return { x: first.x - 8, y: first.y + scrollY - 8, width: first.width + 16, height: last.bottom - first.top + 16 };
    });
    await page.screenshot({ path: docsOutput("screenshots/video-and-embeds.png"), clip: box, fullPage: true });
    // Another origin, framed the same way, is refused by the page's policy.
    await page.evaluate(() => {
      const other = document.createElement("iframe");
      other.src = "https://player.vimeo.com/video/76979871?dnt=1";
      document.body.append(other);
    });
    const refused = await waitFor(async () => {
      const v = await violations();
      return v.length > 0 ? v : undefined;
    });
    // (A cross-origin violation reports the origin only.)
    assert.deepEqual(refused, ["frame-src https://player.vimeo.com"]);
    assert.deepEqual(
      errors.filter((e) => !e.includes("player.vimeo.com")),
      [],
    );
  } finally {
    await page.close();
  }
});

test("raw HTML and quoted posts: a raw <img> is the post's processed picture; a Mastodon link is a quoted card", async () => {
  const { page, errors } = await open("light");
  try {
    const drawn = await page.evaluate(async () => {
      const img = document.querySelector("main p.raw picture img") as HTMLImageElement;
      img.scrollIntoView();
      await Promise.race([img.decode().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
      const card = document.querySelector("main blockquote.social-post") as HTMLElement;
      return {
        raw: {
          loaded: img.complete && img.naturalWidth > 0,
          alt: img.alt,
          size: [img.width, img.height],
          sources: img.parentElement?.querySelectorAll("source").length,
        },
        card: Array.from(card.querySelectorAll("p")).map((p) => p.textContent),
        link: (card.querySelector("a") as HTMLAnchorElement).href,
      };
    });
    assert.deepEqual(drawn, {
      raw: { loaded: true, alt: "The same square, written as raw HTML", size: [320, 320], sources: 2 },
      card: ["Rust on the back end, a thread", "— @fixture@mastodon.social"],
      link: "https://mastodon.social/@fixture/113456789012345678",
    });
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

/** The page's CSP violations from now on, as "directive blocked-URI". */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const w = window as unknown as { violations: string[] };
    w.violations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { violations: string[] }).violations);
}

/** `check` until it gives something, at most 10 s. */
async function waitFor<T>(check: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const until = Date.now() + 10_000;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The writing page with YouTube's player answered here (the suite is offline): a stand-in page,
 * so the test sees whether the browser lets the frame load, not whether the network is up.
 */
async function openWithPlayer(): Promise<{ page: Page; errors: string[] }> {
  const page = await session.browser.newPage({ viewport: { width: 760, height: 900 } });
  await page.route("https://www.youtube-nocookie.com/**", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: '<!doctype html><title>player</title><p id="player">the stand-in player</p>',
    }),
  );
  // Nothing else leaves the machine.
  await page.route(/^https:\/\/(?!www\.youtube-nocookie\.com\/)/, (route) => route.abort());
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(url(WRITING_PATH), { waitUntil: "load" });
  return { page, errors };
}
