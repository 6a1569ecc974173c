/**
 * `node bench/search-ab.ts --base DIR`: this checkout's search index build and queries against
 * another checkout's (DIR, e.g. the commit before a change, from `git archive`, with a
 * node_modules link), interleaved in one process on the same Latin corpus (bench/corpus.ts
 * through the real content pipeline), so a change's cost shows as a ratio, not as noise
 * between runs. Prints; writes nothing.
 *
 *   node bench/search-ab.ts --base /tmp/before [--posts 1000] [--rounds 5]
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { parsePost } from "../src/build/content/collection.ts";
import { htmlToText } from "../src/build/content/markdown.ts";
import * as after from "../src/worker/search/index.ts";
import { makePost } from "./corpus.ts";

const { values } = parseArgs({
  options: {
    base: { type: "string" },
    posts: { type: "string", default: "1000" },
    rounds: { type: "string", default: "5" },
  },
});
if (!values.base) throw new Error("--base DIR: the checkout to compare with");
const before = (await import(resolve(values.base, "src/worker/search/index.ts"))) as typeof after;
const N = Number(values.posts);
const ROUNDS = Number(values.rounds);

const docs: after.SearchDoc[] = [];
for (let i = 1; i <= N; i++) {
  const p = makePost(i, 42);
  const { post } = parsePost({ path: `content/posts/${p.slug}.md`, text: p.text });
  if (!post) throw new Error(`post ${i} did not parse`);
  const { slug, title, date, tags, description } = post;
  docs.push({ slug, title, date, tags, description, text: htmlToText(post.html) });
}

const cpuMs = async (fn: () => unknown, runs = 1) => {
  const c = process.cpuUsage();
  for (let i = 0; i < runs; i++) await fn();
  const u = process.cpuUsage(c);
  return (u.user + u.system) / 1000 / runs;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const sides = { before, after } as const;
type Side = keyof typeof sides;
const indexes = {} as Record<Side, after.SearchIndex>;
const builds: Record<Side, number[]> = { before: [], after: [] };
for (let r = 0; r < ROUNDS + 1; r++) {
  // Alternate which goes first, so neither always runs on a warmer machine.
  for (const side of (r % 2 ? ["after", "before"] : ["before", "after"]) as Side[]) {
    builds[side].push(await cpuMs(() => (indexes[side] = sides[side].buildSearchIndex(docs, { shardKeyLength: 2 }))));
  }
}
const bytes = (i: after.SearchIndex) => Object.values(i.shards).reduce((s, x) => s + JSON.stringify(x).length, 0);
const line = (name: string, b: number, a: number, digits = 3) =>
  `${name.padEnd(34)} before ${b.toFixed(digits)}  after ${a.toFixed(digits)}  ×${(a / b).toFixed(3)}`;
console.log(`${N} posts, ${ROUNDS} rounds, CPU ms (median)`);
console.log(line("index build", median(builds.before), median(builds.after), 0));
console.log(line("index bytes per post", bytes(indexes.before) / N, bytes(indexes.after) / N, 1));
const QUERIES = ["latency", '"latency"', "edge cache", "re", '"the edge"', 'worker "memory budget" retry', "zebra"];
let sumBefore = 0;
let sumAfter = 0;
for (const q of QUERIES) {
  const t: Record<Side, number[]> = { before: [], after: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const side of ["before", "after"] as Side[]) {
      const m = sides[side];
      const run = () => m.searchQuery(indexes[side].manifest, q, m.memoryLoaders(indexes[side]), { limit: 10 });
      await cpuMs(run, 20);
      t[side].push(await cpuMs(run, 60));
    }
  }
  sumBefore += median(t.before);
  sumAfter += median(t.after);
  console.log(line(`query ${q}`, median(t.before), median(t.after)));
}
console.log(line("every query", sumBefore, sumAfter));
