/**
 * How long cards take: `node bench/cards.ts [--posts 100]`. Renders a blog's worth
 * into a fresh folder (cold), then rebuilds it in a new process each time, as the next build
 * would: once with nothing changed, once with one title changed. Times are wall clock for
 * `renderCards` alone; loading the modules (resvg, fontkit) is shown apart.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const loading = performance.now();
const { renderCards } = await import("../src/build/cards/batch.ts");
const loaded = performance.now() - loading;

const { values } = parseArgs({
  options: {
    posts: { type: "string", default: "100" },
    dir: { type: "string" },
    change: { type: "boolean", default: false },
  },
});
const n = Number(values.posts);

const WORDS = "edge cache worker request response header stream latency content markdown feed render card title".split(" ");
// Titles of 2 to 24 words, one in ten in Japanese: the mix a real blog might have.
const posts = Array.from({ length: n }, (_, i) => ({
  slug: `post-${i}`,
  title:
    (i % 10 === 9
      ? `日本語のタイトル${i}：キャッシュとレンダリングについて`
      : Array.from({ length: 2 + ((i * 7) % 23) }, (_, j) => WORDS[(i + j * 3) % WORDS.length]).join(" ")) +
    (values.change && i === 0 ? " (updated)" : ""),
  date: new Date(Date.UTC(2025, 0, 1 + i)).toISOString(),
  siteName: "Edge Blog",
  lang: i % 10 === 9 ? "ja" : "en",
}));

async function run(dir: string, label: string) {
  const t0 = performance.now();
  const { rendered } = await renderCards(posts, { outDir: join(dir, "out"), cacheDir: join(dir, "cache") });
  const ms = performance.now() - t0;
  // Per card only when every card was rendered: otherwise the time is mostly the layout of all.
  const each = rendered.length === n ? `  (${(ms / n).toFixed(0)} ms a card)` : "";
  console.log(
    `${label.padEnd(30)} ${String(rendered.length).padStart(4)} rendered  ${(ms / 1000).toFixed(2)} s${each}  [modules ${loaded.toFixed(0)} ms]`,
  );
}

if (values.dir) {
  await run(values.dir, values.change ? "new process, 1 title changed" : "new process, nothing changed");
} else {
  const dir = mkdtempSync(join(tmpdir(), "edge-blog-cards-bench-"));
  try {
    await run(dir, `cold, ${n} posts`);
    for (const extra of [[], ["--change"]]) {
      execFileSync(process.execPath, [import.meta.filename, "--posts", String(n), "--dir", dir, ...extra], { stdio: "inherit" });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
