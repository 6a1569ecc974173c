/**
 * The search index after one edit (src/shared/search/build.ts `termsOf` and `averages`,
 * src/build/search/memo.ts): the same index a full build makes, from one post's terms split anew,
 * and scores of the posts that did not change left as they were.
 *
 *   node --test test/node/search-incremental.test.ts
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import fc from "fast-check";
import { searchDoc } from "../../src/build/search/doc.ts";
import { buildSearch } from "../../src/build/search/index-build.ts";
import { searchMemo, textKey } from "../../src/build/search/memo.ts";
import { searchAssetStream } from "../../src/shared/search/assets.ts";
import { AVERAGE_DRIFT, buildSearchIndex, encodePostings } from "../../src/shared/search/build.ts";
import { decodeNumbers, splicePostings } from "../../src/shared/search/codec.ts";
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

const asPost = (d: SearchDoc) =>
  ({ ...d, html: `<p>${d.text}</p>`, markdown: d.text, tags: d.tags, description: d.description }) as unknown as Post;

test("the memo splits only the changed post, and the index is the one a full build makes", () => {
  const dir = join(work, "terms");
  const run = (list: SearchDoc[]) => {
    const memo = searchMemo(dir, "und", "test-version");
    const made = list.map((d) => memo.doc(asPost(d)));
    const index = buildSearchIndex(made, { now: NOW, termsOf: (d) => memo.termsOf(d) });
    memo.save(new Set(made.flatMap((d) => [textKey(asPost(d)), memo.termsKey(d)])));
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
  // What no post uses any more is dropped: the old post 7's and post 9's entries.
  const memo = searchMemo(dir, "und", "test-version");
  assert.equal(memo.termsByKey(memo.termsKey(searchDocOf(docs[6] as SearchDoc))), undefined);
  assert.equal(memo.termsByKey(memo.termsKey(searchDocOf(docs[8] as SearchDoc))), undefined);
  assert.notEqual(memo.termsByKey(memo.termsKey(searchDocOf(docs[0] as SearchDoc))), undefined);

  // Another code version: nothing is reused.
  const other = searchMemo(dir, "und", "another-version");
  other.termsOf(docs[0] as SearchDoc);
  assert.deepEqual(other.stats, { split: 1, reused: 0 });
});

/** What the memo makes of a test document's post: its text read back from the HTML. */
const searchDocOf = (d: SearchDoc) => searchDoc(asPost(d));

/** An index's files, by path, as written. */
const filesOf = (files: Iterable<{ path: string; body: string | (() => string) }>) =>
  new Map([...files].map((f) => [f.path, typeof f.body === "string" ? f.body : f.body()]));

/**
 * Full builds one after another, each given the averages the one before scored with (as the
 * build keeps them): the files each makes of its documents.
 */
function fullBuilds(): (list: SearchDoc[]) => Map<string, string> {
  let averages: number[] | undefined;
  return (list) =>
    filesOf(
      searchAssetStream(
        buildSearchIndex(list.map(searchDocOf), {
          now: NOW,
          language: "und",
          ...(averages ? { averages } : {}),
          onAverages: (a) => {
            averages = a;
          },
        }),
        "/s",
      ),
    );
}

