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
      `${FILE} → fediverse.inbox: unknown field; known: handle, moderation (line 6)`,
      `${FILE} → fediverse.handle: must be 1 to 30 lower-case letters, digits or underscores (as Mastodon allows), got "Blog Name" (line 6)`,
      `${FILE} → fediverse.moderation: must be one of manual, followers, open, got "sometimes" (line 6)`,
    ]);
    expect(messages(`${VALID}\nfediverse: {}\n`)).toEqual([
      `${FILE} → fediverse.handle: is required: the name readers follow, e.g. "blog" for @blog@your.host (line 6)`,
    ]);
    expect(messages(`${VALID}\nfediverse: yes\n`)).toEqual([
      `${FILE} → fediverse: must be a mapping like { handle: "blog" } (line 6)`,
    ]);
  });

  it("names a misspelt key and the key it probably meant", () => {
    expect(messages(`${VALID}\npostsPerPag: 5\n`)).toEqual([
      `${FILE} → postsPerPag: unknown field (did you mean postsPerPage?); known: title, description, author, language, origin, postsPerPage, feedLimit, image, strings, theme, fediverse, peertube, languages, translations (line 6)`,
    ]);
  });

  it("names an unknown key with no likely twin", () => {
    expect(messages(`${VALID}\nmascot: owl\n`)).toEqual([
      `${FILE} → mascot: unknown field; known: title, description, author, language, origin, postsPerPage, feedLimit, image, strings, theme, fediverse, peertube, languages, translations (line 6)`,
    ]);
  });

  it("checks a theme's shape: theme is a mapping, not a word", () => {
    expect(messages(`${VALID}\ntheme: dark\n`)).toEqual([
      `${FILE} → theme: must be a mapping with light, dark, font or code (line 6)`,
    ]);
  });

  it("reports wrong types, empty text and out-of-range numbers, all at once", () => {
    expect(
      messages(
        'title: 42\ndescription: ""\nauthor: [a, b]\nlanguage: en\norigin: https://ana.dev/blog\npostsPerPage: 2.5\nfeedLimit: "20"\n',
      ),
    ).toEqual([
      `${FILE} → title: must be text, got a number (line 1)`,
      `${FILE} → description: must not be empty (line 2)`,
      `${FILE} → author: must be text, got a list or mapping (line 3)`,
      `${FILE} → postsPerPage: must be a whole number from 1 to 1000, got 2.5 (line 6)`,
      `${FILE} → feedLimit: must be a whole number from 1 to 1000, got "20" (line 7)`,
      `${FILE} → origin: must be an origin like https://blog.example.com (no path) (line 5)`,
    ]);
  });

  it("names the line of each problem: a key's, a list item's, a nested key's, or a mapping's for what it lacks", () => {
    expect(
      messages(
        `${VALID}\n# Federation\nfediverse:\n  moderation: open\npeertube:\n  - video.example.org\n  - https://tube.example.net\nstrings:\n  relatedPost: Leia também\nfeedLimit: 0\n`,
      ),
    ).toEqual([
      `${FILE} → feedLimit: must be a whole number from 1 to 1000, got 0 (line 14)`,
      `${FILE} → fediverse.handle: is required: the name readers follow, e.g. "blog" for @blog@your.host (line 7)`,
      `${FILE} → peertube: "https://tube.example.net" is not a host name like video.example.org: write tube.example.net (line 11)`,
      `${FILE} → strings.relatedPost: unknown string (did you mean relatedPosts?); the keys are listed in docs/customising.md (line 13)`,
    ]);
    expect(messages("description: D\nauthor: A\nlanguage: en\norigin: https://ana.dev\n")).toEqual([
      `${FILE} → title: is required`,
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
