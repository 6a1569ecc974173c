/**
 * The content build as authors run it: `node src/build/index.ts` on a folder of broken
 * posts must exit non-zero and print every problem as `file → field: message`. Runs in Node
 * (it spawns the script), not in workerd, so it is not part of `vitest`:
 *
 *   node --test test/node/build-script.test.ts
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, sep } from "node:path";
import { after, test } from "node:test";
import { BODY_DIGEST, type DigestedPost } from "../../src/shared/corpus.ts";

/** Where the build stored the corpus: a folder named by the key in its build module (src/shared/corpus.ts). */
function storedCorpus(out: string, assets = join(out, "assets")): string {
  const key = /export const corpusKey = "([0-9a-f]{32})";/.exec(readFileSync(join(out, "build.ts"), "utf8"))?.[1];
  assert.ok(key, `no corpus key in ${out}/build.ts`);
  return join(assets, "_content", key);
}

const root = resolve(import.meta.dirname, "../..");
const fixtures = join(root, "test", "fixtures", "broken");
const work = mkdtempSync(join(tmpdir(), "edge-blog-build-"));
after(() => rmSync(work, { recursive: true, force: true }));

function build(content: string) {
  return spawnSync(
    process.execPath,
    // A cache of its own per blog: what one test's build remembers never changes another's summary.
    [join(root, "src", "build", "index.ts"), "--content", content, "--out", join(work, "out"), "--cache", `${content}-cache`],
    {
      cwd: content,
      encoding: "utf8",
    },
  );
}

test("a folder of broken posts fails the build with every problem listed", () => {
  const content = join(work, "broken");
  mkdirSync(join(content, "posts"), { recursive: true });
  copyFileSync(join(root, "test", "fixtures", "blog", "site.yaml"), join(content, "site.yaml"));
  for (const name of readdirSync(fixtures)) {
    // On a case-insensitive file system Dup.md would overwrite dup.md: keep the first.
    if (!existsSync(join(content, "posts", name))) copyFileSync(join(fixtures, name), join(content, "posts", name));
  }
  const caseSensitive =
    readdirSync(join(content, "posts")).includes("Dup.md") && readdirSync(join(content, "posts")).includes("dup.md");
  writeFileSync(
    join(content, "posts", "latin1.md"),
    Buffer.from([...Buffer.from("---\ntitle: caf"), 0xe9, ...Buffer.from("\n---\n")]),
  );
  writeFileSync(join(content, "posts", "huge.md"), Buffer.alloc(5 * 1024 * 1024, 0x61));
  // What the build would otherwise pass over: a folder, another extension. Dotfiles are junk.
  mkdirSync(join(content, "posts", "nested"));
  writeFileSync(join(content, "posts", "nested", "a.md"), "---\ntitle: A\ndate: 2025-01-01\n---\nText.\n");
  writeFileSync(join(content, "posts", "notes.txt"), "a note\n");
  writeFileSync(join(content, "posts", ".DS_Store"), "junk");

  const run = build(content);
  assert.equal(run.status, 1);
  assert.equal(run.stdout, "");
  const lines = run.stderr.split("\n").filter((l) => l.trim() !== "");
  const problems = [
    "posts/latin1.md → file: is not valid UTF-8 text",
    "posts/huge.md → file: is 5.0 MB; a post may be at most 1 MB",
    "posts/nested → file: is a folder without index.md: a folder post is content/posts/nested/index.md, with its files beside it",
    "posts/notes.txt → file: is not a post: posts are .md or .markdown files, or folders with an index.md",
    ...(caseSensitive
      ? [
          'posts/Dup.md → slug: "Dup" (the file name) must be lower-case letters, digits and hyphens',
          'posts/dup.md → slug: "dup" is already used by posts/Dup.md',
        ]
      : []),
    "posts/empty-title.md → title: must not be empty (line 2)",
    "posts/empty.md → file: the file is empty",
    'posts/impossible-day.md → date: "2025-02-30" is not a real date (line 3)',
    'posts/impossible-month.md → date: "2025-13-01" is not a real date (line 3)',
    'posts/invalid-yaml.md → front matter: invalid YAML at line 2: Missing closing "quote: the quote opened on this line is never closed',
    "posts/missing-front-matter.md → file: missing front matter: the file must start with a line `---`, the YAML fields, and a closing `---`",
    "posts/missing-title.md → title: is required",
  ];
  assert.equal(lines[0], `✗ content build failed: ${problems.length} problems`);
  // Files that cannot be read come first, then what validation finds; the build sorts names
  // within each, so compare as sets here and leave the order to the pipeline's own tests.
  assert.deepEqual(
    lines
      .slice(1)
      .map((l) => l.trim())
      .sort(),
    [...problems].sort(),
  );
  assert.equal(existsSync(join(work, "out", "content.ts")), false, "nothing is generated");
});

