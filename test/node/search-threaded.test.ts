/**
 * The search indexes made on a cold build's spare parse thread (src/build/search/threaded.ts):
 * the same files, byte for byte, as made on the main thread, the same memo left in the build
 * cache, and the same failure.
 *
 *   node --test test/node/search-threaded.test.ts
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { Worker } from "node:worker_threads";
import { parseContext, parsePost, parseSite, type SourceFile } from "../../src/build/content/index.ts";
import { PARSE_WORKER } from "../../src/build/early.ts";
import { parseCache } from "../../src/build/parse-cache.ts";
import { parseAhead, SpareThread } from "../../src/build/parse-pool.ts";
import { type LanguageSearch, type SearchJob, searchIndexes } from "../../src/build/search/threaded.ts";
import type { Post } from "../../src/shared/types.ts";

const work = mkdtempSync(join(tmpdir(), "edge-blog-search-threaded-"));
after(() => rmSync(work, { recursive: true, force: true }));

const site: SourceFile = {
  path: "content/site.yaml",
  text: "title: Threads\norigin: https://threads.example\nlanguage: en\ndescription: D.\nauthor: A\n",
};
const files: SourceFile[] = Array.from({ length: 240 }, (_, i) => ({
  path: `content/posts/post-${i}.md`,
  text: `---\ntitle: Post ${i} on ${["gardens", "rust", "tea"][i % 3]}\ndate: ${i % 50 === 3 ? "2026-06-01" : `2025-01-${String((i % 28) + 1).padStart(2, "0")}`}\ntags: [t${i % 5}]\n---\n\n# Heading ${i}\n\nSome *text* about word${i} and \`code\`.[^n]\n\n$$E = mc^${i % 4}$$\n\n\`\`\`js\nconst x = ${i};\n\`\`\`\n\n[^n]: A note on ${i}.\n`,
}));
const NOW = Date.parse("2026-01-01");

/** Every file under `dir` (relative path → bytes). */
function tree(dir: string, at = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(join(dir, at)).sort()) {
    const path = join(at, name);
    if (statSync(join(dir, path)).isDirectory()) for (const [k, v] of tree(dir, path)) out.set(k, v);
    else out.set(path, readFileSync(join(dir, path), "utf8"));
  }
  return out;
}
/** The indexes as written: each file's path, inputs and bytes. */
const written = (indexes: LanguageSearch[]) =>
  indexes.map(({ manifest, files }) => ({
    manifest,
    files: files.map((f) => ({ path: f.path, inputs: f.inputs, body: f.body() })),
  }));
/** A thread of the parse pool, kept as a spare without parsing anything. */
const spareThread = () => new SpareThread(new Worker(PARSE_WORKER), { files: [], paths: [], ...parseContext(undefined) });

test("a cold build's spare thread makes every language's index as this thread does, and leaves the same memo", async () => {
  const parsedSite = parseSite(site.path, site.text);
  const cache = parseCache(join(work, "posts"), "test-version");
  const spare = await parseAhead(cache, parsedSite.site, files, 2);
  assert.ok(spare instanceof SpareThread, "parsing on two threads leaves one spare");
  const { context } = parseContext(parsedSite.site);
  // As the build has them: from the parse cache, each with its bodies' digest beside it.
  const posts = files.map((f) => cache.get(f, context)?.post as Post);
  const jobs = (name: string): SearchJob[] => [
    { language: "en", posts: posts.slice(0, 180), dir: join(work, name, "terms"), now: NOW, base: "/_content/search" },
    { language: "ja", posts: posts.slice(180), dir: join(work, name, "terms.ja"), now: NOW, base: "/_content/ja/search" },
  ];
  const there = written(await searchIndexes(jobs("there"), spare));
  const here = written(await searchIndexes(jobs("here")));
  assert.deepEqual(there, here);
  assert.equal(there.length, 2);
  assert.ok((there[0]?.files.length ?? 0) > 2);
  assert.equal(there[0]?.manifest.docCount, 180);
  // The memo is keyed by each post's digest: a digest lost on the way would key it by the HTML.
  assert.deepEqual(tree(join(work, "there")), tree(join(work, "here")));
  // Closed once it answered.
  await assert.rejects(spare.search({ search: [] }), { message: "the spare thread is closed" });
});

test("an index the spare thread cannot make fails with the message this thread's would", async () => {
  const blocked = join(work, "blocked");
  writeFileSync(blocked, "a file where the index's folder would go");
  const job: SearchJob = { language: "en", posts: [], dir: join(blocked, "terms"), now: NOW, base: "/_content/search" };
  const here = await searchIndexes([job]).then(
    () => assert.fail("made an index under a file"),
    (e: Error) => e.message,
  );
  assert.match(here, /ENOTDIR/);
  await assert.rejects(searchIndexes([job], spareThread()), { message: here });
});

test("a spare thread that ended while it waited fails the search at once, saying so", async () => {
  const worker = new Worker(PARSE_WORKER);
  const spare = new SpareThread(worker, { files: [], paths: [], ...parseContext(undefined) });
  const code = await worker.terminate();
  const job: SearchJob = { language: "en", posts: [], dir: join(work, "ended"), now: NOW, base: "/_content/search" };
  await assert.rejects(searchIndexes([job], spare), { message: `the search thread exited with ${code}` });
});

test("a blog above the spare thread's limit is indexed here, and the spare thread is closed", async () => {
  const { origin, render } = parseContext(parseSite(site.path, site.text).site);
  const posts = files.slice(0, 20).map((f) => parsePost(f, origin, render).post as Post);
  const job = (name: string): SearchJob => ({ language: "en", posts, dir: join(work, name), now: NOW, base: "/_content/search" });
  // A thread that could not answer: above the limit, it is not asked.
  const worker = new Worker(PARSE_WORKER);
  const spare = new SpareThread(worker, { files: [], paths: [], ...parseContext(undefined) });
  await worker.terminate();
  const limited = written(await searchIndexes([job("limited")], spare, 19));
  assert.deepEqual(limited, written(await searchIndexes([job("unlimited")])));
  assert.equal(limited[0]?.manifest.docCount, 20);
  await assert.rejects(spare.search({ search: [] }), { message: "the spare thread is closed" });
});

test("a build with few posts to parse keeps no spare thread", async () => {
  const cache = parseCache(join(work, "few"), "test-version");
  assert.equal(await parseAhead(cache, parseSite(site.path, site.text).site, files.slice(0, 150), 2), undefined);
});
