/**
 * What images cost the build: `node bench/media.ts [--posts 20] [--width 2400]`.
 *
 * Builds two generated blogs with the real build script, each in a new process as an author
 * would: one of single-file posts with no images, one of folder posts with one photo each
 * (`--width` wide, 3:2, photo-like noise). For each: a cold build (empty caches: every card
 * drawn, every image processed), a rebuild with nothing changed, and, for the photos, a rebuild
 * after one photo changed and one into a clean assets directory. Times are wall clock for the
 * whole process (Node start-up and module loading included) and the build's own figure.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";

const { values } = parseArgs({
  options: { posts: { type: "string", default: "20" }, width: { type: "string", default: "2400" } },
});
const n = Number(values.posts);
const width = Number(values.width);
const root = resolve(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "edge-blog-media-bench-"));

const SITE = "title: Bench\ndescription: Timing.\nauthor: Bench\nlanguage: en\norigin: https://bench.example.test\n";
const front = (i: number) =>
  `---\ntitle: Post number ${i} about somewhere\ndate: 2025-01-${String((i % 28) + 1).padStart(2, "0")}\n---\n`;
const photo = (seed: number) =>
  sharp({
    create: {
      width,
      height: Math.round((width * 2) / 3),
      channels: 3,
      background: "#000",
      noise: { type: "gaussian", mean: 60 + (seed % 120), sigma: 40 },
    },
  })
    .blur(1.5)
    .jpeg({ quality: 88 })
    .toBuffer();

function run(dir: string): { wall: number; reported: number; line: string } {
  const t = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      join(root, "src", "build", "index.ts"),
      "--content",
      join(dir, "content"),
      "--out",
      join(dir, "out"),
      "--cache",
      join(dir, "cache"),
    ],
    { encoding: "utf8" },
  );
  const wall = performance.now() - t;
  if (r.status !== 0) throw new Error(r.stderr);
  return { wall, reported: Number(r.stdout.match(/in (\d+) ms/)?.[1]), line: r.stdout.trim() };
}

async function makeBlog(name: string, images: boolean): Promise<string> {
  const dir = join(work, name);
  mkdirSync(join(dir, "content", "posts"), { recursive: true });
  writeFileSync(join(dir, "content", "site.yaml"), SITE);
  for (let i = 0; i < n; i++) {
    const text = `${front(i)}Some words about the place.\n\n${images ? "![The view from the hill](./photo.jpg)\n\nMore words.\n" : "More words.\n"}`;
    if (!images) writeFileSync(join(dir, "content", "posts", `post-${i}.md`), text);
    else {
      mkdirSync(join(dir, "content", "posts", `post-${i}`));
      writeFileSync(join(dir, "content", "posts", `post-${i}`, "index.md"), text);
      writeFileSync(join(dir, "content", "posts", `post-${i}`, "photo.jpg"), await photo(i));
    }
  }
  return dir;
}

const rows: string[] = [];
const row = (label: string, r: { wall: number; reported: number; line: string }, per = 0) =>
  rows.push(
    `${label.padEnd(44)} ${(r.wall / 1000).toFixed(2).padStart(6)} s wall  ${String(r.reported).padStart(6)} ms build${per ? `  (${Math.round(r.reported / per)} ms a post)` : ""}   ${r.line.replace(/^✓ content: /, "")}`,
  );

try {
  const plain = await makeBlog("plain", false);
  row(`${n} posts, no images: cold`, run(plain), n);
  row(`${n} posts, no images: nothing changed`, run(plain));

  const photos = await makeBlog("photos", true);
  row(`${n} posts, one ${width}px photo each: cold`, run(photos), n);
  row(`${n} posts with photos: nothing changed`, run(photos));
  writeFileSync(join(photos, "content", "posts", "post-0", "photo.jpg"), await photo(7777));
  row(`${n} posts with photos: one photo changed`, run(photos));
  rmSync(join(photos, "out", "assets"), { recursive: true });
  row(`${n} posts with photos: clean assets directory`, run(photos));
  console.log(rows.join("\n"));
} finally {
  rmSync(work, { recursive: true, force: true });
}
