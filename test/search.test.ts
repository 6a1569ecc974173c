// The search core on corpora built in the test: ranking, folding, prefixes, phrases,
// snippets, pagination, and the same answers from one shard or many.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeNumbers, encodeNumbers } from "../src/shared/search/codec.ts";
import { foldAll, foldText, isUnspaced, terms, words } from "../src/shared/search/text.ts";
import {
  buildSearchIndex,
  containsPhrases,
  highlight,
  MAX_LIMIT,
  MAX_PHRASE_CHECKS,
  MAX_PHRASE_FILES,
  makeSnippet,
  memoryLoaders,
  parseQuery,
  phrasePattern,
  type SearchDoc,
  type SearchIndex,
  type SearchLoaders,
  type SearchResults,
  search,
  searchQuery,
  snippetHtml,
  snippetMarkdown,
  termPattern,
} from "../src/worker/search/index.ts";

const doc = (slug: string, fields: Partial<SearchDoc> = {}): SearchDoc => ({
  slug,
  title: `Post ${slug}`,
  date: "2025-01-01T00:00:00Z",
  tags: [],
  description: "",
  text: "Filler words about nothing much.",
  ...fields,
});

async function run(index: SearchIndex, q: string, options = {}): Promise<SearchResults> {
  const r = await searchQuery(index.manifest, q, memoryLoaders(index), options);
  if (!r.ok) throw new Error(r.message);
  return r.results;
}
const slugs = async (index: SearchIndex, q: string, options = {}) => (await run(index, q, options)).hits.map((h) => h.slug);
const filler = (n: number) => Array.from({ length: n }, (_, i) => `word${i % 7}`).join(" ");

describe("ranking", () => {
  it("puts a title match above any number of body matches", async () => {
    const index = buildSearchIndex([
      doc("body", { title: "Notes", text: `${"kubernetes ".repeat(30)}${filler(50)}` }),
      doc("title", { title: "Kubernetes, briefly", text: filler(300) }),
    ]);
    expect(await slugs(index, '"kubernetes"')).toEqual(["title", "body"]);
  });

  it("puts a tag match above body matches, and a description match above a single body match", async () => {
    const tag = buildSearchIndex([
      doc("body", { text: `${"zig ".repeat(10)}${filler(40)}` }),
      doc("tag", { tags: ["zig"], text: filler(40) }),
    ]);
    expect(await slugs(tag, '"zig"')).toEqual(["tag", "body"]);
    const description = buildSearchIndex([
      doc("body", { text: `zig ${filler(40)}` }),
      doc("described", { description: `All about zig and ${filler(10)}`, text: filler(41) }),
    ]);
    expect(await slugs(description, '"zig"')).toEqual(["described", "body"]);
  });

  it("scores more occurrences higher, with diminishing returns (BM25 saturation)", async () => {
    const index = buildSearchIndex(
      [1, 2, 4, 16].map((n) => doc(`tf${n}`, { text: `${"latency ".repeat(n)}${filler(100 - n)}` })),
    );
    const r = await run(index, '"latency"');
    expect(r.hits.map((h) => h.slug)).toEqual(["tf16", "tf4", "tf2", "tf1"]);
    const score = Object.fromEntries(r.hits.map((h) => [h.slug, h.score]));
    const gain = (a: string, b: string) => (score[a] ?? 0) - (score[b] ?? 0);
    expect(gain("tf2", "tf1")).toBeGreaterThan(gain("tf4", "tf2"));
    // Saturation: 16 occurrences score less than 2.2× one occurrence (BM25's (k1 + 1) bound).
    expect(score.tf16).toBeLessThan(2.2 * (score.tf1 ?? 0));
  });

  it("scores the same count higher in a shorter text (length normalisation)", async () => {
    const index = buildSearchIndex([
      doc("long", { text: `throughput ${filler(400)}` }),
      doc("short", { text: `throughput ${filler(20)}` }),
    ]);
    expect(await slugs(index, '"throughput"')).toEqual(["short", "long"]);
  });

  it("weighs a rare term above a common one (idf)", async () => {
    const docs = [
      doc("rare", { text: `alpha alpha alpha omega ${filler(20)}` }),
      doc("common", { text: `alpha omega omega omega ${filler(20)}` }),
      ...Array.from({ length: 8 }, (_, i) => doc(`other${i}`, { text: `alpha ${filler(23)}` })),
    ];
    // "omega" is in 2 of 10 posts, "alpha" in all: three omegas beat three alphas.
    expect((await slugs(buildSearchIndex(docs), "alpha omega ")).slice(0, 2)).toEqual(["common", "rare"]);
  });

  it("requires every term, and breaks ties by newest first", async () => {
    const index = buildSearchIndex([
      doc("old", { date: "2024-01-01T00:00:00Z", text: "edge cache" }),
      doc("new", { date: "2025-06-01T00:00:00Z", text: "edge cache" }),
      doc("edge-only", { text: "edge" }),
    ]);
    expect(await slugs(index, "edge cache")).toEqual(["new", "old"]);
  });
});

