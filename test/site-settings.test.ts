import { describe, expect, it } from "vitest";
import { formatError } from "../src/build/content/index.ts";
import { fallbackSite, isPlaceholderOrigin, parseSite } from "../src/build/content/site.ts";

const FILE = "content/site.yaml";
const VALID = ["title: A Blog", "description: Things I write.", "author: Ana", "language: pt-BR", "origin: https://ana.dev"].join(
  "\n",
);
const messages = (text: string) => parseSite(FILE, text).errors.map(formatError);

describe("content/site.yaml is validated like a post", () => {
  it("accepts valid settings and fills the defaults", () => {
    expect(parseSite(FILE, `${VALID}\n`)).toEqual({
      site: {
        title: "A Blog",
        description: "Things I write.",
        author: "Ana",
        language: "pt-BR",
        origin: "https://ana.dev",
        postsPerPage: 10,
        feedLimit: 20,
      },
      errors: [],
    });
  });

  it("turns federation on with a handle; moderation is manual unless said", () => {
    expect(parseSite(FILE, `${VALID}\nfediverse: { handle: blog }\n`).site?.fediverse).toEqual({
      handle: "blog",
      moderation: "manual",
    });
    expect(parseSite(FILE, `${VALID}\nfediverse: { handle: ana_2, moderation: open }\n`).site?.fediverse).toEqual({
      handle: "ana_2",
      moderation: "open",
    });
    expect(parseSite(FILE, `${VALID}\n`).site && "fediverse" in (parseSite(FILE, `${VALID}\n`).site ?? {})).toBe(false);
    expect(messages(`${VALID}\nfediverse: { handle: "Blog Name", moderation: sometimes, inbox: x }\n`)).toEqual([
      `${FILE} → fediverse.inbox: unknown field; known: handle, moderation`,
      `${FILE} → fediverse.handle: must be 1 to 30 lower-case letters, digits or underscores (as Mastodon allows), got "Blog Name"`,
      `${FILE} → fediverse.moderation: must be one of manual, followers, open, got "sometimes"`,
    ]);
    expect(messages(`${VALID}\nfediverse: {}\n`)).toEqual([
      `${FILE} → fediverse.handle: is required: the name readers follow, e.g. "blog" for @blog@your.host`,
    ]);
    expect(messages(`${VALID}\nfediverse: yes\n`)).toEqual([`${FILE} → fediverse: must be a mapping like { handle: "blog" }`]);
  });

  it("names a misspelt key and the key it probably meant", () => {
    expect(messages(`${VALID}\npostsPerPag: 5\n`)).toEqual([
      `${FILE} → postsPerPag: unknown field (did you mean postsPerPage?); known: title, description, author, language, origin, postsPerPage, feedLimit, image, strings, theme, fediverse, peertube, languages, translations`,
    ]);
  });

  it("names an unknown key with no likely twin", () => {
    expect(messages(`${VALID}\nmascot: owl\n`)).toEqual([
      `${FILE} → mascot: unknown field; known: title, description, author, language, origin, postsPerPage, feedLimit, image, strings, theme, fediverse, peertube, languages, translations`,
    ]);
  });

  it("checks a theme's shape: theme is a mapping, not a word", () => {
    expect(messages(`${VALID}\ntheme: dark\n`)).toEqual([`${FILE} → theme: must be a mapping with light, dark, font or code`]);
  });

  it("reports wrong types, empty text and out-of-range numbers, all at once", () => {
    expect(
      messages(
        'title: 42\ndescription: ""\nauthor: [a, b]\nlanguage: en\norigin: https://ana.dev/blog\npostsPerPage: 2.5\nfeedLimit: "20"\n',
      ),
    ).toEqual([
      `${FILE} → title: must be text, got a number`,
      `${FILE} → description: must not be empty`,
      `${FILE} → author: must be text, got a list or mapping`,
      `${FILE} → postsPerPage: must be a whole number from 1 to 1000, got 2.5`,
      `${FILE} → feedLimit: must be a whole number from 1 to 1000, got "20"`,
      `${FILE} → origin: must be an origin like https://blog.example.com (no path)`,
    ]);
  });

  it("reports a file that is not a mapping", () => {
    expect(messages("- a\n- b\n")).toEqual([`${FILE} → (yaml): must be a mapping of \`field: value\` lines`]);
  });
});

describe("the placeholder origin", () => {
  it.each([
    ["https://edge-blog.example.com", true],
    ["https://example.org", true],
    ["http://localhost:8787", true],
    ["https://blog.fixture.test", true],
    ["https://my.invalid", true],
    ["https://ana.dev", false],
    ["https://example.company.com", false],
    ["https://notexample.com", false],
  ])("%s is a placeholder: %s", (origin, placeholder) => {
    expect(isPlaceholderOrigin(origin)).toBe(placeholder);
  });
});

describe("the site a preview shows its problems in when site.yaml does not build", () => {
  it.each([
    ['title: "Ana\'s notes"\norigin: [oops\n', "Ana's notes"],
    ["title: Field Notes # mine\nlanguage: [\n", "Field Notes"],
    ["title: 'Quoted'\n", "Quoted"],
    ["origin: [oops\n", "Your blog"],
    ["title:\n", "Your blog"],
  ])("%j is titled %j, never a made-up name", (text, title) => {
    expect(fallbackSite(text)).toEqual({
      title,
      description: "The content did not build.",
      author: "",
      language: "en",
      origin: "http://localhost:8787",
      postsPerPage: 10,
      feedLimit: 20,
    });
  });
});
