/**
 * `node bench/search-cjk.ts`: the search index and queries over a synthetic Japanese corpus, the
 * words of its text found by Intl.Segmenter (src/shared/search/text.ts). Index bytes per post,
 * build time, and per-query CPU, next to the same queries' Latin figures in bench/search.ts.
 *
 *   node bench/search-cjk.ts [--posts 1000] [--runs 200] [--no-write]
 *
 * Writes its section of docs/benchmarks.md unless --no-write.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { decodeNumbers } from "../src/shared/search/codec.ts";
import {
  buildSearchIndex,
  memoryLoaders,
  normaliseQuery,
  parseQuery,
  type SearchDoc,
  search,
} from "../src/worker/search/index.ts";
import { machineNote, replaceSection, table } from "./docs.ts";
import { fmt, median } from "./stats.ts";

const { values } = parseArgs({
  options: {
    posts: { type: "string", default: "1000" },
    runs: { type: "string", default: "200" },
    "no-write": { type: "boolean", default: false },
  },
});
const POSTS = Number(values.posts);
const RUNS = Number(values.runs);

/** Nouns, verbs and particles of everyday Japanese: sentences of them read as (plain) Japanese. */
const NOUNS = (
  "東京 大阪 京都 天気 雨 雪 晴れ 朝 夜 駅 電車 会社 仕事 友達 家族 学校 先生 学生 料理 野菜 果物 " +
  "コーヒー お茶 本 映画 音楽 写真 旅行 海 山 川 公園 図書館 病院 銀行 郵便局 天ぷら 寿司 ラーメン " +
  "サーバー キャッシュ データ 検索 記事 言語 開発 設計 試験 計画 会議 問題 答え 意味 理由 方法 結果"
).split(" ");
const VERBS = "行きます 見ます 食べます 飲みます 読みます 書きます 話します 作ります 使います 考えます 待ちます 帰ります".split(
  " ",
);
const PARTICLES = "は が を に で と の も から まで".split(" ");

/** A deterministic pseudo-random sequence (mulberry32), so every run indexes the same corpus. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A post of ≈ `sentences` sentences: noun particle noun particle verb。, no spaces. */
function post(i: number, next: () => number, sentences = 120): SearchDoc {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] as T;
  const sentence = () => `${pick(NOUNS)}${pick(PARTICLES)}${pick(NOUNS)}${pick(PARTICLES)}${pick(NOUNS)}を${pick(VERBS)}。`;
  const text = Array.from({ length: sentences }, sentence).join("");
  return {
    slug: `post-${i}`,
    title: `${pick(NOUNS)}と${pick(NOUNS)}の話 ${i}`,
    date: new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().replace(".000", ""),
    tags: [pick(NOUNS), pick(NOUNS)],
    description: sentence(),
    text,
  };
}

async function time(fn: () => unknown, runs = RUNS): Promise<{ wallMs: number; cpuMs: number }> {
  for (let i = 0; i < Math.min(20, runs); i++) await fn();
  const walls: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    walls.push(performance.now() - t);
  }
  const used = process.cpuUsage(cpu);
  return { wallMs: median(walls.sort((a, b) => a - b)), cpuMs: (used.user + used.system) / 1000 / runs };
}

const QUERIES = [
  { name: "a word inside sentences", q: "天気" },
  { name: "two words", q: "天気 東京" },
  { name: "a phrase", q: '"東京の天気"' },
  { name: "a sentence typed whole (split like the text)", q: "東京の天気を見ます" },
  { name: "no match", q: "ゼブラ" },
];

const next = random(42);
const docs = Array.from({ length: POSTS }, (_, i) => post(i + 1, next));
const characters = docs.reduce((s, d) => s + d.text.length, 0) / POSTS;
const started = performance.now();
const index = buildSearchIndex(docs, { shardKeyLength: 2, language: "ja" });
const buildMs = performance.now() - started;
const shardTexts = Object.values(index.shards).map((s) => JSON.stringify(s));
const shardBytes = shardTexts.reduce((s, t) => s + Buffer.byteLength(t), 0) + Buffer.byteLength(JSON.stringify(index.manifest));
const gzipBytes = shardTexts.reduce((s, t) => s + gzipSync(t).byteLength, 0);
const postings = Object.values(index.shards).reduce(
  (sum, shard) => sum + shard.postings.reduce((t, p) => t + (decodeNumbers(p).length - 1) / 2, 0),
  0,
);
const terms = Object.values(index.shards).reduce((s, x) => s + x.terms.length, 0);

const loaders = memoryLoaders(index);
const rows: string[][] = [];
for (const { name, q } of QUERIES) {
  const normalised = normaliseQuery(q);
  if (!normalised.ok) throw new Error(normalised.message);
  const run = () => search(index.manifest, parseQuery(normalised.query, index.manifest.language), loaders, { limit: 10 });
  const total = (await run()).total;
  const t = await time(run);
  rows.push([`${name}: \`${q}\``, fmt(total), fmt(t.wallMs, 2), fmt(t.cpuMs, 2)]);
}

const when = new Date().toISOString().slice(0, 16).replace("T", " ");
const text = [
  "## Search in Japanese",
  "",
  `Run ${when} UTC on ${machineNote()}.`,
  "",
  `Corpus: ${fmt(POSTS)} synthetic Japanese posts (bench/search-cjk.ts): ≈${fmt(characters)} characters of text each, sentences`,
  "of a ≈70-word vocabulary and particles written without spaces, indexed for `ja` with two-character",
  "shards; Intl.Segmenter finds the words at build and at query time. As in the Latin corpus above, the",
  "vocabulary is tiny, so every query word is in most posts: a worst case for postings and query time.",
  "",
  table(
    [
      "posts",
      "characters/post",
      "terms",
      "postings/post",
      "build",
      "index (shards + manifest)",
      "index per post",
      "gzip per post",
    ],
    [
      [
        fmt(POSTS),
        fmt(characters),
        fmt(terms),
        fmt(postings / POSTS),
        `${fmt(buildMs)} ms`,
        `${fmt(shardBytes / 1024, 1)} KiB`,
        `${fmt(shardBytes / POSTS)} B`,
        `${fmt(gzipBytes / POSTS)} B`,
      ],
    ],
  ),
  "",
  `Queries: ${RUNS} runs each after 20 warm-up runs, limit 10 with snippets, shards in memory; CPU is process`,
  "user + system time per query.",
  "",
  table(["query", "matches", "median ms", "CPU ms"], rows),
  "",
  `Reproduce: \`node bench/search-cjk.ts --posts ${POSTS} --runs ${RUNS}\` (Node 24 from node_modules/.bin on PATH).`,
].join("\n");
console.log(text);
if (!values["no-write"]) replaceSection(resolve(import.meta.dirname, "../docs/benchmarks.md"), "search-cjk", text);