describe("folding", () => {
  const index = buildSearchIndex([
    doc("accent", { title: "Café society", text: "Crème brûlée at the café." }),
    doc("plain", { title: "Cafe racer", text: "A CAFE racer is a motorcycle." }),
    doc("none", { text: "Tea only." }),
  ]);

  it("finds café, CAFE, cafe and Café alike, in either spelling", async () => {
    const expected = await slugs(index, "cafe");
    expect(expected.sort()).toEqual(["accent", "plain"]);
    for (const q of ["café", "CAFE", "Café", "CAFÉ", "cafe\u0301"]) expect((await slugs(index, q)).sort()).toEqual(expected);
    expect(await slugs(index, '"creme brulee"')).toEqual(["accent"]);
  });

  it("folds Greek final sigma, Hangul and lone combining marks the same way in index and snippets", async () => {
    const greek = buildSearchIndex([
      doc("greek", { title: "ΟΔΟΣ", text: "Η οδός είναι μακριά." }),
      doc("korean", { text: "서울 가다" }),
    ]);
    for (const q of ["οδος", "οδοσ", "ΟΔΟΣ", "οδός"]) expect(await slugs(greek, `"${q}"`)).toEqual(["greek"]);
    const [hit] = (await run(greek, "οδος")).hits;
    expect(hit?.titleHtml).toBe("<mark>ΟΔΟΣ</mark>");
    expect(hit?.snippetHtml).toBe("Η <mark>οδός</mark> είναι μακριά.");
    expect((await run(greek, "서울")).hits[0]?.snippetHtml).toBe("<mark>서울</mark> 가다");
  });

  it("finds in folded text exactly the words the index has, at the right offsets", () => {
    const text = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 80 }),
      fc.string({ unit: "binary", maxLength: 80 }),
      fc
        .array(
          fc.constantFrom(
            "Café",
            "ΟΔΟΣ",
            "İstanbul",
            "e\u0301",
            "\u0301",
            " ",
            "-",
            "서울",
            "ǅ",
            "ﬁ",
            "Å",
            "ऩ",
            "हिन्दी",
            "x".repeat(41),
          ),
          {
            maxLength: 12,
          },
        )
        .map((xs) => xs.join("")),
    );
    // Scripts written without spaces are split by a segmenter, which no regular expression can
    // follow (their words are checked with it, in "words in scripts written without spaces").
    fc.assert(
      fc.property(
        text.filter((t) => !isUnspaced(t)),
        (t) => {
          const { folded, origin } = foldText(t);
          // Words as words() sees them: a letter or digit, then letters, digits and the marks folding keeps.
          const found = [...folded.matchAll(/[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu)].filter((m) => m[0].length <= 40);
          expect(found.map((m) => m[0])).toEqual(words(t).map((w) => w.term));
          expect(found.map((m) => [origin(m.index), origin(m.index + m[0].length)])).toEqual(
            words(t).map((w) => [w.start, w.end]),
          );
        },
      ),
    );
  });

  it("indexes the terms words() finds, in order, in every script (terms: the index's quick way)", () => {
    const text = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 80 }),
      fc.string({ unit: "binary", maxLength: 80 }),
      fc
        .array(fc.constantFrom("Café", "ΟΔΟΣ", "e\u0301", "\u0301", " ", "-", "東京の天気", "ภาษาไทย", "ﬁ", "x".repeat(41)), {
          maxLength: 12,
        })
        .map((xs) => xs.join("")),
    );
    fc.assert(
      fc.property(text, fc.constantFrom("und", "en", "ja", "th"), (t, language) => {
        expect(terms(t, language)).toEqual(words(t, language).map((w) => w.term));
      }),
    );
  });

  it("notes which posts need no folding: letters, digits and marks all ASCII (dashes and quotes allowed)", () => {
    const built = buildSearchIndex([
      doc("a", { text: "Plain text — with “quotes” and ‘dashes’." }),
      doc("b", { text: "A café." }),
      doc("c", { tags: ["naïve"] }),
      doc("d", { text: "Marks: e\u0301" }),
      doc("e", { text: "Digits: ٣" }),
    ]);
    expect(Object.fromEntries(built.docs.map((d) => [d.slug, d.asciiWords]))).toEqual({
      a: true,
      b: false,
      c: false,
      d: false,
      e: false,
    });
  });

  it("checks phrases on unfolded ASCII-letter text exactly as on folded text", () => {
    const unit = fc.constantFrom("edge", "EDGE", "Edge", "cache", "CACHE", " ", "-", ".", "—", "’", "x", "1", "\n", "é");
    fc.assert(
      fc.property(
        fc.array(unit, { maxLength: 12 }).map((xs) => xs.join("")),
        (text) => {
          const p = phrasePattern(["edge", "cache"]);
          const expected = p.folded.test(foldText(text).folded);
          expect(containsPhrases({ ...doc("x"), title: "", description: "", text }, [p])).toBe(expected);
          if (!/é/.test(text)) expect(p.plain.test(text)).toBe(expected);
        },
      ),
    );
  });

  it("marks the original spelling in snippets and titles", async () => {
    const r = await run(index, '"cafe"');
    const accent = r.hits.find((h) => h.slug === "accent");
    expect(accent?.titleHtml).toBe("<mark>Café</mark> society");
    expect(accent?.snippetHtml).toBe("Crème brûlée at the <mark>café</mark>.");
    expect(r.hits.find((h) => h.slug === "plain")?.snippetHtml).toBe("A <mark>CAFE</mark> racer is a motorcycle.");
  });
});

