/**
 * The content build as authors run it, for what came with pages: content/pages is read (every
 * entry a page or reported), warnings are printed as `⚠ file → field: message` without failing
 * the build, and the summary names the scheduled posts. Runs in Node (it spawns the script):
 *
 *   node --test test/node/build-pages.test.ts
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, test } from "node:test";

/** Where the build stored the corpus: a folder named by the key in its build module (src/shared/corpus.ts). */
function storedCorpus(out: string, assets = join(out, "assets")): string {
  const key = /export const corpusKey = "([0-9a-f]{32})";/.exec(readFileSync(join(out, "build.ts"), "utf8"))?.[1];
  assert.ok(key, `no corpus key in ${out}/build.ts`);
  return join(assets, "_content", key);
}

const root = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "edge-blog-pages-"));
after(() => rmSync(work, { recursive: true, force: true }));

function blog(name: string, files: Record<string, string>): string {
  const content = join(work, name);
  mkdirSync(join(content, "posts"), { recursive: true });
  copyFileSync(join(root, "test", "fixtures", "blog", "site.yaml"), join(content, "site.yaml"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(content, path, ".."), { recursive: true });
    writeFileSync(join(content, path), text);
  }
  return content;
}

function build(content: string, ...args: string[]) {
  const out = join(content, "..", `${content.split("/").pop()}-out`);
  const run = spawnSync(
    process.execPath,
    // A cache of its own, so the summary (which counts cards drawn) does not depend on other runs.
    [join(root, "src", "build", "index.ts"), "--content", content, "--out", out, "--cache", `${out}-cache`, ...args],
    { cwd: content, encoding: "utf8", env: { ...process.env, BLOG_PREVIEW: "" } },
  );
  return { ...run, out };
}

const good = {
  "posts/now.md": "---\ntitle: Now\ndate: 2025-01-01\ntags: [x]\nseries: Solo\naliases: [old-now]\n---\n\nText.\n",
  "posts/later.md": "---\ntitle: Later\ndate: 2099-01-01T09:00:00Z\ntags: [x]\n---\n\nText.\n",
  "posts/draft.md": "---\ntitle: Draft\ndate: 2025-01-01\ndraft: true\n---\n\nText.\n",
  "pages/about.md": "---\ntitle: About\nnav: 1\n---\n\nAbout me.\n",
  "pages/.DS_Store": "junk",
};

test("in a blog in several languages, the summary counts every language's drafts and names its scheduled posts", () => {
  const site = readFileSync(join(root, "test", "fixtures", "blog", "site.yaml"), "utf8");
  const run = build(
    blog("languages", {
      "site.yaml": `${site}languages: [en, pt-BR]\n`,
      "posts/now.md": good["posts/now.md"].replace("series: Solo\n", ""),
      "posts/now.pt-br.md": "---\ntitle: Agora\ndate: 2025-01-01\n---\n\nTexto.\n",
      "posts/later.pt-br.md": "---\ntitle: Depois\ndate: 2099-01-01T09:00:00Z\n---\n\nTexto.\n",
      "posts/draft.pt-br.md": "---\ntitle: Rascunho\ndate: 2025-01-01\ndraft: true\n---\n\nTexto.\n",
    }),
    "--no-cards",
  );
  assert.equal(run.status, 0, run.stderr);
  assert.match(
    run.stdout,
    /^✓ content: 3 post\(s\), 2 languages in \d+ ms; 1 draft\(s\) left out; 1 scheduled: later\.pt-br \(2099-01-01 09:00 UTC\)\n$/,
  );
});

test("pages are built, warnings are printed, and the summary names scheduled posts", () => {
  const run = build(blog("good", good));
  assert.equal(run.status, 0);
  assert.equal(run.stderr, '⚠ posts/now.md → series: "Solo" has only this post: a series links two or more (line 5)\n');
  assert.match(
    run.stdout,
    /^✓ content: 2 post\(s\), 1 page\(s\) in \d+ ms; 1 draft\(s\) left out; 1 scheduled: later \(2099-01-01 09:00 UTC\); 2 social card\(s\) drawn\n$/,
  );
  const module = readFileSync(join(run.out, "content.ts"), "utf8");
  assert.match(module, /export const pages: PageMeta\[\] = \[\n \{\n {2}"slug": "about",/);
  assert.match(module, /export const navigation: string\[\] = \["about"\];/);
  assert.match(module, /export const aliases: Record<string, string> = \{\n "\/posts\/old-now": "now"\n\};/);
  // The scheduled post is named in the manifest; its body is a corpus file, not in the module.
  assert.match(module, /"scheduled": \[\n {2}\{\n {3}"slug": "later",/);
  assert.doesNotMatch(module, /<p>Text\.<\/p>/);
  const later = JSON.parse(readFileSync(join(storedCorpus(run.out), "posts", "later.json"), "utf8"));
  assert.deepEqual(later.post.related, ["now"]);
  assert.equal(later.post.html, "<p>Text.</p>\n");
  // Its card is named as any card is, but kept in the corpus, not among the public cards: its
  // name comes from its title, so anyone could guess it (src/build/cards/hidden.ts).
  const card = /"card": "\/(cards\/later-[0-9a-f]{8}\.png)"/.exec(module)?.[1];
  assert.ok(card, "the manifest names the scheduled post's card");
  assert.deepEqual(
    readdirSync(join(run.out, "assets", "cards")).filter((f) => f.startsWith("later-")),
    [],
  );
  assert.ok(existsSync(join(storedCorpus(run.out), card)));
});

test("--quiet leaves out the summary, never the warnings", () => {
  const run = build(blog("quiet", good), "--quiet");
  assert.equal(run.status, 0);
  assert.equal(run.stdout, "");
  assert.equal(run.stderr, '⚠ posts/now.md → series: "Solo" has only this post: a series links two or more (line 5)\n');
});

test("every problem in content/pages is listed, and nothing is generated", () => {
  const content = blog("broken", {
    "posts/a.md": "---\ntitle: A\ndate: 2025-01-01\naliases: [/about]\n---\n\nText.\n",
    "pages/about.md": "---\ntitle: About\ndate: 2025-01-01\n---\n\nText.\n",
    "pages/tags.md": "---\ntitle: Tags\n---\n\nText.\n",
    "pages/notes.txt": "a note\n",
    "pages/team/team.md": "---\ntitle: Team\n---\n\nText.\n",
  });
  const run = build(content);
  assert.equal(run.status, 1);
  assert.equal(run.stdout, "");
  assert.equal(
    run.stderr,
    [
      "",
      "✗ content build failed: 5 problems",
      "",
      "  pages/notes.txt → file: is not a page: pages are .md or .markdown files, or folders with an index.md",
      "  pages/team → file: is a folder without index.md: a folder page is content/pages/team/index.md, with its files beside it",
      "  pages/about.md → date: pages have no date; use updated (line 3)",
      `  pages/tags.md → slug: "tags" (the file name) would take /tags, which is the blog's own: choose another name`,
      // The page is broken, and its URL is still taken: one build shows both problems.
      '  posts/a.md → aliases[0]: "/about" is a URL of the page pages/about.md (line 4)',
      "",
      "",
    ].join("\n"),
  );
  assert.equal(existsSync(join(run.out, "content.ts")), false);
});
