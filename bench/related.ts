/**
 * `node bench/related.ts`: what related posts add to a build. The scale bench's synthetic
 * posts (bench/corpus.ts: 14 tags, 1–3 per post, so each tag is on ~1 in 5 posts: long
 * lists, a hard case for a tag index) go through the real pipeline once; then the related step
 * alone is timed on their tags; then on two harder cases: one tag added to every post (every
 * list as long as the blog), and that tag plus one of each post's own (no two posts with the
 * same tags, so nothing is shared: the worst case, one full count per post).
 *
 *   node bench/related.ts [--sizes 1000,10000] [--runs 9]
 */
import { parseArgs } from "node:util";
import { buildCollection } from "../src/build/content/collection.ts";
import { relatedIndexes } from "../src/build/content/related.ts";
import { makePost, SITE_YAML } from "./corpus.ts";
import { fmt, median } from "./stats.ts";

const { values } = parseArgs({
  options: { sizes: { type: "string", default: "1000,10000" }, runs: { type: "string", default: "9" } },
});
const sizes = (values.sizes ?? "").split(",").map(Number);
const RUNS = Number(values.runs);

function time(fn: () => unknown): number {
  fn();
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    runs.push(performance.now() - t);
  }
  return median(runs);
}

console.log(
  "| posts | whole collection, ms | related step, ms | share | one tag on every post, ms | and each its own tag (worst), ms |",
);
console.log("| ----: | ----: | ----: | ----: | ----: | ----: |");
for (const n of sizes) {
  const files = Array.from({ length: n }, (_, i) => {
    const p = makePost(i + 1, 42);
    return { path: `content/posts/${p.slug}.md`, text: p.text };
  });
  const started = performance.now();
  const result = buildCollection({ path: "content/site.yaml", text: SITE_YAML }, files, {
    includeDrafts: false,
    now: new Date("2026-01-01T00:00:00Z"),
  });
  const whole = performance.now() - started;
  if (result.errors.length > 0) throw new Error(`the corpus did not build: ${result.errors[0]?.message}`);
  const related = time(() => relatedIndexes(result.posts));
  const everywhere = result.posts.map((p) => ({ tags: [...p.tags, "everywhere"] }));
  const common = time(() => relatedIndexes(everywhere));
  const unique = result.posts.map((p) => ({ tags: [...p.tags, "everywhere", `own-${p.slug}`] }));
  const worst = time(() => relatedIndexes(unique));
  console.log(
    `| ${fmt(n)} | ${fmt(whole)} | ${fmt(related, 1)} | ${fmt((100 * related) / whole, 2)} % | ${fmt(common, 1)} | ${fmt(worst, 1)} |`,
  );
}