describe("prefix matching", () => {
  const index = buildSearchIndex([
    doc("caching", { text: "Caching at the edge." }),
    doc("cache", { text: "A cache at the edge." }),
    doc("cat", { text: "A cat at the edge." }),
  ]);

  it("completes the last term only", async () => {
    expect((await slugs(index, "edge cach")).sort()).toEqual(["cache", "caching"]);
    expect(await slugs(index, "cach edge")).toEqual([]);
    expect((await slugs(index, "edge ca")).sort()).toEqual(["cache", "caching", "cat"]);
  });

  it("ranks the word as typed above its completions", async () => {
    expect(await slugs(index, "cache")).toEqual(["cache"]);
    const index2 = buildSearchIndex([doc("cached", { text: "cached" }), doc("cache", { text: "cache" })]);
    expect(await slugs(index2, "cache")).toEqual(["cache", "cached"]);
  });

  it("does not complete a one-letter term", async () => {
    expect(await slugs(index, "edge c")).toEqual([]);
  });
});

describe("phrases", () => {
  const index = buildSearchIndex([
    doc("adjacent", { text: "The edge cache answers first." }),
    doc("punctuated", { text: "At the edge, cache everything." }),
    doc("apart", { text: "The cache sits at the edge." }),
    doc("in-title", { title: "Edge cache notes", text: "Nothing here." }),
  ]);

  it("match the words in order and adjacent, in the text or the title", async () => {
    expect((await slugs(index, '"edge cache"')).sort()).toEqual(["adjacent", "in-title", "punctuated"]);
    expect((await slugs(index, "edge cache")).sort()).toEqual(["adjacent", "apart", "in-title", "punctuated"]);
    expect(await slugs(index, '"cache sits"')).toEqual(["apart"]);
    expect(await slugs(index, '"sits cache"')).toEqual([]);
  });

  it("combine with other terms", async () => {
    expect(await slugs(index, '"edge cache" answers')).toEqual(["adjacent"]);
  });

  it("report an exact total when every candidate was checked, a lower bound when not", async () => {
    const r = await run(index, '"edge cache"');
    expect([r.total, r.exact]).toEqual([3, true]);
    const many = buildSearchIndex(
      Array.from({ length: MAX_PHRASE_CHECKS + 50 }, (_, i) => doc(`m${i}`, { text: i % 2 ? "edge cache" : "cache edge" })),
    );
    const capped = await run(many, '"edge cache"');
    expect([capped.total, capped.exact]).toEqual([MAX_PHRASE_CHECKS / 2, false]);
    expect((await run(many, "edge cache")).total).toBe(MAX_PHRASE_CHECKS + 50);
  });

  it(`read the candidates of at most ${MAX_PHRASE_FILES} files of documents, the best candidates' first`, async () => {
    // 400 posts of different lengths: the best-ranked candidates are spread over all 25 files.
    const spread = buildSearchIndex(
      Array.from({ length: 400 }, (_, i) =>
        doc(`s${i}`, {
          date: `2025-01-01T00:00:${String(i % 60).padStart(2, "0")}Z`,
          text: `edge cache ${filler((i * 37) % 101)}`,
        }),
      ),
    );
    const memory = memoryLoaders(spread);
    const read = new Set<number>();
    const docFile = (id: number) => Math.floor(id / 16);
    const loaders: SearchLoaders = {
      ...memory,
      docFile,
      loadDoc(id) {
        read.add(docFile(id));
        return memory.loadDoc(id);
      },
    };
    const r = await searchQuery(spread.manifest, '"edge cache"', loaders);
    if (!r.ok) throw new Error(r.message);
    expect(read.size).toBe(MAX_PHRASE_FILES);
    expect(r.results.exact).toBe(false);
    // The best candidate is checked, and so comes first, as without the bound.
    expect(r.results.hits[0]?.slug).toBe((await run(spread, "edge cache")).hits[0]?.slug);
  });
});