test("the odd but valid posts build", () => {
  const content = join(work, "valid");
  mkdirSync(join(content, "posts"), { recursive: true });
  copyFileSync(join(root, "test", "fixtures", "blog", "site.yaml"), join(content, "site.yaml"));
  for (const name of readdirSync(fixtures).filter((n) => n.startsWith("valid-"))) {
    copyFileSync(join(fixtures, name), join(content, "posts", name));
  }
  // `.markdown` is read like `.md`.
  writeFileSync(join(content, "posts", "long-extension.markdown"), "---\ntitle: Long\ndate: 2025-01-02\n---\nText.\n");
  const run = build(content);
  assert.equal(run.stderr, "");
  assert.equal(run.status, 0);
  // A fresh cache: every post's social card is drawn.
  assert.match(run.stdout, /^✓ content: 4 post\(s\) in \d+ ms; 4 social card\(s\) drawn\n$/);
});

test("--no-cards (for measuring the rest of the build) draws no card and names none", () => {
  const content = join(work, "no-cards");
  mkdirSync(join(content, "posts"), { recursive: true });
  copyFileSync(join(root, "test", "fixtures", "blog", "site.yaml"), join(content, "site.yaml"));
  writeFileSync(join(content, "posts", "one.md"), "---\ntitle: One\ndate: 2025-01-02\n---\nText.\n");
  const out = join(work, "no-cards-out");
  const build = (...flags: string[]) =>
    spawnSync(
      process.execPath,
      [join(root, "src", "build", "index.ts"), "--content", content, "--out", out, "--cache", `${content}-cache`, ...flags],
      { cwd: content, encoding: "utf8" },
    );
  const run = build("--no-cards");
  assert.equal(run.stderr, "");
  assert.equal(run.status, 0);
  assert.match(run.stdout, /^✓ content: 1 post\(s\) in \d+ ms\n$/);
  assert.equal(existsSync(join(out, "assets", "cards")), false);
  const post = JSON.parse(readFileSync(join(storedCorpus(out), "posts", "one.json"), "utf8")) as { card?: string };
  assert.equal(post.card, undefined);
  // After a build with cards, a build without them leaves none behind (none is named), and
  // files in cards/ that are not cards stay.
  assert.equal(build().status, 0);
  assert.equal(readdirSync(join(out, "assets", "cards")).length, 1);
  writeFileSync(join(out, "assets", "cards", "README.txt"), "mine\n");
  assert.equal(build("--no-cards").status, 0);
  assert.deepEqual(readdirSync(join(out, "assets", "cards")), ["README.txt"]);
});

test("a mistyped option is a clear error with the usage (exit 2), not a stack trace", () => {
  const run = spawnSync(process.execPath, [join(root, "src", "build", "index.ts"), "--no-card"], { encoding: "utf8" });
  assert.equal(run.status, 2);
  assert.equal(run.stdout, "");
  assert.equal(
    run.stderr,
    "✗ Unknown option '--no-card'\n  usage: node src/build/index.ts [--content DIR] [--out DIR] [--assets DIR] [--cache DIR] [--preview] [--quiet] [--no-cards]\n",
  );
});

/** A blog in `work/<name>` with the fixture blog's site.yaml and one post without a title. */
function brokenBlog(name: string): string {
  const content = join(work, name);
  mkdirSync(join(content, "posts"), { recursive: true });
  copyFileSync(join(root, "test", "fixtures", "blog", "site.yaml"), join(content, "site.yaml"));
  copyFileSync(join(fixtures, "missing-title.md"), join(content, "posts", "missing-title.md"));
  return content;
}

