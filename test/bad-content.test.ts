import { describe, expect, it } from "vitest";
import { buildCollection, decodeSource, formatError, MAX_POST_BYTES } from "../src/build/content/index.ts";
import siteYaml from "./fixtures/blog/site.yaml?raw";
import upperDup from "./fixtures/broken/Dup.md?raw";
import lowerDup from "./fixtures/broken/dup.md?raw";
import empty from "./fixtures/broken/empty.md?raw";
import emptyTitle from "./fixtures/broken/empty-title.md?raw";
import impossibleDay from "./fixtures/broken/impossible-day.md?raw";
import impossibleMonth from "./fixtures/broken/impossible-month.md?raw";
import invalidYaml from "./fixtures/broken/invalid-yaml.md?raw";
import missingFrontMatter from "./fixtures/broken/missing-front-matter.md?raw";
import missingTitle from "./fixtures/broken/missing-title.md?raw";

/**
 * The broken-post corpus (test/fixtures/broken/) through the pure pipeline: each file fails the
 * build with exactly the `file → field: message` line an author needs, and nothing is published.
 */

const DIR = "test/fixtures/broken";
const site = { path: "content/site.yaml", text: siteYaml };
const NOW = new Date("2026-01-01T00:00:00Z");
const build = (files: { path: string; text: string }[]) => buildCollection(site, files, { includeDrafts: true, now: NOW });
const file = (name: string, text: string) => ({ path: `${DIR}/${name}`, text });

const CASES: [string, string, string[]][] = [
  [
    "invalid-yaml.md",
    invalidYaml,
    [
      `${DIR}/invalid-yaml.md → front matter: invalid YAML at line 2: Missing closing "quote: the quote opened on this line is never closed`,
    ],
  ],
  [
    "missing-front-matter.md",
    missingFrontMatter,
    [
      `${DIR}/missing-front-matter.md → file: missing front matter: the file must start with a line \`---\`, the YAML fields, and a closing \`---\``,
    ],
  ],
  ["missing-title.md", missingTitle, [`${DIR}/missing-title.md → title: is required`]],
  ["empty-title.md", emptyTitle, [`${DIR}/empty-title.md → title: must not be empty (line 2)`]],
  ["impossible-day.md", impossibleDay, [`${DIR}/impossible-day.md → date: "2025-02-30" is not a real date (line 3)`]],
  ["impossible-month.md", impossibleMonth, [`${DIR}/impossible-month.md → date: "2025-13-01" is not a real date (line 3)`]],
  ["empty.md", empty, [`${DIR}/empty.md → file: the file is empty`]],
];

describe("each broken post fails the build with its exact message", () => {
  it.each(CASES)("%s", (name, text, expected) => {
    const result = build([file(name, text)]);
    expect(result.errors.map(formatError)).toEqual(expected);
    expect(result.posts).toEqual([]);
  });

  it("reads the empty fixture as an empty file (the ?raw import keeps it byte-exact)", () => {
    expect(empty).toBe("");
  });
});

describe("duplicate slugs", () => {
  it("rejects two files whose names differ only in case (dup.md, Dup.md)", () => {
    // Case-insensitive file systems (macOS, Windows) cannot even hold both; URLs are lower-case.
    const result = build([file("dup.md", lowerDup), file("Dup.md", upperDup)]);
    expect(result.errors.map(formatError)).toEqual([
      `${DIR}/Dup.md → slug: "Dup" (the file name) must be lower-case letters, digits and hyphens`,
      `${DIR}/dup.md → slug: "dup" is already used by ${DIR}/Dup.md`,
    ]);
  });

  it("rejects the same slug in two folders", () => {
    const result = build([file("dup.md", lowerDup), { path: "content/posts/dup.md", text: lowerDup }]);
    expect(result.errors.map(formatError)).toEqual([`${DIR}/dup.md → slug: "dup" is already used by content/posts/dup.md`]);
  });
});

describe("files that are not text", () => {
  it("rejects a file that is not UTF-8", () => {
    // "café" in Latin-1: 0xE9 alone is not a UTF-8 sequence.
    const latin1 = Uint8Array.from([
      ...new TextEncoder().encode("---\ntitle: caf"),
      0xe9,
      ...new TextEncoder().encode("\n---\n"),
    ]);
    const decoded = decodeSource(`${DIR}/latin1.md`, latin1);
    expect(decoded.text).toBeUndefined();
    expect(decoded.error && formatError(decoded.error)).toBe(`${DIR}/latin1.md → file: is not valid UTF-8 text`);
  });

  it("accepts U+FFFD written in a post, drops a byte-order mark, and still rejects a bad byte after either", () => {
    const utf8 = (text: string) => new TextEncoder().encode(text);
    const written = decodeSource(`${DIR}/fffd.md`, utf8("---\ntitle: a \uFFFD b\n---\n"));
    expect(written).toEqual({ text: "---\ntitle: a \uFFFD b\n---\n" });
    const bom = decodeSource(`${DIR}/bom.md`, Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8("---\n")]));
    expect(bom).toEqual({ text: "---\n" });
    const both = decodeSource(`${DIR}/both.md`, Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8("\uFFFD caf"), 0xe9]));
    expect(both.error && formatError(both.error)).toBe(`${DIR}/both.md → file: is not valid UTF-8 text`);
  });

  it("rejects a 5 MB post before decoding it", () => {
    const huge = new Uint8Array(5 * 1024 * 1024).fill(0x61);
    const decoded = decodeSource(`${DIR}/huge.md`, huge);
    expect(decoded.text).toBeUndefined();
    expect(decoded.error && formatError(decoded.error)).toBe(`${DIR}/huge.md → file: is 5.0 MB; a post may be at most 1 MB`);
  });

  it("accepts a post of exactly the limit", () => {
    const decoded = decodeSource(`${DIR}/limit.md`, new Uint8Array(MAX_POST_BYTES).fill(0x61));
    expect(decoded.error).toBeUndefined();
    expect(decoded.text?.length).toBe(MAX_POST_BYTES);
  });
});

describe("the whole corpus at once", () => {
  it("reports every problem of every file, in path order, in one build", () => {
    const corpus = [...CASES.map(([name, text]) => file(name, text)), file("dup.md", lowerDup), file("Dup.md", upperDup)];
    const lines = build(corpus).errors.map(formatError);
    expect(lines).toEqual([
      `${DIR}/Dup.md → slug: "Dup" (the file name) must be lower-case letters, digits and hyphens`,
      `${DIR}/dup.md → slug: "dup" is already used by ${DIR}/Dup.md`,
      `${DIR}/empty-title.md → title: must not be empty (line 2)`,
      `${DIR}/empty.md → file: the file is empty`,
      `${DIR}/impossible-day.md → date: "2025-02-30" is not a real date (line 3)`,
      `${DIR}/impossible-month.md → date: "2025-13-01" is not a real date (line 3)`,
      `${DIR}/invalid-yaml.md → front matter: invalid YAML at line 2: Missing closing "quote: the quote opened on this line is never closed`,
      `${DIR}/missing-front-matter.md → file: missing front matter: the file must start with a line \`---\`, the YAML fields, and a closing \`---\``,
      `${DIR}/missing-title.md → title: is required`,
    ]);
  });
});