describe("snippets", () => {
  it("escape the post's text, adding only <mark>", async () => {
    const index = buildSearchIndex([
      doc("xss", {
        title: "<b>Bold</b> & <script> titles",
        text: 'Never trust <script>alert("x")</script> or <img src=x onerror=alert(1)> in a post about script tags & more.',
      }),
    ]);
    const [hit] = (await run(index, "script")).hits;
    expect(hit?.snippetHtml).toBe(
      "Never trust &lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt; or &lt;img src=x onerror=alert(1)&gt; in a post about <mark>script</mark> tags &amp; more.",
    );
    expect(hit?.titleHtml).toBe("&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;<mark>script</mark>&gt; titles");
    expect(hit?.snippetHtml.replace(/<\/?mark>/g, "")).not.toMatch(/[<>"]/);
    expect(hit?.snippet.text).toBe(
      'Never trust <script>alert("x")</script> or <img src=x onerror=alert(1)> in a post about script tags & more.',
    );
    expect(hit?.snippet.marks).toEqual([
      [13, 19],
      [32, 38],
      [88, 94],
    ]);
    expect(hit && snippetMarkdown(hit.snippet)).toBe(
      'Never trust \\<**script**\\>alert("x")\\</**script**\\> or \\<img src=x onerror=alert(1)\\> in a post about **script** tags \\& more.',
    );
  });

  it("in Markdown, read as the text: punctuation that cannot start markup is left alone", async () => {
    const index = buildSearchIndex([doc("plain", { title: "Plain", text: "1. Back-end code (in Rust) is fast. Really!" })]);
    const [hit] = (await run(index, "rust")).hits;
    // Only the start of the line could begin a list; hyphens, parentheses and full stops stay.
    expect(hit && snippetMarkdown(hit.snippet)).toBe("1\\. Back-end code (in **Rust**) is fast. Really\\!");
  });

  it("quote the passage with the most distinct terms, cut at words, with ellipses", () => {
    const text = `${filler(60)} edge here ${filler(60)} edge and cache together ${filler(60)}`;
    const s = makeSnippet(text, termPattern(parseQuery('"edge" "cache"').terms), 60);
    expect(s.text.startsWith("…")).toBe(true);
    expect(s.text.endsWith("…")).toBe(true);
    expect(s.text).toContain("edge and cache together");
    expect(s.text.length).toBeLessThanOrEqual(62);
    expect(s.marks.map(([a, b]) => s.text.slice(a, b))).toEqual(["edge", "cache"]);
  });

  it("cut text without spaces between characters, never inside a surrogate pair or before a mark", () => {
    // Words split by punctuation, not spaces (a run of ideographs with no break is one word:
    // this search does not segment Chinese or Japanese).
    const cjk = `${"東京都、".repeat(60)}検索、${"大阪府、".repeat(60)}`;
    const s = makeSnippet(cjk, termPattern([{ term: "検索", prefix: false }]), 30);
    // 30 characters from a third of the spare room (9) before the match.
    expect(s.text).toBe("…、東京都、東京都、検索、大阪府、大阪府、大阪府、大阪府、大阪…");
    expect(s.marks).toEqual([[10, 12]]);
    // The window would start and end inside an emoji's surrogate pair: both move back.
    const emoji = `${"😀".repeat(40)}、find、${"😀".repeat(40)}`;
    const e = makeSnippet(emoji, termPattern([{ term: "find", prefix: false }]), 23);
    // First, so a failure does not print a lone surrogate (which the test runner cannot send).
    expect(e.text.isWellFormed()).toBe(true);
    expect(e.text).toBe(`…${"😀".repeat(3)}、find、${"😀".repeat(5)}…`);
    expect(e.text.slice(e.marks[0]?.[0], e.marks[0]?.[1])).toBe("find");
    const marks = `${"e\u0301".repeat(40)}、find、${"e\u0301".repeat(40)}`;
    const m = makeSnippet(marks, termPattern([{ term: "find", prefix: false }]), 23);
    expect(m.text).toBe(`…${"e\u0301".repeat(3)}、find、${"e\u0301".repeat(5)}…`);
  });

  it("merge marks joined by white space only", () => {
    expect(highlight("the edge cache, edge", termPattern(parseQuery('"edge" "cache"').terms))).toEqual({
      text: "the edge cache, edge",
      marks: [
        [4, 14],
        [16, 20],
      ],
    });
    expect(snippetHtml({ text: "a <b> c", marks: [[0, 1]] })).toBe("<mark>a</mark> &lt;b&gt; c");
  });

  it("fall back to the description, then the opening text, when the text has no match", async () => {
    const index = buildSearchIndex([
      doc("by-title", { title: "Observability", description: "Traces and observability.", text: filler(80) }),
      doc("bare", { title: "Observability again", text: `Opening words. ${filler(80)}` }),
    ]);
    const r = await run(index, "observability");
    const byTitle = r.hits.find((h) => h.slug === "by-title");
    expect(byTitle?.snippetHtml).toBe("Traces and <mark>observability</mark>.");
    const bare = r.hits.find((h) => h.slug === "bare");
    expect(bare?.snippet.marks).toEqual([]);
    expect(bare?.snippet.text.startsWith("Opening words.")).toBe(true);
    expect(bare?.snippet.text.endsWith("…")).toBe(true);
  });
});

describe("pagination and empty results", () => {
  const index = buildSearchIndex(
    Array.from({ length: 25 }, (_, i) =>
      doc(`p${String(i).padStart(2, "0")}`, { text: `${"rust ".repeat(1 + (i % 5))}${filler(20 + i)}` }),
    ),
  );

  it("pages through every match once, in rank order, with the total", async () => {
    const all = await run(index, "rust", { limit: MAX_LIMIT });
    expect(all.total).toBe(25);
    const pages = await Promise.all([0, 10, 20].map((offset) => run(index, "rust", { offset, limit: 10 })));
    expect(pages.map((p) => p.hits.length)).toEqual([10, 10, 5]);
    expect(pages.map((p) => p.total)).toEqual([25, 25, 25]);
    expect(pages.flatMap((p) => p.hits.map((h) => h.slug))).toEqual(all.hits.map((h) => h.slug));
    const scores = all.hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("clamps limit and offset", async () => {
    expect((await run(index, "rust", { limit: 1000 })).limit).toBe(MAX_LIMIT);
    expect((await run(index, "rust", { limit: 0 })).hits.length).toBe(1);
    expect((await run(index, "rust", { offset: -5, limit: 2 })).offset).toBe(0);
    expect((await run(index, "rust", { offset: Number.NaN })).offset).toBe(0);
    const past = await run(index, "rust", { offset: 100 });
    expect([past.total, past.hits]).toEqual([25, []]);
  });

  it("answers no match with zero results, and a query with no words likewise", async () => {
    const none = await run(index, "haskell");
    expect({ total: none.total, hits: none.hits, exact: none.exact }).toEqual({ total: 0, hits: [], exact: true });
    const punct = await run(index, "!!!");
    expect([punct.total, punct.terms, punct.hits]).toEqual([0, [], []]);
  });

  it("refuses what normaliseQuery refuses", async () => {
    const loaders = memoryLoaders(index);
    expect(await searchQuery(index.manifest, "   ", loaders)).toEqual({
      ok: false,
      reason: "empty",
      message: "the query is empty",
    });
    expect((await searchQuery(index.manifest, "q".repeat(10_000), loaders)).ok).toBe(false);
  });
});

/** A seeded corpus: a small vocabulary so terms share shards and prefixes. */
function corpus(n: number, seed: number): SearchDoc[] {
  let s = seed;
  const rnd = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
  const vocab =
    "edge cache caching cached worker workers rust runtime route router café cafe naïve über zürich δέλτα 東京 42 latency load".split(
      " ",
    );
  const pick = () => vocab[Math.floor(rnd() * vocab.length)] as string;
  return Array.from({ length: n }, (_, i) =>
    doc(`d${i}`, {
      title: `${pick()} ${pick()}`,
      date: `2025-01-${String(1 + (i % 28)).padStart(2, "0")}T00:00:00Z`,
      tags: [pick()],
      description: `${pick()} ${pick()} ${pick()}`,
      text: Array.from({ length: 20 + Math.floor(rnd() * 60) }, pick).join(" "),
    }),
  );
}

describe("shards", () => {
  const docs = corpus(120, 7);
  const queries = [
    "edge",
    "cach",
    "cafe",
    "CAFÉ",
    "ZÜRICH",
    "δέλτα",
    "東京",
    "42",
    "rust ro",
    '"edge cache"',
    "worker lat",
    "nothing",
  ];

  it("give the same answers from one shard, one-letter shards and two-letter shards", async () => {
    const [one, ...sharded] = ([0, 1, 2] as const).map((k) => buildSearchIndex(docs, { shardKeyLength: k }));
    expect(one?.manifest.shards).toEqual(["all"]);
    for (const q of queries) {
      const expected = await run(one as SearchIndex, q, { limit: MAX_LIMIT });
      for (const index of sharded) expect(await run(index, q, { limit: MAX_LIMIT }), q).toEqual(expected);
    }
    expect((await run(one as SearchIndex, "edge")).total).toBeGreaterThan(10);
  });

  it("read only the shards of the query's terms, and only the docs on the page", async () => {
    const index = buildSearchIndex(docs, { shardKeyLength: 2 });
    const shards: string[] = [];
    const docIds: number[] = [];
    const memory = memoryLoaders(index);
    const spy: SearchLoaders = {
      loadShard(name) {
        shards.push(name);
        return memory.loadShard(name);
      },
      loadDoc(id) {
        docIds.push(id);
        return memory.loadDoc(id);
      },
    };
    const r = await search(index.manifest, parseQuery("Edge zürich"), spy, { limit: 3 });
    expect(shards.sort()).toEqual(["ed", "zu"]);
    expect(docIds).toEqual(r.hits.map((h) => h.id));
    expect(r.hits.length).toBe(3);
    shards.length = 0;
    await search(index.manifest, parseQuery("東京 qqq"), spy);
    // "qq" is no shard: the manifest says so, and the loader is not asked.
    expect(shards).toEqual(["_6771_4eac"]);
  });

  it("are the same whatever the input order, and survive JSON", async () => {
    const index = buildSearchIndex(docs);
    expect(JSON.stringify(buildSearchIndex([...docs].reverse()))).toBe(JSON.stringify(index));
    const copy = JSON.parse(JSON.stringify(index)) as SearchIndex;
    expect(await run(copy, "cafe rou")).toEqual(await run(index, "cafe rou"));
  });
});

describe("postings codec", () => {
  it("round-trips any list of non-negative integers", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat(100), fc.nat(), fc.maxSafeNat())), (xs) => {
        expect(decodeNumbers(encodeNumbers(xs))).toEqual(xs);
      }),
    );
  });

  it("rejects what it cannot encode or decode", () => {
    expect(() => encodeNumbers([-1])).toThrow("cannot encode -1");
    expect(() => encodeNumbers([1.5])).toThrow("cannot encode 1.5");
    expect(() => decodeNumbers("w")).toThrow("truncated encoded number");
    expect(() => decodeNumbers("0!")).toThrow("not an encoded number at 1");
  });
});

