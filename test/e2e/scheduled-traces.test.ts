// A scheduled post leaves no trace before its instant, through the real asset server (`wrangler
// dev`, as deployed): it decodes a path before looking a file up, but runs the Worker first only
// for `/_content/*` as sent, so `/_content%2Fposts/<slug>.json` once reached a scheduled post's
// file (307) while an unknown slug got the Worker's 400. Every spelling of a corpus path, and a
// scheduled post's card at the name its title gives, must answer exactly as for a name that
// does not exist. The suite's blog has one scheduled post, the-launch (2099), tagged `launches`.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "./lib/blog.ts";
import { BASE } from "./lib/site.ts";

const SCHEDULED = "the-launch";
/** As long as the scheduled slug, so a body that names its path would differ by nothing else. */
const UNKNOWN = "the-lunch0";

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A GET with the path sent exactly as written (fetch() would normalise it). */
function raw(path: string): Promise<Answer> {
  const { hostname, port } = new URL(BASE);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, headers: { accept: "application/json" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) if (name !== "date") headers[name] = String(value);
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString("latin1") });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

/** Ways to write the same corpus path that a decoder, a normaliser or a case-folder may equate. */
const SPELLINGS: [string, (p: string) => string][] = [
  ["as written", (p) => p],
  ["%2F", (p) => p.replace("/_content/", "/_content%2F")],
  ["%2f", (p) => p.replace("/_content/", "/_content%2f")],
  ["%5F", (p) => p.replace("/_content/", "/%5Fcontent/")],
  ["%5f and %2F", (p) => p.replace("/_content/", "/%5fcontent%2F")],
  ["every / after the first as %2F", (p) => `/${p.slice(1).replaceAll("/", "%2F")}`],
  ["an escaped letter", (p) => p.replace("/_content/", "/_c%6Fntent%2F")],
  ["a leading //", (p) => `/${p}`],
  ["a doubled / inside", (p) => p.replace("/_content/", "/_content//")],
  ["a dot segment", (p) => p.replace("/_content/", "/_content/./")],
  ["a trailing dot", (p) => `${p}.`],
  ["%2E for the extension's dot", (p) => p.replace("/_content/", "/_content%2F").replace(/\.(json|png)$/, "%2E$1")],
  ["upper case", (p) => p.replace("/_content/", "/_CONTENT%2F")],
  ["a backslash", (p) => p.replace("/_content/", "/_content%5C")],
];

/**
 * Answers compared as a whole, with the two names made equal (an error names the path it was
 * asked for, and its ETag is its body's, so that one header is left to the body's comparison).
 */
function same(a: Answer, name: string, b: Answer, other: string): boolean {
  const plain = ({ headers: { etag: _, ...headers }, ...rest }: Answer, n: string) =>
    JSON.stringify({ ...rest, headers })
      .replaceAll(n, "NAME")
      .replaceAll(n.replaceAll("/", "%2F"), "NAME");
  return plain(a, name) === plain(b, other);
}

/**
 * What a scheduled post's files say, each with a name that exists because of it (or, for the
 * post count and the search index, exists at all) and one of the same length that does not.
 */
const PAIRS: [string, (name: string) => string, string, string][] = [
  ["the post's file", (n) => `/_content/posts/${n}.json`, SCHEDULED, UNKNOWN],
  ["its tag's listing", (n) => `/_content/lists/tags/${n}/0.json`, "launches", "lunchesx"],
  ["a listing's chunk (the post count)", (n) => `/_content/lists/${n}.json`, "all/0", "all/7"],
  ["a search shard", (n) => `/_content/search/shards/${n}.json`, "61", "zz"],
];

for (const [what, path, hidden, none] of PAIRS) {
  test(`${what}: every spelling answers as a name that does not exist`, async () => {
    const differ: string[] = [];
    for (const [name, spell] of SPELLINGS) {
      const [a, b] = await Promise.all([raw(spell(path(hidden))), raw(spell(path(none)))]);
      // A redirect is fine when it is the same for both (the Worker's one URL per path).
      if (a.status < 300) differ.push(`${name} ${spell(path(hidden))}: ${a.status}`);
      else if (!same(a, hidden, b, none)) differ.push(`${name} ${spell(path(hidden))}: ${a.status} vs ${b.status}`);
    }
    assert.deepEqual(differ, []);
  });
}

test("a scheduled post's card is not at the name its title and date give", async () => {
  // The name the build gives the card: anyone who guesses the title can draw the same card.
  const index = JSON.parse(
    readFileSync(join(ROOT, "node_modules", ".cache", "edge-blog", "cards", "index.json"), "utf8"),
  ) as Record<string, { file: string }>;
  const card = Object.values(index).find((e) => e.file.startsWith(`cards/${SCHEDULED}-`))?.file;
  assert.ok(card, "the build drew no card for the scheduled post");
  const spellings: [string, (p: string) => string][] = [
    ["as written", (p) => p],
    ["%2F", (p) => p.replace("/cards/", "/cards%2F")],
    ["an escaped letter", (p) => p.replace("/cards/", "/%63ards/")],
    ["a leading //", (p) => `/${p}`],
    ["a trailing dot", (p) => `${p}.`],
    ["upper case", (p) => p.replace("/cards/", "/CARDS/")],
  ];
  const differ: string[] = [];
  for (const [name, spell] of spellings) {
    const path = spell(`/${card}`);
    const [a, b] = await Promise.all([raw(path), raw(path.replace(SCHEDULED, UNKNOWN))]);
    if (a.status < 300) differ.push(`${name} ${path}: ${a.status}`);
    else if (!same(a, SCHEDULED, b, UNKNOWN)) differ.push(`${name} ${path}: ${a.status} vs ${b.status}`);
  }
  assert.deepEqual(differ, []);
});
