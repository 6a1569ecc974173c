/**
 * The search index after one edit (src/shared/search/build.ts `termsOf` and `averages`,
 * src/build/search/memo.ts): the same index a full build makes, from one post's terms split anew,
 * and scores of the posts that did not change left as they were.
 *
 *   node --test test/node/search-incremental.test.ts
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { searchMemo } from "../../src/build/search/memo.ts";
import { AVERAGE_DRIFT, buildSearchIndex } from "../../src/shared/search/build.ts";
import { decodeNumbers } from "../../src/shared/search/codec.ts";
import type { SearchDoc, SearchIndex } from "../../src/shared/search/types.ts";
import type { Post } from "../../src/shared/types.ts";

const work = mkdtempSync(join(tmpdir(), "edge-blog-search-"));
after(() => rmSync(work, { recursive: true, force: true }));

const WORDS = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon";
const doc = (n: number, text = `${WORDS} unique${n}`): SearchDoc => ({
  slug: `post-${n}`,
  title: `Post ${n}`,
  date: `2025-01-${String(n).padStart(2, "0")}`,
  tags: ["greek"],
  description: `About post ${n}.`,
  text,
});
const docs = Array.from({ length: 30 }, (_, i) => doc(i + 1));
const NOW = Date.parse("2026-01-01");

/** Postings as term → slug → score. */
function postings(index: SearchIndex): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const shard of Object.values(index.shards)) {
    shard.terms.forEach((term, i) => {
      const numbers = decodeNumbers(shard.postings[i] ?? "");
      const bySlug = new Map<string, number>();
      let id = 0;
      for (let j = 0; j < numbers.length; j += 2) {
        id += numbers[j] ?? 0;
        bySlug.set(index.docs[id]?.slug ?? "?", numbers[j + 1] ?? 0);
      }
      out.set(term, bySlug);
    });
  }
  return out;
}
const others = (p: Map<string, Map<string, number>>, slug: string) =>
  [...p].map(([t, m]) => [t, [...m].filter(([s]) => s !== slug)] as const).filter(([, m]) => m.length > 0);

test("a post ten words longer: with the earlier averages, no other post's score moves", () => {
  let averages: number[] = [];
  const first = buildSearchIndex(docs, { now: NOW, onAverages: (a) => (averages = a) });
  // 10 more words over 30 posts of 21: the average text moves by 1.6%, within AVERAGE_DRIFT.
  const more = " zebra yak xerus wolf vole urchin tern seal rook quail";
  const edited = docs.map((d) => (d.slug === "post-7" ? { ...d, text: `${d.text}${more}` } : d));
  const kept = buildSearchIndex(edited, { now: NOW, averages });
  assert.deepEqual(others(postings(kept), "post-7"), others(postings(first), "post-7"));
  assert.deepEqual([...(postings(kept).get("zebra")?.keys() ?? [])], ["post-7"]);
  // Without them, the blog's new average text length moves other posts' scores: what the option is for.
  const fresh = buildSearchIndex(edited, { now: NOW });
  assert.notDeepEqual(others(postings(fresh), "post-7"), others(postings(first), "post-7"));
});

test(`averages that drifted more than ${AVERAGE_DRIFT * 100}% are taken afresh: the index a full build makes`, () => {
  let averages: number[] = [];
  buildSearchIndex(docs, { now: NOW, onAverages: (a) => (averages = a) });
  const long = docs.map((d) => (d.slug === "post-7" ? { ...d, text: `${d.text} ${WORDS.repeat(10)}` } : d));
  let used: number[] = [];
  const index = buildSearchIndex(long, { now: NOW, averages, onAverages: (a) => (used = a) });
  assert.deepEqual(index, buildSearchIndex(long, { now: NOW }));
  assert.notDeepEqual(used, averages);
});

test("the memo splits only the changed post, and the index is the one a full build makes", () => {
  const file = join(work, "terms");
  const asPost = (d: SearchDoc) =>
    ({ ...d, html: `<p>${d.text}</p>`, markdown: d.text, tags: d.tags, description: d.description }) as unknown as Post;
  const run = (list: SearchDoc[]) => {
    const memo = searchMemo(file, "und", "test-version");
    const index = buildSearchIndex(
      list.map((d) => memo.doc(asPost(d))),
      { now: NOW, termsOf: (d) => memo.termsOf(d), averages: memo.averages, onAverages: (a) => memo.onAverages(a) },
    );
    memo.save();
    return { index, stats: { ...memo.stats } };
  };
  const first = run(docs);
  assert.deepEqual(first.stats, { split: 30, reused: 0 });
  assert.deepEqual(first.index, buildSearchIndex(docs, { now: NOW }));

  // One word replaced: one post split again; the rest from the memo, and the same index.
  const edited = docs.map((d) => (d.slug === "post-7" ? { ...d, text: d.text.replace("unique7", "zebra") } : d));
  const second = run(edited);
  assert.deepEqual(second.stats, { split: 1, reused: 29 });
  assert.deepEqual(second.index, buildSearchIndex(edited, { now: NOW }));

  // A post deleted: nothing split, and it is gone from the index.
  const fewer = edited.filter((d) => d.slug !== "post-9");
  const third = run(fewer);
  assert.deepEqual(third.stats, { split: 0, reused: 29 });
  assert.deepEqual(
    third.index.docs.map((d) => d.slug),
    fewer.map((d) => d.slug).reverse(),
  );
  assert.equal(postings(third.index).get("unique9"), undefined);

  // Another code version: nothing is reused.
  const memo = searchMemo(file, "und", "another-version");
  memo.termsOf(docs[0] as SearchDoc);
  assert.deepEqual(memo.stats, { split: 1, reused: 0 });
});