test("an edit is patched into the last build's index: the files a full build makes with the same averages", () => {
  const dir = join(work, "patched");
  const build = (list: SearchDoc[]) => buildSearch(list.map(asPost), { dir, language: "und", now: NOW });
  const expected = fullBuilds();
  const first = build(docs);
  assert.deepEqual(first.how, { whole: true });
  assert.deepEqual(filesOf(first.files("/s")), expected(docs));

  const edited = docs.map((d) => (d.slug === "post-7" ? { ...d, text: d.text.replace("unique7", "zebra") } : d));
  const second = build(edited);
  assert.deepEqual(second.how, { patched: 1 });
  assert.deepEqual(second.manifest, buildSearchIndex(edited.map(searchDocOf), { now: NOW, language: "und" }).manifest);
  assert.deepEqual(filesOf(second.files("/s")), expected(edited));

  // Nothing changed: patched with no change, the same files.
  const third = build(edited);
  assert.deepEqual(third.how, { patched: 0 });
  assert.deepEqual(filesOf(third.files("/s")), expected(edited));

  // A post removed: the ids move, so the index is built whole.
  const fewer = edited.filter((d) => d.slug !== "post-9");
  const fourth = build(fewer);
  assert.deepEqual(fourth.how, { whole: true });
  assert.deepEqual(filesOf(fourth.files("/s")), expected(fewer));

  // The kept shards damaged (cut short, or gone): built whole, never patched into a broken index.
  const shards = join(dir, "shards.txt");
  for (const damage of [() => writeFileSync(shards, readFileSync(shards, "utf8").slice(0, 400)), () => rmSync(shards)]) {
    damage();
    const again = build(fewer);
    assert.deepEqual(again.how, { whole: true });
    assert.deepEqual(filesOf(again.files("/s")), expected(fewer));
  }
});

test("any sequence of edits, patched one at a time, makes the files a full build makes (property)", () => {
  const word = fc.constantFrom("alpha", "beta", "zebra", "yak", "quail", "tern", "東京", "naïve", "x1", "beta");
  const words = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max }).map((w) => w.join(" "));
  // A field rewritten (its length changes, and the averages may drift past AVERAGE_DRIFT: then
  // the index is built whole), or one word of the text replaced (the same length: patched).
  const edit = fc.record({
    post: fc.nat({ max: 11 }),
    field: fc.constantFrom("text", "title", "tags", "description", "one word"),
    value: words(1, 40),
  });
  const how = { patched: 0, whole: 0 };
  let run = 0;
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
      const dir = join(work, `property-${run++}`);
      let list = docs.slice(0, 12);
      const full = fullBuilds();
      const whole = () => full(list);
      const build = () => {
        const built = buildSearch(list.map(asPost), { dir, language: "und", now: NOW });
        how["patched" in built.how ? "patched" : "whole"]++;
        return built;
      };
      assert.deepEqual(filesOf(build().files("/s")), whole());
      for (const e of edits) {
        list = list.map((d, i) => {
          if (i !== e.post) return d;
          if (e.field === "tags") return { ...d, tags: e.value.split(" ") };
          if (e.field === "one word") return { ...d, text: d.text.replace(/\S+$/, e.value.split(" ")[0] ?? "") };
          return { ...d, [e.field]: e.value };
        });
        assert.deepEqual(filesOf(build().files("/s")), whole());
      }
    }),
    { numRuns: 40 },
  );
  // Both ways were taken, many times.
  assert.ok(how.patched > 20 && how.whole > 20, JSON.stringify(how));
});

test("splicePostings makes what encoding the edited list makes (property)", () => {
  // Ids far apart too, so deltas take several characters.
  const id = fc.oneof(fc.nat({ max: 40 }), fc.nat({ max: 100_000 }));
  const score = fc.integer({ min: 1, max: 5000 });
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.tuple(id, score), { selector: ([i]) => i, maxLength: 30 }),
      fc.uniqueArray(fc.tuple(id, fc.option(score, { nil: undefined })), { selector: ([i]) => i, maxLength: 6 }),
      (entries, edits) => {
        const before = new Map(entries);
        const after = new Map(before);
        for (const [i, s] of edits) {
          if (s === undefined) after.delete(i);
          else after.set(i, s);
        }
        const flat = (m: Map<number, number>) => [...m].sort(([a], [b]) => a - b).flat();
        const sortedEdits = [...edits].sort(([a], [b]) => a - b);
        assert.equal(splicePostings(encodePostings(flat(before)), sortedEdits), encodePostings(flat(after)));
      },
    ),
    { numRuns: 2000 },
  );
});