describe("scheduled posts and the public ranking", () => {
  const NOW = Date.parse("2025-06-01T00:00:00Z");
  const published = [
    doc("a", { date: "2025-03-01T00:00:00Z", text: `rust ${filler(20)}` }),
    doc("b", { date: "2025-02-01T00:00:00Z", text: `rust rust ${filler(60)}` }),
    doc("c", { date: "2025-01-01T00:00:00Z", text: `go ${filler(30)}` }),
  ];
  const scheduled = (text: string) => doc("later", { date: "2025-07-01T00:00:00Z", text });
  const ranking = async (index: SearchIndex, q: string, hidden: number) =>
    (await run(index, q, { hidden })).hits.map((h) => [h.slug, h.score]);

  it("do not move it: idf, the document count and the average length ignore a post not yet published", async () => {
    const without = buildSearchIndex([...published, scheduled("go")], { now: NOW });
    // The scheduled post (the newest, so doc id 0) now has the query's word, many times, in a long text.
    const withWord = buildSearchIndex([...published, scheduled(`rust ${"rust ".repeat(50)}${filler(2000)}`)], { now: NOW });
    expect(without.manifest.docCount).toBe(4);
    for (const q of ['"rust"', '"go"', "rust word1", "word1"]) {
      expect(await ranking(withWord, q, 1), q).toEqual(await ranking(without, q, 1));
    }
    expect((await ranking(withWord, '"rust"', 1)).map(([slug]) => slug)).toEqual(["a", "b"]);
  });

  it("count a post from its instant on, with no rebuild, and find it", async () => {
    const index = buildSearchIndex([...published, scheduled(`rust ${filler(20)}`)], { now: NOW });
    const live = buildSearchIndex([...published, scheduled(`rust ${filler(20)}`)], { now: Date.parse("2025-08-01T00:00:00Z") });
    expect((await ranking(index, '"rust"', 1)).map(([slug]) => slug)).toEqual(["a", "b"]);
    // Published by the Worker (hidden 0): found, and idf counts 4 posts, 3 with "rust", as a rebuild's would.
    const after = await run(index, '"rust"', { hidden: 0 });
    // "later" ties with "a" (one "rust" in 21 words) and is newer.
    expect(after.hits.map((h) => h.slug)).toEqual(["later", "a", "b"]);
    expect(after.total).toBe(3);
    const rebuilt = await run(live, '"rust"', { hidden: 0 });
    expect(rebuilt.hits.map((h) => h.slug)).toEqual(["later", "a", "b"]);
  });
});

describe("phrase checks fold each text once", () => {
  it("fold a whole text as foldText does, for any text", () => {
    const chars = fc.constantFrom("a", "Z", " ", "é", "e\u0301", "Σ", "ς", "İ", "ﬁ", "’", "—", "한", "\u0301", "ǅ", "1", ".");
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }), (parts) => {
        const text = parts.join("");
        expect(foldAll(text)).toBe(foldText(text, false).folded);
      }),
    );
  });

  it("match a phrase in a folded field, once per query whatever the repeats", async () => {
    const index = buildSearchIndex([
      doc("accented", { text: `Un café au lait, of the best. ${filler(20)}` }),
      doc("plain", { text: `Of the cafe au lait. ${filler(20)}` }),
      doc("neither", { text: `of cafe the au ${filler(20)}` }),
    ]);
    const q = Array(22).fill('"of the"').join(" ");
    expect((await slugs(index, q)).sort()).toEqual(["accented", "plain"]);
    expect((await slugs(index, '"CAFÉ AU" "of the"')).sort()).toEqual(["accented", "plain"]);
  });
});
