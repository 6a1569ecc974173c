import { describe, expect, it } from "vitest";
import { parseSite } from "../src/build/content/site.ts";
import { catalogueWarning } from "../src/build/content/strings.ts";
import { CATALOGUES, MESSAGE_KEYS, type Message, type MessageKey, messagesFor, pickCatalogue } from "../src/shared/i18n/index.ts";

const english = CATALOGUES.en as Record<MessageKey, Message>;

/**
 * Values a translation may share with English because the language writes them the same way:
 * loanwords, names and the words the languages borrowed ("Feed", "Tag"), never a missed string.
 */
const SAME_AS_ENGLISH: Record<string, readonly MessageKey[]> = {
  pt: ["siteNav", "feed", "jsonFeed"],
  es: ["feed", "jsonFeed", "error"],
  fr: ["siteNav", "pages", "pageTitle", "tagPageTitle", "alertImportant"],
  de: ["feed"],
  it: ["feed"],
};

const slots = (m: Message) =>
  new Set(
    (typeof m === "string" ? [m] : Object.values(m)).flatMap((v) => [...(v ?? "").matchAll(/\{(\w+)\}/g)].map((x) => x[1])),
  );

describe("the catalogues", () => {
  for (const [code, catalogue] of Object.entries(CATALOGUES)) {
    const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories as string[];

    it(`${code} has exactly English's keys, each of the same kind`, () => {
      expect(Object.keys(catalogue).sort()).toEqual([...MESSAGE_KEYS].sort());
      for (const key of MESSAGE_KEYS) expect(typeof catalogue[key], key).toBe(typeof english[key]);
    });

    it(`${code} gives its plural forms for ${code}'s categories only, always with "other"`, () => {
      for (const key of MESSAGE_KEYS) {
        const m = catalogue[key];
        if (typeof m === "string") continue;
        expect(m.other, key).toBeTypeOf("string");
        for (const category of Object.keys(m)) expect(categories, `${key}.${category}`).toContain(category);
        // A language's forms are all written out, so no number falls back to another's form.
        expect(Object.keys(m).sort(), key).toEqual([...categories].sort());
      }
    });

    it(`${code} fills only the slots English has`, () => {
      for (const key of MESSAGE_KEYS) {
        for (const slot of slots(catalogue[key])) expect(slots(english[key]), `${key}: {${slot}}`).toContain(slot);
      }
    });

    if (code !== "en") {
      it(`${code} translates every string but its allowed loanwords`, () => {
        const same = MESSAGE_KEYS.filter((k) => JSON.stringify(catalogue[k]) === JSON.stringify(english[k]));
        expect(same.sort()).toEqual([...(SAME_AS_ENGLISH[code] ?? [])].sort());
      });
    }
  }
});

describe("plurals and numbers", () => {
  it("reads one minute and five minutes in English", () => {
    const t = messagesFor("en");
    expect(t.text("readingTime", { n: 1 })).toBe("1 min read");
    expect(t.text("postCount", { n: 1 })).toBe("1 post");
    expect(t.text("postCount", { n: 3 })).toBe("3 posts");
  });

  it("chooses among Arabic's six forms", () => {
    const t = messagesFor("ar");
    expect([0, 1, 2, 3, 11, 100].map((n) => t.text("postCount", { n }))).toEqual([
      "لا مقالات",
      "مقالة واحدة",
      "مقالتان",
      `${new Intl.NumberFormat("ar").format(3)} مقالات`,
      `${new Intl.NumberFormat("ar").format(11)} مقالة`,
      `${new Intl.NumberFormat("ar").format(100)} مقالة`,
    ]);
  });

  it("uses Hebrew's dual and Portuguese's singular", () => {
    expect(messagesFor("he").text("postCount", { n: 2 })).toBe("שני פוסטים");
    expect(messagesFor("pt-BR").text("postCount", { n: 1 })).toBe("1 artigo");
    expect(messagesFor("pt-BR").text("postCount", { n: 2 })).toBe("2 artigos");
  });

  it("formats numbers in slots with the language's Intl", () => {
    expect(messagesFor("de").text("postCount", { n: 1234 })).toBe("1.234 Beiträge");
    expect(messagesFor("en").text("postCount", { n: 1234 })).toBe("1,234 posts");
  });

  it("keeps a component in its slot, in the language's word order", () => {
    const date = { date: true };
    expect(messagesFor("en").parts("updated", { date })).toEqual(["Updated ", date]);
    expect(messagesFor("ja").parts("updated", { date })).toEqual([date, "更新"]);
  });
});

describe("choosing a catalogue", () => {
  it("falls back from a region to its base language", () => {
    expect(pickCatalogue("pt-BR")).toMatchObject({ code: "pt", fallback: false });
    expect(pickCatalogue("zh-Hans-CN")).toMatchObject({ code: "zh", fallback: false });
    expect(messagesFor("pt-BR").text("relatedPosts")).toBe("Leia também");
  });

  it("falls back to English, with one build warning, for a language with no catalogue", () => {
    expect(pickCatalogue("sw")).toMatchObject({ code: "en", fallback: true });
    expect(messagesFor("sw").text("relatedPosts")).toBe("Related posts");
    expect(catalogueWarning("content/site.yaml", "sw")?.message).toMatch(
      /^no interface strings for "sw", so the interface is in English/,
    );
    expect(catalogueWarning("content/site.yaml", "pt-BR")).toBeUndefined();
  });
});

describe("strings in site.yaml", () => {
  const yaml = (strings: string) =>
    `title: T\ndescription: D\nauthor: A\nlanguage: pt-BR\norigin: https://blog.example.org\nstrings:\n${strings}`;

  it("overrides any string", () => {
    const { site, errors } = parseSite(
      "site.yaml",
      yaml("  relatedPosts: Veja também\n  postCount: { one: '{n} texto', other: '{n} textos' }\n"),
    );
    expect(errors).toEqual([]);
    expect(site?.strings).toEqual({ relatedPosts: "Veja também", postCount: { one: "{n} texto", other: "{n} textos" } });
    const t = messagesFor(site?.language ?? "", site?.strings);
    expect(t.text("relatedPosts")).toBe("Veja também");
    expect(t.text("postCount", { n: 2 })).toBe("2 textos");
    expect(t.text("allTags")).toBe("Todas as etiquetas");
  });

  it("rejects an unknown key with the nearest one", () => {
    expect(parseSite("site.yaml", yaml("  relatedPost: Leia também\n")).errors).toEqual([
      {
        file: "site.yaml",
        field: "strings.relatedPost",
        message: "unknown string (did you mean relatedPosts?); the keys are listed in docs/customising.md (line 7)",
      },
    ]);
  });

  it("rejects a plural form the language does not have, and text that is not text", () => {
    expect(parseSite("site.yaml", yaml("  postCount: { two: x, other: y }\n  allTags: [a]\n")).errors).toEqual([
      {
        file: "site.yaml",
        field: "strings.postCount.two",
        message: "is not a plural form of pt-BR; its forms are many, one, other (line 7)",
      },
      { file: "site.yaml", field: "strings.allTags", message: "must be non-empty text (line 8)" },
    ]);
  });

  it("must be a mapping", () => {
    expect(parseSite("site.yaml", yaml("  - a\n")).errors.map((e) => e.field)).toEqual(["strings"]);
  });
});
