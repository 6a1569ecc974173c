import { afterEach, describe, expect, it, vi } from "vitest";
import { catalogueFor } from "../src/build/content/module.ts";
import { messagesFor, messagesOf } from "../src/shared/i18n/index.ts";
import { digitsOf, PLAIN_BELOW, withDigits } from "../src/shared/i18n/numbers.ts";
import { site as fixtureSite } from "../src/worker/blog.ts";
import { DIGITS } from "./numbers.fixture.ts";

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

describe("a language's digits (the build finds them, the Worker writes with them)", () => {
  // These tests run in workerd; numbers.fixture.ts holds the digits the build finds with Node's ICU
  // (test/node/numbers.test.ts). Where workerd's ICU writes a language with the same digits, the
  // Worker's counts are what its own Intl would write. Where the two ICUs differ (Burmese: Node's
  // writes Myanmar digits, workerd's Latin ones), the Worker follows the build, which wrote the
  // rest of the page's numbers (reading times, dates) with Node's: a page never mixes the two.
  const differ = new Set(["my"]);
  for (const [lang, digits] of Object.entries(DIGITS)) {
    it(`${lang}: ${digits ?? "left to Intl.NumberFormat"}`, () => {
      if (digits === undefined) return expect(digitsOf(lang)).toBeUndefined();
      expect(digitsOf(lang) === digits).toBe(!differ.has(lang));
      if (differ.has(lang)) return expect(withDigits(45, digits)).toBe(`${digits[4]}${digits[5]}`);
      const format = new Intl.NumberFormat(lang);
      for (let n = 0; n < PLAIN_BELOW; n++) expect(withDigits(n, digits)).toBe(format.format(n));
    });
  }
});

describe("messages make their Intl objects on first use", () => {
  it("makes none when made, and none for words without a number", () => {
    expect(
      intlMade(() => {
        const t = messagesFor("en", {}, "0123456789");
        expect(t.text("relatedPosts")).toBe("Related posts");
        expect(messagesOf(catalogueFor({ ...fixtureSite, language: "fr" })).text("tags")).toBe("Étiquettes");
      }),
    ).toEqual({ plurals: 0, numbers: 0 });
  });

  it("writes counts below 1,000 with the site's digits, and larger ones with Intl.NumberFormat", () => {
    const t = messagesFor("en", {}, "0123456789");
    expect(intlMade(() => expect(t.text("postCount", { n: 3 })).toBe("3 posts"))).toEqual({ plurals: 1, numbers: 0 });
    expect(intlMade(() => expect(t.text("postCount", { n: 999 })).toBe("999 posts"))).toEqual({
      plurals: 0,
      numbers: 0,
    });
    expect(intlMade(() => expect(t.text("postCount", { n: 1234 })).toBe("1,234 posts"))).toEqual({
      plurals: 0,
      numbers: 1,
    });
    expect(intlMade(() => expect(t.text("postCount", { n: 5678 })).toBe("5,678 posts"))).toEqual({
      plurals: 0,
      numbers: 0,
    });
  });

  it("writes another numbering system's digits, and fractions with Intl.NumberFormat", () => {
    const fa = messagesFor("fa", {}, DIGITS.fa);
    expect(fa.text("pageHeading", { title: "x", page: 2, total: 12 })).toBe(
      messagesFor("fa").text("pageHeading", { title: "x", page: 2, total: 12 }),
    );
    expect(fa.text("pageHeading", { title: "x", page: 2, total: 12 })).toContain("۱۲");
    const en = messagesFor("en", {}, "0123456789");
    expect(
      intlMade(() =>
        expect(en.parts("pageHeading", { title: "x", page: 1.5, total: -3 })).toEqual(
          messagesFor("en").parts("pageHeading", { title: "x", page: 1.5, total: -3 }),
        ),
      ),
    ).toMatchObject({ numbers: 2 });
  });

  it("without digits, numbers are Intl.NumberFormat's", () => {
    expect(intlMade(() => expect(messagesFor("de").text("postCount", { n: 3 })).toBe("3 Beiträge"))).toEqual({
      plurals: 1,
      numbers: 1,
    });
  });
});
