/**
 * The Markdown pipeline on worker threads (src/build/parse-pool.ts): the records are the ones the
 * main thread makes, errors included, and they go into the parse cache as this build's own.
 *
 *   node --test test/node/parse-pool.test.ts
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { parseContext, parsePost, parseSite, type SourceFile } from "../../src/build/content/index.ts";
import { parseCache } from "../../src/build/parse-cache.ts";
import { parseAhead } from "../../src/build/parse-pool.ts";

const work = mkdtempSync(join(tmpdir(), "edge-blog-pool-"));
after(() => rmSync(work, { recursive: true, force: true }));

const site: SourceFile = {
  path: "content/site.yaml",
  text: "title: Pool\norigin: https://pool.example\nlanguage: en\ndescription: D.\nauthor: A\n",
};
const files: SourceFile[] = Array.from({ length: 240 }, (_, i) => ({
  path: `content/posts/post-${i}.md`,
  text:
    i % 40 === 7
      ? `---\ntitle: Broken ${i}\ndate: not a date\n---\n\nText.\n`
      : `---\ntitle: Post ${i}\ndate: 2025-01-01\ntags: [t${i % 5}]\n---\n\n# Heading ${i}\n\nSome *text* and \`code\`.\n\n\`\`\`js\nconst x = ${i};\n\`\`\`\n`,
}));

test("posts parsed on threads are the records the main thread makes, and the cache has them as parsed in this build", async () => {
  const parsed = parseSite(site.path, site.text);
  assert.deepEqual(parsed.errors, []);
  const { origin, render, context } = parseContext(parsed.site);
  const cache = parseCache(join(work, "posts"), "test-version");
  (await parseAhead(cache, parsed.site, files, 2))?.close();
  assert.deepEqual(cache.stats, { parsed: 240, reused: 0 });
  // As records: what the cache stores, and what the build serialises (the bodies' digest is a symbol beside them).
  const record = (parsed: unknown) => JSON.parse(JSON.stringify(parsed)) as unknown;
  for (const file of files)
    assert.deepEqual(record(cache.get(file, context)), record(parsePost(file, origin, render)), file.path);
  // Found as parsed in this build: not counted as reused from an earlier one.
  assert.deepEqual(cache.stats, { parsed: 240, reused: 0 });
  assert.ok(files.some((f) => (cache.get(f, context)?.errors.length ?? 0) > 0));
  // Each thread wrote the records it made: the next build finds every one.
  const next = parseCache(join(work, "posts"), "test-version");
  for (const file of files) assert.deepEqual(record(next.get(file, context)), record(parsePost(file, origin, render)), file.path);
  assert.deepEqual(next.stats, { parsed: 0, reused: 240 });
});

test("on three threads too, every post is parsed once", async () => {
  const parsed = parseSite(site.path, site.text);
  const { context } = parseContext(parsed.site);
  const many = [...files, ...files.map((f) => ({ ...f, path: f.path.replace("post-", "more-") }))];
  const cache = parseCache(join(work, "three"), "test-version");
  (await parseAhead(cache, parsed.site, many, 3))?.close();
  assert.deepEqual(cache.stats, { parsed: 480, reused: 0 });
  for (const file of many)
    assert.equal(
      cache.get(file, context)?.post?.title ?? "broken",
      cache.get(file, context)?.post ? file.text.match(/title: (.*)/)?.[1] : "broken",
    );
});

test("a few posts to parse stay in the main thread: nothing is parsed ahead", async () => {
  const cache = parseCache(join(work, "few"), "test-version");
  await parseAhead(cache, parseSite(site.path, site.text).site, files.slice(0, 150), 2);
  assert.deepEqual(cache.stats, { parsed: 0, reused: 0 });
});

test("a post nested too deep to render fails on a worker thread as on the main thread, with the same clear error", async () => {
  const parsed = parseSite(site.path, site.text);
  const { origin, render, context } = parseContext(parsed.site);
  // 4,000 quotes deep: past the main thread's stack, within a worker's 4 MB default. One
  // post in ten, so both threads parse some.
  const deep = files.map((f, i) =>
    i % 10 === 0 ? { ...f, text: `---\ntitle: Deep ${i}\ndate: 2025-01-01\n---\n\n${">".repeat(4000)} deep\n` } : f,
  );
  const cache = parseCache(join(work, "deep"), "test-version");
  (await parseAhead(cache, parsed.site, deep, 2))?.close();
  const record = (parsed: unknown) => JSON.parse(JSON.stringify(parsed)) as unknown;
  for (const file of deep) assert.deepEqual(record(cache.get(file, context)), record(parsePost(file, origin, render)), file.path);
  assert.deepEqual(
    parsePost(deep[0] as SourceFile, origin, render).errors.map((e) => e.message),
    ["is nested too deeply to render (thousands of levels of quotes, lists or emphasis): flatten it"],
  );
});
