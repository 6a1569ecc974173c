import { afterEach, describe, expect, it, vi } from "vitest";
import { catalogueFor } from "../src/build/content/module.ts";
import { messagesFor, messagesOf } from "../src/shared/i18n/index.ts";
import { spell, spellingOf, spellingSamples } from "../src/shared/i18n/numbers.ts";
import { site as fixtureSite } from "../src/worker/blog.ts";
import { tagsMarkdown } from "../src/worker/representations/markdown.ts";
import { TagsPage } from "../src/worker/views/pages.tsx";
import { SPELLINGS } from "./numbers.fixture.ts";

afterEach(() => vi.restoreAllMocks());

/** Counts the Intl objects made while `run` runs. */
function intlMade(run: () => void): { plurals: number; numbers: number } {
  const plurals = vi.spyOn(Intl, "PluralRules");
  const numbers = vi.spyOn(Intl, "NumberFormat");
  run();
  const made = { plurals: plurals.mock.calls.length, numbers: numbers.mock.calls.length };
  vi.restoreAllMocks();
  return made;
}

/** Whether workerd's ICU has number data for `lang` (for some, Node's has and workerd's falls back to en-US). */
const knows = (lang: string) => new Intl.NumberFormat(lang).resolvedOptions().locale.split("-")[0] === lang.split("-")[0];

describe("how a language writes numbers (the build finds it, the Worker writes with it)", () => {
  // These run in workerd; numbers.fixture.ts holds what the build finds with Node's ICU
  // (test/node/numbers.test.ts). Where workerd's ICU knows the language, the Worker writes
  // numbers as its own Intl would. Where it does not (Burmese, Nepali and a score of others), it
  // writes the build's, as the build wrote the page's reading times and dates.
  for (const [lang, expected] of Object.entries(SPELLINGS)) {
    it(lang, () => {
      if (!knows(lang)) {
        expect(spell(1234567, expected)).not.toBe(new Intl.NumberFormat(lang).format(1234567));
        return;
      }
      expect(spellingOf(lang)).toEqual(expected);
      const format = new Intl.NumberFormat(lang);
      for (const n of spellingSamples()) expect(spell(n, expected)).toBe(format.format(n));
    });
  }

  it("workerd knows most of them", () => {
    expect(Object.keys(SPELLINGS).filter((lang) => !knows(lang))).toEqual(["ne", "my"]);
  });

  it("writes digits outside the Basic Multilingual Plane whole", () => {
    const adlam = { digits: "𞥐𞥑𞥒𞥓𞥔𞥕𞥖𞥗𞥘𞥙", group: ",", primary: 3, secondary: 3, minimumGrouping: 1 };
    expect(spell(1234, adlam)).toBe("𞥑,𞥒𞥓𞥔");
  });
});

describe("messages make their Intl objects on first use", () => {
  const en = SPELLINGS.en;

  it("makes none when made, and none for words without a number", () => {
    expect(
      intlMade(() => {
        const t = messagesFor("en", {}, en);
        expect(t.text("relatedPosts")).toBe("Related posts");
        expect(messagesOf(catalogueFor({ ...fixtureSite, language: "fr" })).text("tags")).toBe("Étiquettes");
      }),
    ).toEqual({ plurals: 0, numbers: 0 });
  });

  it("writes whole numbers with the site's spelling, however large, and only the plural rules are made", () => {
    const t = messagesFor("en", {}, en);
    expect(intlMade(() => expect(t.text("postCount", { n: 3 })).toBe("3 posts"))).toEqual({ plurals: 1, numbers: 0 });
    expect(intlMade(() => expect(t.text("postCount", { n: 1234567 })).toBe("1,234,567 posts"))).toEqual({
      plurals: 0,
      numbers: 0,
    });
    expect(intlMade(() => expect(t.number(100000)).toBe("100,000"))).toEqual({ plurals: 0, numbers: 0 });
  });

  it("writes another language's digits and grouping", () => {
    expect(messagesFor("hi", {}, SPELLINGS.hi).number(1234567)).toBe("12,34,567");
    expect(messagesFor("es", {}, SPELLINGS.es).number(1000)).toBe("1000");
    expect(messagesFor("es", {}, SPELLINGS.es).number(10000)).toBe("10.000");
    const fa = messagesFor("fa", {}, SPELLINGS.fa);
    expect(fa.text("pageHeading", { title: "x", page: 2, total: 1200 })).toBe(
      messagesFor("fa").text("pageHeading", { title: "x", page: 2, total: 1200 }),
    );
    expect(fa.number(1200)).toBe("۱٬۲۰۰");
  });

  it("writes the tags page's counts as the language writes numbers", () => {
    const site = catalogueFor({ ...fixtureSite, language: "fa", numbers: SPELLINGS.fa });
    const tags = [{ tag: "x", count: 1200 }];
    expect(tagsMarkdown(site, tags)).toContain("/tags/x.md) (۱٬۲۰۰)");
    const head = { title: "T", description: "D", canonical: "https://x/", alternates: [], ogType: "website" as const };
    expect(String(TagsPage({ site, t: messagesOf(site), head, tags }))).toContain("#x <span>(۱٬۲۰۰)</span>");
  });

  it("leaves fractions and negative numbers to Intl.NumberFormat", () => {
    const t = messagesFor("en", {}, en);
    expect(intlMade(() => expect([t.number(1.5), t.number(-3)]).toEqual(["1.5", "-3"]))).toEqual({
      plurals: 0,
      numbers: 1,
    });
  });

  it("without a spelling, numbers are Intl.NumberFormat's", () => {
    expect(intlMade(() => expect(messagesFor("de").text("postCount", { n: 3 })).toBe("3 Beiträge"))).toEqual({
      plurals: 1,
      numbers: 1,
    });
  });
});
