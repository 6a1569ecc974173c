/**
 * `npm run new` as authors run it: a post file, a folder post (`--folder`) or a page (`--page`)
 * is written as a draft and its path printed; a slug already used by a post file, a post folder
 * or a page is refused, saying which, and nothing is overwritten. Runs in Node (it spawns the
 * script); the pure half is tested in workerd (test/new-post.test.ts, test/new-page.test.ts).
 *
 *   node --test test/node/new-post.test.ts
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, test } from "node:test";

const root = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "edge-blog-new-"));
after(() => rmSync(work, { recursive: true, force: true }));
const USAGE =
  '\n\n  usage: npm run new -- [--page] [--folder] [--slug my-title] "My Title"\n         npm run new -- [--page] --translate pt-BR my-title\n';

let blogs = 0;
/** A fresh content folder with these entries (a name ending in / is a folder). */
function blog(entries: string[] = []): string {
  const content = join(work, `blog-${++blogs}`);
  mkdirSync(join(content, "posts"), { recursive: true });
  for (const entry of entries) {
    if (entry.endsWith("/")) mkdirSync(join(content, entry), { recursive: true });
    else {
      mkdirSync(join(content, entry, ".."), { recursive: true });
      writeFileSync(join(content, entry), "kept\n");
    }
  }
  return content;
}

/** Every file and folder under `dir` with each file's text: to see that nothing changed. */
function tree(dir: string): Record<string, string> {
  const entries = readdirSync(dir, { withFileTypes: true, recursive: true });
  return Object.fromEntries(
    entries.map((e) => {
      const path = join(e.parentPath, e.name);
      return [path, e.isDirectory() ? "/" : readFileSync(path, "utf8")];
    }),
  );
}

/** Runs the script from inside `content`, so printed paths are relative to it. */
function run(content: string, ...args: string[]) {
  return spawnSync(process.execPath, [join(root, "src", "authoring", "new-post.ts"), "--content", content, ...args], {
    cwd: content,
    encoding: "utf8",
  });
}

test("a post file, by default", () => {
  const content = blog();
  const r = run(content, "My", "Title");
  assert.equal(r.stderr, "");
  assert.equal(r.status, 0);
  assert.equal(r.stdout, "posts/my-title.md\n");
  assert.match(readFileSync(join(content, "posts", "my-title.md"), "utf8"), /^---\ntitle: "My Title"\ndate: \d{4}-\d{2}-\d{2}\n/);
});

test("--slug names the file; a title with no Latin spelling asks for it", () => {
  const content = blog();
  const refused = run(content, "日本語のタイトル");
  assert.equal(refused.status, 1);
  assert.equal(
    refused.stderr,
    `✗ the title has no letters with a Latin spelling to name the file after: name it with --slug, like --slug my-first-post${USAGE}`,
  );
  const r = run(content, "--slug", "nihongo", "日本語のタイトル");
  assert.equal(r.stderr, "");
  assert.equal(r.status, 0);
  assert.equal(r.stdout, "posts/nihongo.md\n");
  assert.match(readFileSync(join(content, "posts", "nihongo.md"), "utf8"), /^---\ntitle: "日本語のタイトル"\n/);
  assert.equal(run(content, "Привет, мир").stdout, "posts/privet-mir.md\n");
});

test("--folder: a folder post, index.md inside a new folder", () => {
  const content = blog();
  const r = run(content, "--folder", "Photos of Lisbon");
  assert.equal(r.stderr, "");
  assert.equal(r.status, 0);
  assert.equal(r.stdout, "posts/photos-of-lisbon/index.md\n");
  assert.deepEqual(readdirSync(join(content, "posts", "photos-of-lisbon")), ["index.md"]);
  assert.match(readFileSync(join(content, "posts", "photos-of-lisbon", "index.md"), "utf8"), /\ndraft: true\n---\n/);
});

