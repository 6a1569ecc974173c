// Search in every script: words of scripts written without spaces found by Intl.Segmenter, at
// build and at query time, and accents folded only where marks are accents.
import { describe, expect, it } from "vitest";
import { fold, terms, words } from "../src/shared/search/text.ts";
import { buildSearchIndex, memoryLoaders, type SearchDoc, type SearchIndex, searchQuery } from "../src/worker/search/index.ts";

const doc = (slug: string, fields: Partial<SearchDoc> = {}): SearchDoc => ({
  slug,
  title: `Post ${slug}`,
  date: "2025-01-01T00:00:00Z",
  tags: [],
  description: "",
  text: "",
  ...fields,
});

async function hits(index: SearchIndex, q: string) {
  const r = await searchQuery(index.manifest, q, memoryLoaders(index));
  if (!r.ok) throw new Error(r.message);
  return r.results.hits;
}
const slugs = async (index: SearchIndex, q: string) => (await hits(index, q)).map((h) => h.slug);

describe("words in scripts written without spaces", () => {
  it("splits Japanese, Chinese and Thai into words, with offsets in the text", () => {
    // Terms are folded, so decomposed (NFD): です is て + U+3099 + す in the index.
    expect(terms("東京の天気は晴れです", "ja")).toEqual(["東京", "の", "天気", "は", "晴れ", "て\u3099す"]);
    expect(words("今日、東京の天気", "ja").map((w) => [w.term, w.start, w.end])).toEqual([
      ["今日", 0, 2],
      ["東京", 3, 5],
      ["の", 5, 6],
      ["天気", 6, 8],
    ]);
    expect(terms("今天天气很好", "zh")).toEqual(["今天", "天气", "很好"]);
    expect(terms("ภาษาไทยง่าย", "th")).toEqual(["ภาษา", "ไทย", "ง่าย"]);
    // Latin words beside them stay whole, and are folded as ever.
    expect(terms("Rustの天気とCafé", "ja")).toEqual(["rust", "の", "天気", "と", "cafe"]);
  });

  it("marks a Latin word written against Japanese whole, and finds it in a phrase", async () => {
    // The segmenter always ends a word where Han or kana meets another script: APIを使う is API / を / 使う.
    expect(terms("APIを使う。Rustの話。ガイドのデータ", "ja")).toEqual([
      "api",
      "を",
      "使う",
      "rust",
      "の",
      "話",
      "カ\u3099イト\u3099",
      "の",
      "テ\u3099ータ",
    ]);
    const index = buildSearchIndex(
      [doc("mixed", { title: "メモ", text: "APIを使う。Rustの話。" }), doc("rusty", { text: "Rustyの話。" })],
      {
        language: "ja",
      },
    );
    // The last word of a query is a prefix: it completes to the word, not into the Japanese after it.
    expect((await hits(index, "api")).map((h) => h.snippetHtml)).toEqual(["<mark>API</mark>を使う。Rustの話。"]);
    expect((await hits(index, '"api"')).map((h) => h.snippetHtml)).toEqual(["<mark>API</mark>を使う。Rustの話。"]);
    expect((await hits(index, "rust の")).map((h) => [h.slug, h.snippetHtml])).toEqual([
      ["mixed", "APIを使う。<mark>Rustの</mark>話。"],
    ]);
    expect(await slugs(index, '"rustの話"')).toEqual(["mixed"]);
    expect(await slugs(index, '"Rust の 話"')).toEqual(["mixed"]);
    expect(await slugs(index, '"使う rust"')).toEqual(["mixed"]);
    expect(await slugs(index, '"api 使う"')).toEqual([]);
    // Nor is a kana found inside a voiced one: が folds to か and a voicing mark, and is not か.
    const voiced = buildSearchIndex([doc("rain", { text: "明日は雨が降るでしょうか。" })], { language: "ja" });
    expect((await hits(voiced, "か")).map((h) => h.snippetHtml)).toEqual(["明日は雨が降るでしょう<mark>か</mark>。"]);
    expect(await slugs(voiced, '"でしょう か"')).toEqual(["rain"]);
    expect(await slugs(voiced, '"雨 か"')).toEqual([]);
    // A kana word that ends in ー or a voicing mark is marked too.
    const kana = buildSearchIndex([doc("kana", { text: "ガイドのデータを見る。" })], { language: "ja" });
    expect((await hits(kana, '"ガイド"')).map((h) => h.snippetHtml)).toEqual(["<mark>ガイド</mark>のデータを見る。"]);
  });

  it("finds a Japanese word inside a sentence, and says where", async () => {
    const index = buildSearchIndex(
      [
        doc("tenki", { title: "今日の話", text: "東京の天気は晴れです。" }),
        doc("other", { title: "別の話", text: "大阪は雨でした。" }),
      ],
      { language: "ja" },
    );
    expect(index.manifest.language).toBe("ja");
    expect(await slugs(index, "天気")).toEqual(["tenki"]);
    expect(await slugs(index, "晴れ")).toEqual(["tenki"]);
    expect(await slugs(index, "天気 大阪")).toEqual([]);
    expect(await slugs(index, '"東京の天気"')).toEqual(["tenki"]);
    expect(await slugs(index, '"天気の東京"')).toEqual([]);
    const [hit] = await hits(index, "天気");
    expect(hit?.snippetHtml).toBe("東京の<mark>天気</mark>は晴れです。");
    // A query typed as one run is split as the text was: 東京の天気 is 東京 + の + 天気.
    expect(await slugs(index, "東京の天気")).toEqual(["tenki"]);
  });

  it("highlights a Devanagari word whole, its vowel signs and virama included, and a phrase of them", async () => {
    const index = buildSearchIndex([doc("hindi", { title: "भाषा", text: "मैं हिन्दी पढ़ता हूँ।" })], { language: "hi" });
    const [hit] = await hits(index, "हिन्दी");
    expect(hit?.snippetHtml).toBe("मैं <mark>हिन्दी</mark> पढ़ता हूँ।");
    expect(await slugs(index, '"हिन्दी पढ़ता"')).toEqual(["hindi"]);
    // Typed in part (the last word is a prefix): the whole word is marked, not the letters up to its virama.
    const [typing] = await hits(index, "हिन");
    expect(typing?.snippetHtml).toBe("मैं <mark>हिन्दी</mark> पढ़ता हूँ।");
  });

  it("finds Chinese and Thai words inside sentences", async () => {
    const zh = buildSearchIndex([doc("bc", { text: "我们喜欢编程和音乐。" }), doc("x", { text: "今天天气很好。" })], {
      language: "zh",
    });
    expect(await slugs(zh, "音乐")).toEqual(["bc"]);
    expect(await slugs(zh, "天气")).toEqual(["x"]);
    // ICU's dictionary splits 编程 into 编 + 程, in the text and in the query alike: still found.
    expect(await slugs(zh, "编程")).toEqual(["bc"]);
    const th = buildSearchIndex([doc("th", { text: "ภาษาไทยง่าย" })], { language: "th" });
    expect(await slugs(th, "ไทย")).toEqual(["th"]);
  });
});