/** A preview build of `content` into `out`, as `npm start` runs it: in the content folder. */
const previewBuild = (content: string, out: string, ...more: string[]) =>
  spawnSync(process.execPath, [join(root, "src", "build", "index.ts"), "--content", content, "--out", out, ...more], {
    cwd: content,
    encoding: "utf8",
    env: { ...process.env, BLOG_PREVIEW: "1" },
  });

/** What a preview build of brokenBlog() prints. */
const BROKEN_PREVIEW_STDERR =
  "\n✗ content build failed: 1 problem\n\n  posts/missing-title.md → title: is required\n\n  The preview shows these problems until the next save that fixes them.\n\n";

test("a preview build (npm start) of broken content keeps serving and lists the problems once", () => {
  const content = brokenBlog("preview-broken");
  const out = join(work, "preview-out");
  const run = previewBuild(content, out);
  assert.equal(run.status, 0);
  assert.equal(run.stdout, "");
  assert.equal(run.stderr, BROKEN_PREVIEW_STDERR);
  const built = readFileSync(join(out, "build.ts"), "utf8");
  assert.match(built, /export const preview: boolean = true;/);
  assert.match(built, /"file": "posts\/missing-title.md",\n {2}"field": "title",\n {2}"message": "is required"/);
  assert.match(readFileSync(join(out, "content.ts"), "utf8"), /export const corpus: CorpusManifest = \{\n "posts": 0,/);

  // The next good save recovers: no problems, the posts are back.
  rmSync(join(content, "posts", "missing-title.md"));
  copyFileSync(join(fixtures, "valid-crlf.md"), join(content, "posts", "valid-crlf.md"));
  const fixed = previewBuild(content, out);
  assert.equal(fixed.status, 0);
  assert.match(readFileSync(join(out, "build.ts"), "utf8"), /export const problems: BuildError\[\] = \[\];/);
  assert.match(readFileSync(join(out, "content.ts"), "utf8"), /"slug": "valid-crlf"/);
});

test("a cold preview build of a large blog with a broken post lists the problem, on every core it parses with", () => {
  // Large enough to be parsed on threads, one of them kept for the search index
  // (src/build/parse-pool.ts): the problems page is built without it.
  const content = brokenBlog("preview-broken-large");
  const out = join(work, "preview-large-out");
  for (let i = 0; i < 240; i++)
    writeFileSync(join(content, "posts", `p-${i}.md`), `---\ntitle: Post ${i}\ndate: 2025-01-01\n---\n\nText ${i}.\n`);
  const run = previewBuild(content, out, "--cache", `${content}-cache`, "--no-cards");
  assert.equal(run.stderr, BROKEN_PREVIEW_STDERR);
  assert.equal(run.status, 0);
  assert.match(readFileSync(join(out, "build.ts"), "utf8"), /"field": "title",\n {2}"message": "is required"/);
});

test("the preview's problems page keeps the blog's header: its title, and its pages in the navigation", () => {
  const content = brokenBlog("preview-header");
  const out = join(work, "preview-header-out");
  mkdirSync(join(content, "pages"), { recursive: true });
  writeFileSync(join(content, "pages", "about.md"), "---\ntitle: About\nnav: 1\n---\nWho writes here.\n");
  const preview = () => previewBuild(content, out);
  assert.equal(preview().status, 0);
  const generated = readFileSync(join(out, "content.ts"), "utf8");
  assert.match(generated, /export const navigation: string\[\] = \["about"\];/);
  assert.match(generated, /"title": "Fixture Notes"/);

  // site.yaml itself broken: its title line is still read, never "Preview".
  writeFileSync(join(content, "site.yaml"), 'title: "Ana\'s notes"\norigin: [oops\n');
  const broken = preview();
  assert.equal(broken.status, 0);
  assert.match(broken.stderr, /site\.yaml → \(yaml\): invalid YAML/);
  assert.match(readFileSync(join(out, "content.ts"), "utf8"), /"title": "Ana's notes"/);
});

test("warnings are printed after the errors, never among or above them", () => {
  const content = join(work, "warned");
  mkdirSync(join(content, "posts"), { recursive: true });
  copyFileSync(join(root, "test", "fixtures", "blog", "site.yaml"), join(content, "site.yaml"));
  // The series' other post is the broken one: its warning only echoes the error.
  writeFileSync(join(content, "posts", "one.md"), "---\ntitle: One\ndate: 2025-01-01\nseries: Trip\n---\nText.\n");
  writeFileSync(join(content, "posts", "two.md"), "---\ntitle: Two\ndate 2025-01-02\nseries: Trip\n---\nText.\n");
  const failed = build(content);
  assert.equal(failed.status, 1);
  assert.equal(
    failed.stderr,
    [
      "",
      "✗ content build failed: 1 problem",
      "",
      "  posts/two.md → front matter: invalid YAML at line 3: Implicit keys need to be on a single line (missing `:` after `date`?)",
      "",
      '⚠ posts/one.md → series: "Trip" has only this post: a series links two or more (line 4)',
      "",
      "",
    ].join("\n"),
  );

  rmSync(join(content, "posts", "two.md"));
  const built = build(content);
  assert.equal(built.status, 0, built.stderr);
  assert.equal(built.stderr, '⚠ posts/one.md → series: "Trip" has only this post: a series links two or more (line 4)\n');
});

test("npm run deploy warns loudly about a placeholder origin, and only then", () => {
  const check = (origin: string) => {
    const content = join(work, `origin-${origin.replace(/\W/g, "")}`);
    mkdirSync(content, { recursive: true });
    writeFileSync(join(content, "site.yaml"), `title: T\ndescription: D\nauthor: A\nlanguage: en\norigin: ${origin}\n`);
    return spawnSync(process.execPath, [join(root, "src", "build", "check-origin.ts"), "--content", content], {
      encoding: "utf8",
    });
  };
  const placeholder = check("https://edge-blog.example.com");
  assert.equal(placeholder.status, 0);
  assert.match(placeholder.stderr, /!! content\/site.yaml → origin is still a placeholder: https:\/\/edge-blog.example.com\n/);
  const real = check("https://ana.dev");
  assert.equal(real.status, 0);
  assert.equal(real.stderr, "");
});

test("the corpus and the search index go to the assets; a rebuild rewrites only what changed", () => {
  const content = join(work, "corpus-assets");
  const out = join(work, "corpus-assets-out");
  mkdirSync(join(content, "posts"), { recursive: true });
  copyFileSync(join(root, "test", "fixtures", "blog", "site.yaml"), join(content, "site.yaml"));
  copyFileSync(join(fixtures, "valid-crlf.md"), join(content, "posts", "valid-crlf.md"));
  const other = (text: string) => `---\ntitle: Other\ndate: 2025-01-02\ndescription: D.\n---\n\n${text}\n`;
  writeFileSync(join(content, "posts", "other.md"), other("Other text."));
  const build = () =>
    spawnSync(
      process.execPath,
      [join(root, "src", "build", "index.ts"), "--content", content, "--out", out, "--cache", join(work, "cache"), "--quiet"],
      { encoding: "utf8", env: { ...process.env, BLOG_PREVIEW: "" } },
    );
  const run = build();
  assert.equal(run.status, 0, run.stderr);
  const module = readFileSync(join(out, "search.ts"), "utf8");
  assert.match(module, /export const searchAssets: string = "\/_content\/search";/);
  const corpus = storedCorpus(out);
  assert.ok(existsSync(join(corpus, "search", "docs", "0.json")));
  assert.ok(readdirSync(join(corpus, "search", "shards")).length > 0);
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
  const before = new Map(files(corpus).map((f) => [f, statSync(f).mtimeMs]));
  assert.ok(before.has(join(corpus, "posts", "other.json")));
  assert.ok(before.has(join(corpus, "posts", "valid-crlf.json")));

  // Editing one post's text rewrites its file and the shards it is in; the other post's file
  // (which names it as a neighbour, by title and description) stays as it was.
  writeFileSync(join(content, "posts", "other.md"), other("Other prose."));
  assert.equal(build().status, 0);
  const after = new Map(files(corpus).map((f) => [f, statSync(f).mtimeMs]));
  assert.notEqual(after.get(join(corpus, "posts", "other.json")), before.get(join(corpus, "posts", "other.json")));
  assert.equal(after.get(join(corpus, "posts", "valid-crlf.json")), before.get(join(corpus, "posts", "valid-crlf.json")));

  // Deleting a post deletes its file: nothing stale is deployed.
  rmSync(join(content, "posts", "other.md"));
  assert.equal(build().status, 0);
  assert.equal(existsSync(join(corpus, "posts", "other.json")), false);
  assert.ok(existsSync(join(corpus, "posts", "valid-crlf.json")));
});

test("a rebuild renders only the posts that changed, and builds the same blog as a fresh build", async () => {
  const content = join(work, "memo");
  mkdirSync(join(content, "posts"), { recursive: true });
  copyFileSync(join(root, "test", "fixtures", "blog", "site.yaml"), join(content, "site.yaml"));
  for (const n of ["one", "two", "three"])
    writeFileSync(join(content, "posts", `${n}.md`), `---\ntitle: ${n}\ndate: 2025-01-0${n.length}\n---\n\nText of ${n}.\n`);
  const build = (out: string, cache: string) =>
    spawnSync(process.execPath, [join(root, "src", "build", "index.ts"), "--content", content, "--out", out, "--cache", cache], {
      encoding: "utf8",
      env: { ...process.env, BLOG_PREVIEW: "" },
    });
  const cache = join(work, "memo-cache");
  assert.match(build(join(work, "memo-a"), cache).stdout, /✓ content: 3 post\(s\) in \d+ ms; 3 social card/);
  writeFileSync(join(content, "posts", "two.md"), "---\ntitle: two\ndate: 2025-01-03\n---\n\nNew text of two.\n");
  const again = build(join(work, "memo-a"), cache);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /1 post\(s\) rendered, 2 unchanged/);
  // Byte for byte what a build with no memory of earlier ones gives.
  const fresh = build(join(work, "memo-b"), join(work, "memo-cache-fresh"));
  assert.equal(fresh.status, 0, fresh.stderr);
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
  const corpus = (out: string) => storedCorpus(out);
  const a = files(corpus(join(work, "memo-a"))).map((f) => f.slice(corpus(join(work, "memo-a")).length));
  const b = files(corpus(join(work, "memo-b"))).map((f) => f.slice(corpus(join(work, "memo-b")).length));
  assert.deepEqual(a.sort(), b.sort());
  for (const f of a)
    assert.equal(
      readFileSync(corpus(join(work, "memo-a")) + f, "utf8"),
      readFileSync(corpus(join(work, "memo-b")) + f, "utf8"),
      f,
    );
  const module = (out: string) => readFileSync(join(out, "content.ts"), "utf8");
  assert.equal(module(join(work, "memo-a")), module(join(work, "memo-b")));
  // Entries no post uses any more are removed: one per post, and the snapshot of all three.
  assert.deepEqual(
    readdirSync(join(cache, "posts")).filter((n) => !n.endsWith(".json")),
    ["snapshot"],
  );
  assert.equal(readdirSync(join(cache, "posts")).filter((n) => n.endsWith(".json")).length, 3);
  const parts = readdirSync(join(cache, "posts", "snapshot")).map(
    (name) => JSON.parse(readFileSync(join(cache, "posts", "snapshot", name), "utf8")) as { entries: object },
  );
  assert.equal(
    parts.reduce((n, part) => n + Object.keys(part.entries).length, 0),
    3,
  );
});

