// The blog the end-to-end suite serves: the engine's fixture blog, plus the posts that exercise
// what only a browser can check (footnotes and math, the writing tools, a folder post's images, files that would
// run script if the browser let them). Assembled afresh in test/e2e/.blog before the server starts.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";

export const ROOT = join(import.meta.dirname, "..", "..", "..");
export const BLOG = join(ROOT, "test", "e2e", ".blog");

/**
 * The script each attachment holds: if it ever runs, it renames the tab, asks the blog's origin
 * for /__ran__/<file>, writes the origin's storage and tells the origin's other pages (a
 * BroadcastChannel reaches them whatever opened what).
 */
export const PROBE =
  "document.title = 'ran'; fetch('/__ran__' + location.pathname); try { localStorage.setItem('ran', location.pathname) } catch (e) {} try { new BroadcastChannel('probe').postMessage('ran') } catch (e) {}";

/** Files a post links, each holding PROBE the way its type would run it. */
export const ATTACHMENTS: Record<string, string> = {
  "q.shtml": `<!doctype html><html lang="en"><title>q</title><p>server-side include</p><script>${PROBE}</script></html>`,
  "q.xsd": `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>q</title></head><body><p>schema</p><script>${PROBE}</script></body></html>`,
  "q.rng": `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>q</title></head><body><p>grammar</p><script>${PROBE}</script></body></html>`,
  "q.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>q</title><script>${PROBE}</script></svg>`,
  "q.zzz": `<!doctype html><title>q</title><script>${PROBE}</script>`,
};

/** A one-page PDF, and half a second of silence as a WAV: files a reader opens rather than runs. */
function viewables(): Record<string, Buffer> {
  const samples = 4000;
  const wav = Buffer.alloc(44 + samples, 128);
  wav.write("RIFF", 0);
  wav.writeUInt32LE(36 + samples, 4);
  wav.write("WAVEfmt ", 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(8000, 24);
  wav.writeUInt32LE(8000, 28);
  wav.writeUInt16LE(1, 32);
  wav.writeUInt16LE(8, 34);
  wav.write("data", 36);
  wav.writeUInt32LE(samples, 40);
  const pdf = [
    "%PDF-1.4",
    "1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj",
    "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj",
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj",
    "trailer<</Root 1 0 R>>",
    "%%EOF",
  ].join("\n");
  return { "slides.pdf": Buffer.from(pdf), "tone.wav": wav };
}
export const VIEWABLE_NAMES = ["slides.pdf", "tone.wav"];

/** A folder post linking every attachment, dated before the rest so it is never the newest. */
function attachmentsPost(): void {
  const dir = join(BLOG, "posts", "attachments");
  mkdirSync(dir, { recursive: true });
  const files: Record<string, string | Buffer> = { ...ATTACHMENTS, ...viewables() };
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
  writeFileSync(
    join(dir, "index.md"),
    [
      "---",
      "title: Files to download",
      "date: 2020-01-01",
      "description: A folder post linking files that would run script, for the end-to-end suite.",
      "---",
      "",
      ...Object.keys(files).map((name) => `- [${name}](./${name})`),
      "",
    ].join("\n"),
  );
}

export async function assembleBlog(): Promise<void> {
  rmSync(BLOG, { recursive: true, force: true });
  cpSync(join(ROOT, "test", "fixtures", "blog"), BLOG, { recursive: true });
  cpSync(join(ROOT, "test", "fixtures", "reader-features.md"), join(BLOG, "posts", "reader-features.md"));
  // A folder post, for its decorative image (drawn here, like a-walk's pictures).
  const tools = join(BLOG, "posts", "writing-tools");
  mkdirSync(tools, { recursive: true });
  cpSync(join(ROOT, "test", "fixtures", "writing-tools.md"), join(tools, "index.md"));
  writeFileSync(
    join(tools, "rule.png"),
    await sharp({ create: { width: 600, height: 12, channels: 3, background: "#c8ccd0" } })
      .png()
      .toBuffer(),
  );
  // The figures' image: a small square, drawn here too.
  writeFileSync(
    join(tools, "diagram.png"),
    await sharp(
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320"><rect width="320" height="320" fill="#d8dee4"/><circle cx="160" cy="160" r="90" fill="#6a1b9a"/></svg>',
      ),
    )
      .png()
      .toBuffer(),
  );
  // Its video and sound (test/fixtures/media), with a poster drawn here and captions.
  cpSync(join(ROOT, "test", "fixtures", "media", "clip.mp4"), join(tools, "clip.mp4"));
  cpSync(join(ROOT, "test", "fixtures", "media", "song.mp3"), join(tools, "song.mp3"));
  writeFileSync(
    join(tools, "clip.jpg"),
    await sharp({ create: { width: 160, height: 90, channels: 3, background: "#2f3b52" } })
      .jpeg()
      .toBuffer(),
  );
  writeFileSync(join(tools, "clip.vtt"), "WEBVTT\n\n00:00.000 --> 00:01.000\nA steady tone.\n");
  const walk = join(BLOG, "posts", "a-walk");
  mkdirSync(walk, { recursive: true });
  // Two pictures drawn here, so the suite needs no binary fixtures: a gradient sky and a field.
  const picture = (top: string, bottom: string) =>
    sharp(
      Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs><rect width="1600" height="900" fill="url(#g)"/></svg>`,
      ),
    )
      .jpeg({ quality: 80 })
      .toBuffer();
  attachmentsPost();
  writeFileSync(join(walk, "sky.jpg"), await picture("#7fb2e5", "#f3d9a4"));
  writeFileSync(join(walk, "field.jpg"), await picture("#9bc26b", "#4d6b2f"));
  writeFileSync(
    join(walk, "index.md"),
    [
      "---",
      'title: "A walk, in two pictures"',
      "date: 2025-05-01",
      "description: A folder post with its images beside it, for the end-to-end suite.",
      "tags: [walks]",
      "---",
      "",
      "We set out early.",
      "",
      "![A pale blue sky turning gold near the horizon](./sky.jpg)",
      "",
      "By noon the path ran between fields.",
      "",
      "![A green field darkening towards the bottom](field.jpg)",
      "*The fields at noon: a figure, its caption the emphasised line below the image.*",
      "",
    ].join("\n"),
  );
}