test("--page: a page draft, content/pages made if it is missing", () => {
  const content = blog();
  const r = run(content, "--page", "About");
  assert.equal(r.stderr, "");
  assert.equal(r.status, 0);
  assert.equal(r.stdout, "pages/about.md\n");
  const text = readFileSync(join(content, "pages", "about.md"), "utf8");
  assert.match(text, /^---\ntitle: "About"\n# nav: 1 {2}\(uncomment/);
  assert.doesNotMatch(text, /\ndate:/);
});

test("--page --folder: a folder page, index.md inside a new folder of content/pages", () => {
  const content = blog();
  const r = run(content, "--page", "--folder", "About");
  assert.equal(r.stderr, "");
  assert.equal(r.status, 0);
  assert.equal(r.stdout, "pages/about/index.md\n");
  assert.deepEqual(readdirSync(join(content, "pages", "about")), ["index.md"]);
  const text = readFileSync(join(content, "pages", "about", "index.md"), "utf8");
  assert.match(text, /^---\ntitle: "About"\n# nav: 1 {2}\(uncomment/);
  assert.doesNotMatch(text, /\ndate:/);
});

test("a slug already used by a post file, a post folder or a page is refused, whatever is asked for", () => {
  const cases: [string[], string[], string][] = [
    [["posts/about.md"], ["--page", "About"], "posts/about.md"],
    [["posts/About.markdown"], ["--folder", "About"], "posts/About.markdown"],
    [["posts/about/"], ["About"], "posts/about"],
    [["pages/about.md"], ["About"], "pages/about.md"],
    [["pages/About.md"], ["--folder", "about"], "pages/About.md"],
    [["pages/about.md"], ["--page", "About"], "pages/about.md"],
    [["pages/about.md"], ["--page", "--folder", "About"], "pages/about.md"],
    [["pages/about/"], ["--page", "About"], "pages/about"],
  ];
  for (const [entries, args, taken] of cases) {
    const content = blog(entries);
    const before = tree(content);
    const r = run(content, ...args);
    assert.equal(r.status, 1, `${args.join(" ")} with ${entries.join(", ")}`);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr, `✗ ${taken} already exists: edit it, or choose another title or --slug${USAGE}`);
    // Nothing written, nothing overwritten.
    assert.deepEqual(tree(content), before);
  }
});

test("bad arguments are one clear line, never a stack trace", () => {
  const content = blog();
  const reserved = run(content, "--page", "Tags");
  assert.equal(reserved.status, 1);
  assert.equal(
    reserved.stderr,
    `✗ a page named tags would take /tags, which is the blog's own: choose another title or --slug${USAGE}`,
  );
  const typo = run(content, "--pages", "X");
  assert.equal(typo.status, 1);
  assert.match(typo.stderr, /^✗ Unknown option '--pages'\./);
  assert.doesNotMatch(typo.stderr, /\n\s+at /);
  const none = run(content, "--folder");
  assert.equal(none.status, 1);
  assert.equal(none.stderr, `✗ a title is required${USAGE}`);
  assert.deepEqual(readdirSync(join(content, "posts")), []);
  assert.equal(existsSync(join(content, "pages")), false);
});

test("--translate: a draft beside the original, only into one of the blog's other languages", () => {
  const content = blog();
  const site = "title: T\ndescription: D\nauthor: A\norigin: https://t.example\nlanguages: [en, pt-BR]\n";
  writeFileSync(join(content, "site.yaml"), site);
  writeFileSync(join(content, "posts", "hello.md"), "---\ntitle: Hello\ndate: 2025-01-01\naliases: [old]\n---\n\nHi.\n");
  mkdirSync(join(content, "posts", "trip"));
  writeFileSync(join(content, "posts", "trip", "index.md"), "---\ntitle: Trip\ndate: 2025-01-01\n---\n\nSea.\n");

  const r = run(content, "--translate", "pt-BR", "hello");
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, "posts/hello.pt-br.md\n");
  assert.equal(
    readFileSync(join(content, "posts", "hello.pt-br.md"), "utf8"),
    "---\ntitle: Hello\ndate: 2025-01-01\ndraft: true\n---\n\nHi.\n",
  );
  assert.equal(run(content, "--translate", "PT-br", "trip").stdout, "posts/trip/index.pt-br.md\n");

  const before = tree(content);
  const refusals: [string, string][] = [
    [
      "pt-PT",
      "pt-PT is not one of the blog's languages (en, pt-BR): add it to languages: in content/site.yaml first (docs/customising.md)",
    ],
    ["EN", "en is the blog's default language: its posts are the files without a language (hello.md)"],
    ["pt-BR", "posts/hello.pt-br.md already exists: edit it"],
  ];
  for (const [language, message] of refusals) {
    const refused = run(content, "--translate", language, "hello");
    assert.equal(refused.status, 1, language);
    assert.equal(refused.stderr, `✗ ${message}${USAGE}`);
  }
  assert.deepEqual(tree(content), before);

  // While site.yaml is broken, the blog's languages are unknown: nothing is written.
  writeFileSync(join(content, "site.yaml"), `${site}theme: x\n`);
  const unknown = run(content, "--translate", "xx-YY", "hello");
  assert.equal(unknown.status, 1);
  assert.equal(unknown.stderr, `✗ content/site.yaml has 1 problem(s) to fix first: npm run build lists them${USAGE}`);
  assert.deepEqual(tree(content), { ...before, [join(content, "site.yaml")]: `${site}theme: x\n` });
});