test("the parse cache's key covers the pipeline's version: a new pipeline renders again", async () => {
  const { parseCache } = await import("../../src/build/parse-cache.ts");
  const dir = join(work, "memo-version");
  const file = { path: "content/posts/x.md", text: "---\ntitle: X\ndate: 2025-01-01\n---\n\nX.\n" };
  const parsed = { errors: [] };
  const v1 = parseCache(dir, "v1");
  assert.equal(v1.get(file, "https://a.test"), undefined);
  v1.set(file, "https://a.test", parsed);
  assert.deepEqual(parseCache(dir, "v1").get(file, "https://a.test"), parsed);
  assert.equal(parseCache(dir, "v2").get(file, "https://a.test"), undefined, "another pipeline");
  assert.equal(parseCache(dir, "v1").get(file, "https://b.test"), undefined, "another origin");
  assert.equal(parseCache(dir, "v1").get({ ...file, text: `${file.text} ` }, "https://a.test"), undefined, "another text");
});

test("a remembered post's bodies are read only when asked for, and it serialises as it was parsed", async () => {
  const { parseCache, bodyDigest } = await import("../../src/build/parse-cache.ts");
  const { parseContext, parsePost } = await import("../../src/build/content/collection.ts");
  const dir = join(work, "memo-light");
  const { context } = parseContext(undefined);
  const text = "---\ntitle: Light\ndate: 2025-01-01\ntags: [a]\n---\n\n## A heading\n\nSome *text*.\n";
  // Known by the digest of its bytes (src/build/source-files.ts), its text counted as it is read.
  let reads = 0;
  const file = {
    path: "content/posts/light.md",
    digest: "bytes-1",
    get text() {
      reads++;
      return text;
    },
  };
  const parsed = parsePost(file);
  const first = parseCache(dir, "v1");
  first.set(file, context, parsed);
  first.prune();
  const post = parsed.post as NonNullable<typeof parsed.post>;

  const again = parseCache(dir, "v1");
  const revived = again.get(file, context)?.post as NonNullable<typeof parsed.post>;
  assert.equal((revived as DigestedPost)[BODY_DIGEST], bodyDigest(post));
  // The same bytes, the same key order, as the post parsed.
  assert.equal(JSON.stringify(revived), JSON.stringify(post));
  assert.deepEqual(Object.keys(revived), Object.keys(post));

  // Its bodies come from its own file, read on first use only. A damaged file (here, gone or
  // not JSON) is made again from the source then, not before, and written back.
  const own = join(dir, readdirSync(dir).find((n) => n.endsWith(".json")) as string);
  for (const damage of [() => rmSync(own), () => writeFileSync(own, "{not json")]) {
    reads = 0;
    const lazy = parseCache(dir, "v1").get(file, context)?.post as NonNullable<typeof parsed.post>;
    damage();
    assert.equal(lazy.title, "Light");
    assert.deepEqual(lazy.headings, post.headings);
    assert.equal(reads, 0, "the source is not read before the bodies are asked for");
    assert.equal(lazy.html, post.html);
    assert.equal(lazy.markdown, post.markdown);
    assert.equal(reads, 1);
    assert.equal(JSON.stringify(JSON.parse(readFileSync(own, "utf8")).post), JSON.stringify(post));
  }
  // A body file that parses but is another post's: its digest tells, and it is made again.
  const other = JSON.parse(readFileSync(own, "utf8"));
  other.post.html = "<p>Someone else.</p>";
  writeFileSync(own, JSON.stringify(other));
  reads = 0;
  assert.equal(parseCache(dir, "v1").get(file, context)?.post?.html, post.html);
  assert.equal(reads, 1);
  // An assignment replaces the body, as on any post.
  const lazy = parseCache(dir, "v1").get(file, context)?.post as NonNullable<typeof parsed.post>;
  lazy.markdown = "new";
  assert.equal(lazy.markdown, "new");
});