describe("accents, by script", () => {
  it("folds the accents of Latin, Greek, Arabic and Hebrew", () => {
    expect(fold("Café")).toBe("cafe");
    expect(fold("Ἀθῆναι")).toBe("αθηναι");
    expect(fold("كَتَبَ")).toBe("كتب");
    expect(fold("שָׁלוֹם")).toBe("שלום");
  });

  it("keeps the marks that are letters: kana's voicing, Devanagari's and Thai's vowel signs", () => {
    expect(fold("が")).not.toBe(fold("か"));
    expect(fold("ガイド")).not.toBe(fold("カイト"));
    expect(fold("हिंदी")).toBe("हिंदी".normalize("NFD"));
    expect(fold("हिंदी")).not.toBe(fold("हद"));
    expect(fold("ไทย")).toBe("ไทย");
  });

  it("tells か from が in a Japanese blog's search, and still finds cafe in café", async () => {
    const index = buildSearchIndex(
      [doc("ga", { text: "ガイドの本" }), doc("ka", { text: "カイトの本" }), doc("cafe", { text: "駅前のCafé" })],
      { language: "ja" },
    );
    expect(await slugs(index, "ガイド")).toEqual(["ga"]);
    expect(await slugs(index, "カイト")).toEqual(["ka"]);
    expect(await slugs(index, "cafe")).toEqual(["cafe"]);
  });

  it("finds Arabic with or without its vowel points", async () => {
    const index = buildSearchIndex([doc("ar", { title: "ملاحظات", text: "كَتَبَ الطالبُ الدرسَ" })], { language: "ar" });
    expect(await slugs(index, "كتب")).toEqual(["ar"]);
    expect(await slugs(index, "كَتَبَ")).toEqual(["ar"]);
  });
});

