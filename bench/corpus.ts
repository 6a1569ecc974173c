/**
 * Synthetic corpora for the scaling bench: N posts of realistic length (≈800–1,500 words)
 * with headings, lists, code blocks, links and emphasis, from a seeded PRNG so every run
 * builds byte-identical content. Written to a temp directory, never into content/.
 * `writeScaleCorpus` also makes a share of them folder posts with small images of their own.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";

/** mulberry32: tiny, fast and deterministic; quality is ample for filler text. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  "system service request latency cache edge worker isolate runtime memory thread queue stream buffer " +
  "protocol header route handler deploy build bundle module function type value error result state " +
  "index query table schema record field page post feed tag author reader content markdown render " +
  "performance security reliability design trade-off budget failure retry timeout backpressure load " +
  "the a of to and in that is for on with as it be by this are from or at an which we not can will " +
  "more than when each every only also then because while where before after across between through"
).split(" ");
const TAGS = "rust go typescript workers edge caching http performance security databases testing design ops web".split(" ");
const LANGS = ["ts", "rust", "bash", "json", "python", "go"];
const CODE: Record<string, string> = {
  ts: "export async function handler(req: Request): Promise<Response> {\n  const url = new URL(req.url);\n  return new Response('hello ' + url.pathname, { status: 200 });\n}",
  rust: 'fn main() {\n    let xs: Vec<u32> = (1..=10).collect();\n    let sum: u32 = xs.iter().sum();\n    println!("sum = {sum}");\n}',
  bash: 'set -euo pipefail\nfor f in content/posts/*.md; do\n  wc -w "$f"\ndone | sort -n | tail -5',
  json: '{\n  "name": "edge-blog",\n  "routes": ["/", "/posts/:slug", "/feed.xml"],\n  "cache": { "maxAge": 300 }\n}',
  python:
    "def fib(n: int) -> int:\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\n\nprint(fib(30))",
  go: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tch := make(chan int, 3)\n\tch <- 1\n\tfmt.Println(<-ch)\n}',
};

export function makePost(i: number, seed: number): { slug: string; text: string; words: number } {
  const rnd = prng(seed * 100_003 + i);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  let words = 0;
  const sentence = () => {
    const n = 8 + Math.floor(rnd() * 14);
    words += n;
    const ws = Array.from({ length: n }, () => pick(WORDS));
    if (rnd() < 0.2) ws[2] = `**${ws[2]}**`;
    if (rnd() < 0.15) ws[5] = `\`${ws[5]}()\``;
    if (rnd() < 0.1) ws[7] = `[${ws[7]}](https://example.com/${ws[7]})`;
    const s = ws.join(" ");
    return `${s[0]?.toUpperCase()}${s.slice(1)}.`;
  };
  const paragraph = () => Array.from({ length: 3 + Math.floor(rnd() * 4) }, sentence).join(" ");
  const target = 800 + Math.floor(rnd() * 700);
  const title = `${pick(WORDS)} ${pick(WORDS)} and the ${pick(WORDS)} of ${pick(WORDS)} ${i}`.replace(/^./, (c) =>
    c.toUpperCase(),
  );
  const slug = `post-${i}-${title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")}`;
  const blocks: string[] = [paragraph()];
  for (let section = 1; words < target; section++) {
    blocks.push(`## ${pick(WORDS)} ${pick(WORDS)} ${section}`.replace("## .", "## "), paragraph());
    const r = rnd();
    if (r < 0.35) blocks.push(Array.from({ length: 3 + Math.floor(rnd() * 3) }, () => `- ${sentence()}`).join("\n"));
    else if (r < 0.55) blocks.push(Array.from({ length: 3 }, (_, k) => `${k + 1}. ${sentence()}`).join("\n"));
    else if (r < 0.85) {
      const lang = pick(LANGS);
      blocks.push(`\`\`\`${lang}\n${CODE[lang]}\n\`\`\``);
    }
    if (rnd() < 0.4) blocks.push(`### ${pick(WORDS)} ${pick(WORDS)}`, paragraph());
    blocks.push(paragraph());
  }
  // Posts a few hours apart, going back from 2025: all in the past, so none is "scheduled".
  const date = new Date(Date.UTC(2025, 0, 1) - i * 7 * 3600_000).toISOString().slice(0, 10);
  const tags = [...new Set([pick(TAGS), pick(TAGS), pick(TAGS)])];
  const front = ["---", `title: "${title}"`, `date: ${date}`, `tags: [${tags.join(", ")}]`, "---", ""].join("\n");
  return { slug, text: `${front}\n${blocks.join("\n\n")}\n`, words };
}

export const SITE_YAML = `title: Scale Bench
description: A synthetic corpus for the scaling benchmark.
author: Bench
language: en
origin: https://edge-blog.example.com
postsPerPage: 10
feedLimit: 20
`;

/** Writes `dir/site.yaml` and `dir/posts/*.md`; returns the slugs in generation order. */
export function writeCorpus(dir: string, n: number, seed = 42): { slugs: string[]; words: number } {
  mkdirSync(join(dir, "posts"), { recursive: true });
  writeFileSync(join(dir, "site.yaml"), SITE_YAML);
  const slugs: string[] = [];
  let words = 0;
  for (let i = 1; i <= n; i++) {
    const post = makePost(i, seed);
    writeFileSync(join(dir, "posts", `${post.slug}.md`), post.text);
    slugs.push(post.slug);
    words += post.words;
  }
  return { slugs, words };
}