test("the pipeline's version covers every file of its code, in folders and below them", async () => {
  const { PIPELINE_CODE, pipelineVersion } = await import("../../src/build/parse-cache.ts");
  // The code the pipeline runs outside its own folder (dates are formatted at build time).
  const dates = join(root, "src", "shared", "dates.ts");
  assert.ok(PIPELINE_CODE.some((p) => p === dates || dates.startsWith(`${p}${sep}`)));
  const code = join(work, "pipeline-code");
  mkdirSync(join(code, "nested"), { recursive: true });
  writeFileSync(join(code, "a.ts"), "export const a = 1;\n");
  writeFileSync(join(code, "nested", "b.ts"), "export const b = 1;\n");
  const before = pipelineVersion([code]);
  assert.equal(pipelineVersion([code]), before);
  writeFileSync(join(code, "nested", "b.ts"), "export const b = 2;\n");
  assert.notEqual(pipelineVersion([code]), before, "a file in a sub-folder");
});

test("one edit: only that post's record, postings, documents and card change; a deleted post leaves the index", async () => {
  const { decodeNumbers } = await import("../../src/shared/search/codec.ts");
  const content = join(work, "one-edit");
  const out = join(work, "one-edit-out");
  const cache = join(work, "one-edit-cache");
  mkdirSync(join(content, "posts"), { recursive: true });
  copyFileSync(join(root, "test", "fixtures", "blog", "site.yaml"), join(content, "site.yaml"));
  // A description of their own: one made from the body would change with it, and with it the
  // post's summary in its neighbours' records and in the lists.
  const COMMON = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau";
  const post = (n: number, title = `Post ${n}`, word = `unique${n}`) =>
    `---\ntitle: ${title}\ndate: 2025-01-${String(n).padStart(2, "0")}\ndescription: About post ${n}.\n---\n\n${COMMON} ${word}.\n`;
  for (let n = 1; n <= 24; n++) writeFileSync(join(content, "posts", `post-${n}.md`), post(n));
  const build = () =>
    spawnSync(process.execPath, [join(root, "src", "build", "index.ts"), "--content", content, "--out", out, "--cache", cache], {
      encoding: "utf8",
      env: { ...process.env, BLOG_PREVIEW: "" },
    });
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
  /** Every corpus and card file, by path under the assets, with its bytes. */
  const snapshot = () => {
    const assets = join(out, "assets");
    return new Map(
      files(assets).map((f) => [f.slice(assets.length + 1).replace(/^_content\/[0-9a-f]{32}\//, ""), readFileSync(f)]),
    );
  };
  const changed = (a: Map<string, Buffer>, b: Map<string, Buffer>) =>
    [...new Set([...a.keys(), ...b.keys()])].filter((k) => !(a.get(k) && b.get(k)?.equals(a.get(k) as Buffer))).sort();
  /** The index as postings by term and slug: term → slug → score. */
  const postings = (snap: Map<string, Buffer>) => {
    const docs = [...snap]
      .filter(([k]) => k.startsWith("search/docs/"))
      .sort(([a], [b]) => Number(/(\d+)\.json$/.exec(a)?.[1]) - Number(/(\d+)\.json$/.exec(b)?.[1]))
      .flatMap(([, v]) => (JSON.parse(v.toString()) as { slug: string }[]).map((d) => d.slug));
    const byTerm = new Map<string, Map<string, number>>();
    for (const [k, v] of snap) {
      if (!k.startsWith("search/shards/")) continue;
      const shard = JSON.parse(v.toString()) as { terms: string[]; postings: string[] };
      shard.terms.forEach((term, i) => {
        const numbers = decodeNumbers(shard.postings[i] ?? "");
        const bySlug = new Map<string, number>();
        let id = 0;
        for (let j = 0; j < numbers.length; j += 2) {
          id += numbers[j] ?? 0;
          bySlug.set(docs[id] ?? "?", numbers[j + 1] ?? 0);
        }
        byTerm.set(term, bySlug);
      });
    }
    return { docs, byTerm };
  };
  const without = (p: ReturnType<typeof postings>, slug: string) =>
    [...p.byTerm].map(([t, m]) => [t, [...m].filter(([s]) => s !== slug)] as const).filter(([, m]) => m.length > 0);

  const first = build();
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /24 social card\(s\) drawn/);
  const before = snapshot();

  // One word of post 7's body replaced (its word count, shown in lists and its neighbours'
  // records, stays the same).
  writeFileSync(join(content, "posts", "post-7.md"), post(7, "Post 7", "zebra"));
  const second = build();
  assert.equal(second.status, 0, second.stderr);
  assert.match(second.stdout, /1 post\(s\) rendered, 23 unchanged$/m);
  const edited = snapshot();
  // Its record, the one file of documents it is in (newest first, 16 a file: post 7 is the
  // 18th), and the shards of the word it lost and the word it gained ("un", "ze": hex names).
  assert.deepEqual(changed(before, edited), [
    "posts/post-7.json",
    "search/docs/1.json",
    "search/shards/756e.json",
    "search/shards/7a65.json",
  ]);
  const [p0, p1] = [postings(before), postings(edited)];
  // Every other post's postings are exactly as they were: its scores did not move.
  assert.deepEqual(without(p1, "post-7"), without(p0, "post-7"));
  assert.deepEqual([...(p1.byTerm.get("zebra")?.keys() ?? [])], ["post-7"]);
  assert.equal(p0.byTerm.get("zebra"), undefined);
  assert.equal(p1.byTerm.get("unique7"), undefined);
  // No card was drawn: its title and date did not change.
  assert.doesNotMatch(second.stdout, /social card/);

  // A new title: its card is drawn again, under a new name; no other is.
  writeFileSync(join(content, "posts", "post-7.md"), post(7, "Post seven", "zebra"));
  const third = build();
  assert.equal(third.status, 0, third.stderr);
  assert.match(third.stdout, /; 1 social card\(s\) drawn$/m);
  const retitled = snapshot();
  const cards = (s: Map<string, Buffer>) => [...s.keys()].filter((k) => k.startsWith("cards/")).sort();
  assert.deepEqual(
    cards(retitled).filter((c) => !cards(edited).includes(c)),
    cards(retitled).filter((c) => c.startsWith("cards/post-7-")),
  );
  assert.equal(cards(retitled).length, 24);

  // Post 9 deleted: its record, documents and postings are gone.
  rmSync(join(content, "posts", "post-9.md"));
  const fourth = build();
  assert.equal(fourth.status, 0, fourth.stderr);
  const deleted = snapshot();
  assert.equal(deleted.has("posts/post-9.json"), false);
  const p3 = postings(deleted);
  assert.equal(p3.docs.includes("post-9"), false);
  assert.equal(p3.docs.length, 23);
  assert.equal(p3.byTerm.get("unique9"), undefined);
  assert.ok([...p3.byTerm.values()].every((m) => !m.has("post-9") && !m.has("?")));
  assert.equal(
    cards(deleted).some((c) => c.startsWith("cards/post-9-")),
    false,
  );

  // A theme in site.yaml: every card is drawn again, in its colours.
  const siteYaml = readFileSync(join(content, "site.yaml"), "utf8");
  writeFileSync(
    join(content, "site.yaml"),
    `${siteYaml}\ntheme:\n  light: { accent: "#6a1b9a", background: "#fffdf8", text: "#1d1b16" }\n`,
  );
  const themed = build();
  assert.equal(themed.status, 0, themed.stderr);
  assert.match(themed.stdout, /; 23 social card\(s\) drawn$/m);
  const recoloured = snapshot();
  assert.equal(cards(recoloured).filter((c) => cards(deleted).includes(c)).length, 0);
});

test("the manifest of written files: a corpus file changed or deleted behind the build's back is written again", () => {
  const content = join(work, "manifest");
  const out = join(work, "manifest-out");
  mkdirSync(join(content, "posts"), { recursive: true });
  copyFileSync(join(root, "test", "fixtures", "blog", "site.yaml"), join(content, "site.yaml"));
  for (const n of ["one", "two"])
    writeFileSync(join(content, "posts", `${n}.md`), `---\ntitle: ${n}\ndate: 2025-01-0${n.length}\n---\n\nText of ${n}.\n`);
  const build = () =>
    spawnSync(
      process.execPath,
      [
        join(root, "src", "build", "index.ts"),
        "--content",
        content,
        "--out",
        out,
        "--cache",
        join(work, "manifest-cache"),
        "--no-cards",
      ],
      { encoding: "utf8", env: { ...process.env, BLOG_PREVIEW: "" } },
    );
  assert.equal(build().status, 0);
  const one = join(storedCorpus(out), "posts", "one.json");
  const two = join(storedCorpus(out), "posts", "two.json");
  const bytes = readFileSync(one);
  const mtime = statSync(two).mtimeMs;
  assert.equal(build().status, 0);
  assert.equal(statSync(two).mtimeMs, mtime, "an unchanged file is left alone");
  // The same size, other bytes: its time tells the build to look.
  writeFileSync(one, Buffer.alloc(bytes.length, 0x20));
  rmSync(two);
  assert.equal(build().status, 0);
  assert.ok(readFileSync(one).equals(bytes));
  assert.ok(existsSync(two));
});