describe("joiners inside words", () => {
  // Persian writes many words with a zero-width non-joiner (U+200C) between their parts: می‌خواهم,
  // "I want". Writers and keyboards are inconsistent about it, and a query loses it (src/worker/
  // search/query.ts strips format characters), so a word is the same term with or without it.
  const zwnj = "\u200c";
  const want = `می${zwnj}خواهم`;

  it("keeps a word with a zero-width non-joiner or joiner one word, and its term without them", () => {
    expect(terms(`من ${want} بنویسم`)).toEqual(["من", "میخواهم", "بنویسم"]);
    expect(words(want).map((w) => [w.start, w.end])).toEqual([[0, want.length]]);
    expect(fold(`क्\u200dष`)).toBe(fold("क्ष"));
  });

  it("finds a Persian word typed with or without its non-joiner, and marks it whole", async () => {
    const index = buildSearchIndex(
      [doc("with", { title: "یادداشت", text: `من ${want} بنویسم.` }), doc("without", { text: "او میخواهم نوشت." })],
      { language: "fa" },
    );
    expect((await slugs(index, want)).sort()).toEqual(["with", "without"]);
    expect((await slugs(index, "میخواهم")).sort()).toEqual(["with", "without"]);
    const [hit] = (await hits(index, want)).filter((h) => h.slug === "with");
    expect(hit?.snippetHtml).toBe(`من <mark>${want}</mark> بنویسم.`);
  });
});

describe("compatibility forms", () => {
  // Characters Unicode keeps for compatibility, which readers never type: a ligature, a
  // full-width letter or digit (common in Japanese text), an Arabic presentation form, a styled
  // letter. Each is its plain characters in the index and in a query.
  it("folds a ligature, full-width and styled letters and digits, and presentation forms to what they stand for", () => {
    expect(fold("ﬁnance")).toBe("finance");
    expect(fold("ＡＰＩ")).toBe("api");
    expect(fold("２０２６")).toBe("2026");
    expect(fold("𝐁𝐨𝐥𝐝")).toBe("bold");
    expect(fold("ﻻ")).toBe(fold("لا"));
    expect(fold("ǅ")).toBe("dz");
    // Half-width kana, their voicing marks included.
    expect(fold("ｶﾞｲﾄﾞ")).toBe(fold("ガイド"));
    expect(terms("半角のｶﾞｲﾄﾞ", "ja")).toEqual(terms("半角のガイド", "ja"));
    // One that would be more than one word, or a word and punctuation, stays as it is: the index sees one word.
    expect(fold("½")).toBe("½");
    expect(fold("⒈")).toBe("⒈");
    expect(terms("⒈ ½")).toEqual(["⒈", "½"]);
    // Not letters or digits: never a word, whatever they stand for.
    expect(terms("㈀ ㍿")).toEqual([]);
  });

  it("finds a ligature and full-width letters typed plainly, and the other way round, and marks the word as written", async () => {
    const index = buildSearchIndex(
      [
        doc("ligature", { title: "Notes", text: "Personal ﬁnance, simply." }),
        doc("wide", { title: "メモ", text: "ＡＰＩを使う。" }),
        doc("plain", { title: "Other", text: "The api of finance." }),
      ],
      { language: "ja" },
    );
    expect((await slugs(index, "finance")).sort()).toEqual(["ligature", "plain"]);
    expect((await slugs(index, "ﬁnance")).sort()).toEqual(["ligature", "plain"]);
    expect((await slugs(index, "API")).sort()).toEqual(["plain", "wide"]);
    expect((await slugs(index, "ＡＰＩ")).sort()).toEqual(["plain", "wide"]);
    const [ligature] = (await hits(index, "finance")).filter((h) => h.slug === "ligature");
    expect(ligature?.snippetHtml).toBe("Personal <mark>ﬁnance</mark>, simply.");
    const [wide] = (await hits(index, "api")).filter((h) => h.slug === "wide");
    expect(wide?.snippetHtml).toBe("<mark>ＡＰＩ</mark>を使う。");
    expect(await slugs(index, '"ＡＰＩを使う"')).toEqual(["wide"]);
  });
});
