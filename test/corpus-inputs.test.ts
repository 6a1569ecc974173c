import { describe, expect, it } from "vitest";
import { buildCollection } from "../src/build/content/index.ts";
import type { SourceFile } from "../src/build/content/pipeline.ts";
import { type CorpusSource, corpusFileStream, corpusSources } from "../src/shared/corpus.ts";
import { inLanguage } from "../src/shared/paths.ts";
import type { SiteConfig } from "../src/shared/types.ts";

/**
 * A post's corpus file and a list's chunk name their inputs (src/shared/corpus.ts
 * `CorpusSource`), and a rebuild skips a file whose inputs are unchanged without making it
 * (src/build/write-corpus.ts). That is
 * only safe if every change to a file's bytes changes its inputs: here, over builds of one blog
 * that each change one thing a post's file shows, no file keeps its inputs and changes its bytes.
 */

const NOW = new Date("2026-01-01T00:00:00Z");
const site = (extra = "") => ({
  path: "content/site.yaml",
  text: `title: T\ndescription: D\nauthor: A\nlanguage: en\norigin: https://blog.fixture.test\n${extra}`,
});
const WORDS = "alpha beta gamma delta epsilon zeta eta theta iota kappa";
const post = (n: number, front = "", body = `${WORDS} word${n}.`): SourceFile => ({
  path: `content/posts/p${n}.md`,
  // A description of its own: one made from the body would carry any change of the body into
  // the other fields, and hide a missing input.
  text: `---\ntitle: Post ${n}\ndate: 2025-01-0${n}\ndescription: About ${n}.\ntags: [x, t${n % 2}]\n${front}---\n\n${body}\n`,
});
const BASE = [1, 2, 3, 4, 5, 6].map((n) => post(n, n <= 3 ? "series: Deep Dive\n" : ""));

type Variant = { name: string; files: SourceFile[]; extra?: string; prefix?: string };
const variants: Variant[] = [
  { name: "base", files: BASE },
  // Post 3 gets longer: its word count (and reading time, in lists) moves in every file that shows it.
  {
    name: "longer",
    files: BASE.map((f, i) => (i === 2 ? post(3, "series: Deep Dive\n", `${WORDS} ${"more ".repeat(300)}`) : f)),
  },
  // Its title changes: its neighbours, related posts and series parts show it.
  { name: "retitled", files: BASE.map((f, i) => (i === 2 ? { ...f, text: f.text.replace("Post 3", "Third") } : f)) },
  // Its HTML changes but nothing else it shows (the same word count).
  { name: "reworded", files: BASE.map((f, i) => (i === 2 ? post(3, "series: Deep Dive\n", `${WORDS} other3.`) : f)) },
  // The site's strings: the pre-rendered article's words.
  { name: "strings", files: BASE, extra: "strings:\n  readingTime: { one: '{n} minute', other: '{n} minutes' }\n" },
  // Another language's prefix: the article's links.
  { name: "prefix", files: BASE, prefix: "/pt-br" },
  // A post alone (no neighbours, no related posts, no series), whose file shows nothing of
  // another: what its article alone depends on.
  { name: "alone", files: [post(7)] },
  { name: "alone, longer", files: [post(7, "", `${WORDS} ${"more ".repeat(300)}`)] },
  { name: "alone, reworded", files: [post(7, "", `${WORDS} other7.`)] },
  { name: "alone, strings", files: [post(7)], extra: "strings:\n  readingTime: { one: '{n} minute', other: '{n} minutes' }\n" },
  { name: "alone, prefix", files: [post(7)], prefix: "/pt-br" },
];

function sources(v: Variant): Map<string, { inputs: string; body: string }> {
  const result = buildCollection(site(v.extra), v.files, { includeDrafts: false, now: NOW });
  expect(result.errors).toEqual([]);
  const content = { ...result, site: result.site as SiteConfig };
  const all = inLanguage(v.prefix ?? "", () => [...corpusSources(result.posts, content)]);
  return new Map(all.map((s: CorpusSource) => [s.path, { inputs: JSON.stringify(s.inputs ?? null), body: s.body() }] as const));
}

describe("a post file's inputs", () => {
  const built = variants.map((v) => ({ name: v.name, files: sources(v) }));

  it("name every post file and list chunk (a page is compared by its bytes)", () => {
    const base = built[0]?.files ?? new Map();
    const named = [...base].filter(([, f]) => f.inputs !== "null").map(([path]) => path);
    expect(named.sort()).toEqual(
      [
        ...[1, 2, 3, 4, 5, 6].map((n) => `/_content/posts/p${n}.json`),
        "/_content/lists/all/0.json",
        "/_content/lists/series/deep-dive/0.json",
        "/_content/lists/tags/t0/0.json",
        "/_content/lists/tags/t1/0.json",
        "/_content/lists/tags/x/0.json",
      ].sort(),
    );
  });

  it("change whenever the file's bytes change", () => {
    for (const a of built) {
      for (const b of built) {
        if (a === b) continue;
        for (const [path, fa] of a.files) {
          const fb = b.files.get(path);
          if (!fb || fa.inputs === "null") continue;
          if (fa.inputs === fb.inputs) expect(fb.body, `${path}: ${a.name} and ${b.name}`).toBe(fa.body);
        }
      }
    }
  });

  it("stay the same for a file whose bytes do not change, so a rebuild skips it", () => {
    // Each variant changes some files and leaves others: both sides of the rule are exercised.
    const base = built[0]?.files ?? new Map();
    const alone = built.find((b) => b.name === "alone")?.files ?? new Map();
    for (const { name, files } of built.slice(1)) {
      const against = name.startsWith("alone") ? alone : base;
      const changed = [...files].filter(([path, f]) => f.body !== against.get(path)?.body && f.inputs !== "null");
      if (name !== "alone") expect(changed.length, name).toBeGreaterThan(0);
    }
    const reworded = built.find((b) => b.name === "reworded")?.files ?? new Map();
    const same = [...reworded].filter(
      ([path, f]) => path.startsWith("/_content/posts/") && f.inputs !== "null" && f.inputs === base.get(path)?.inputs,
    );
    expect(same.map(([path]) => path).sort()).toEqual(
      [1, 2, 4, 5, 6].map((n) => `/_content/posts/p${n}.json`).filter((p) => reworded.get(p)?.body === base.get(p)?.body),
    );
    expect(same.length).toBeGreaterThan(0);
  });

  it("serialise to what corpusFileStream writes", () => {
    const v = variants[0] as Variant;
    const result = buildCollection(site(v.extra), v.files, { includeDrafts: false, now: NOW });
    const content = { ...result, site: result.site as SiteConfig };
    const stream = [...corpusFileStream(result.posts, content)];
    expect(stream.map((f) => [f.path, f.body])).toEqual([...(built[0]?.files ?? [])].map(([path, f]) => [path, f.body]));
  });
});