/**
 * The images of folder post `i`: a flat PNG, and with `photo` a small photo-like JPEG too, every
 * one different (colours and noise from `i`), so the build's content-hash cache
 * never shares work between posts and each image is processed like an author's.
 */
export async function postImages(
  i: number,
  seed: number,
  photo: boolean,
): Promise<{ name: string; alt: string; bytes: Buffer }[]> {
  const rnd = prng(seed * 7_919 + i);
  const rgb = () => ({ r: Math.floor(rnd() * 256), g: Math.floor(rnd() * 256), b: Math.floor(rnd() * 256) });
  const png = await sharp({ create: { width: 320, height: 200, channels: 3, background: rgb() } })
    .composite([
      {
        input: { create: { width: 160, height: 100, channels: 3, background: rgb() } },
        left: Math.floor(rnd() * 160),
        top: Math.floor(rnd() * 100),
      },
    ])
    .png()
    .toBuffer();
  const out = [{ name: "diagram.png", alt: `Diagram ${i}`, bytes: png }];
  if (photo) {
    const jpeg = await sharp({
      create: { width: 800, height: 533, channels: 3, background: rgb(), noise: { type: "gaussian", mean: 90, sigma: 30 } },
    })
      .blur(1.2)
      .jpeg({ quality: 80 })
      .toBuffer();
    out.push({ name: "photo.jpg", alt: `Photo ${i}`, bytes: jpeg });
  }
  return out;
}

/** Where post `i`'s Markdown lives (a folder post's index.md, or `<slug>.md`). */
export function postFile(dir: string, slug: string, folder: boolean): string {
  return folder ? join(dir, "posts", slug, "index.md") : join(dir, "posts", `${slug}.md`);
}

export interface ScaleCorpus {
  slugs: string[];
  words: number;
  /** Slugs of the folder posts with images. */
  imagePosts: string[];
  images: number;
}

/**
 * Writes `dir/site.yaml` and N posts, every `imageEvery`-th (i = imageEvery, 2·imageEvery, …) a
 * folder post `posts/<slug>/index.md` with one or two images of its own, referenced as `![alt](./name)` after its
 * first paragraph. `only` keeps just the posts with images ("images") or just those without.
 */
export async function writeScaleCorpus(
  dir: string,
  n: number,
  opts: { seed?: number; imageEvery?: number; only?: "images" | "plain"; first?: number } = {},
): Promise<ScaleCorpus> {
  const seed = opts.seed ?? 42;
  const every = opts.imageEvery ?? 10;
  mkdirSync(join(dir, "posts"), { recursive: true });
  writeFileSync(join(dir, "site.yaml"), SITE_YAML);
  const corpus: ScaleCorpus = { slugs: [], words: 0, imagePosts: [], images: 0 };
  for (let i = opts.first ?? 1, made = 0; made < n; i++) {
    const withImages = every > 0 && i % every === 0;
    if ((opts.only === "images" && !withImages) || (opts.only === "plain" && withImages)) continue;
    made++;
    const post = makePost(i, seed);
    corpus.slugs.push(post.slug);
    corpus.words += post.words;
    if (!withImages) {
      writeFileSync(postFile(dir, post.slug, false), post.text);
      continue;
    }
    const folder = join(dir, "posts", post.slug);
    mkdirSync(folder, { recursive: true });
    // One image on odd-numbered image posts, two on even ones.
    const images = await postImages(i, seed, (i / every) % 2 === 0);
    for (const img of images) writeFileSync(join(folder, img.name), img.bytes);
    // After the first paragraph of the body: the front matter ends at the second "---" line.
    const bodyStart = post.text.indexOf("\n---\n", 4) + 5;
    const firstBreak = post.text.indexOf("\n\n", bodyStart + 1);
    const refs = images.map((img) => `![${img.alt}](./${img.name})`).join("\n\n");
    writeFileSync(postFile(dir, post.slug, true), `${post.text.slice(0, firstBreak)}\n\n${refs}${post.text.slice(firstBreak)}`);
    corpus.imagePosts.push(post.slug);
    corpus.images += images.length;
  }
  return corpus;
}
