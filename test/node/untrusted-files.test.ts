/**
 * What the files in content/ can never do, as authors run the build: a file a post links is
 * served with no script and no origin whatever its extension (the `_headers` the build writes,
 * applied by wrangler's own asset server, as `wrangler dev` and Workers Static Assets do), and
 * no symlink reaches outside content/ (the build fails, and publishes nothing). Chromium's side
 * of the first is test/e2e/attachments.test.ts. Runs in Node:
 *
 *   node --test test/node/untrusted-files.test.ts
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { unstable_startWorker } from "wrangler";
import { MEDIA_CSP } from "../../src/build/media/publish.ts";

const root = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "edge-blog-untrusted-"));
after(() => rmSync(work, { recursive: true, force: true }));

const SITE = "title: T\ndescription: D.\nauthor: A\nlanguage: en\norigin: https://files.example.test\n";
const FRONT = "---\ntitle: Files\ndate: 2025-03-01\n---\n";

/** A blog in a fresh folder: site.yaml and `files` (paths relative to content/). */
function blog(name: string, files: Record<string, string>): { content: string; out: string } {
  const content = join(work, name, "content");
  mkdirSync(join(content, "posts"), { recursive: true });
  writeFileSync(join(content, "site.yaml"), SITE);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(content, path, ".."), { recursive: true });
    writeFileSync(join(content, path), text);
  }
  return { content, out: join(work, name, "out") };
}

function build(b: { content: string; out: string }, ...extra: string[]) {
  const run = spawnSync(
    process.execPath,
    [join(root, "src", "build", "index.ts"), "--content", b.content, "--out", b.out, "--cache", `${b.out}-cache`, ...extra],
    { cwd: b.content, encoding: "utf8", env: { ...process.env, BLOG_PREVIEW: "" } },
  );
  return { ...run, lines: run.stderr.split("\n").filter((l) => l.trim() !== "") };
}

/** Every file under `dir`, relative, sorted. */
function tree(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? tree(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

const SCRIPT = "<script>document.title = 'ran'; parent.postMessage('ran', '*')</script>";
/** One file per way a type can run script, and the types shown inline. */
const ATTACHED: Record<string, string> = {
  "q.shtml": `<!doctype html><title>q</title>${SCRIPT}`,
  "q.xsd": `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">${SCRIPT}</html>`,
  "q.rng": `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">${SCRIPT}</html>`,
  "q.svg": `<svg xmlns="http://www.w3.org/2000/svg">${SCRIPT}</svg>`,
  "q.html": `<!doctype html><title>q</title>${SCRIPT}`,
  "q.zzz": `<!doctype html><title>q</title>${SCRIPT}`,
  "notes.txt": `${SCRIPT}\n`,
  "slides.pdf": "%PDF-1.4\n% a stand-in\n",
  "tone.wav": "RIFF a stand-in",
};

describe("a post's files, served by the asset server", () => {
  const b = blog("served", {
    "posts/files/index.md": `${FRONT}${Object.keys(ATTACHED)
      .map((name) => `[${name}](./${name})`)
      .join(" ")}\n`,
    ...Object.fromEntries(Object.entries(ATTACHED).map(([name, text]) => [`posts/files/${name}`, text])),
  });
  let worker: Awaited<ReturnType<typeof unstable_startWorker>> | undefined;
  const urls = new Map<string, string>();

  before(async () => {
    const run = build(b);
    assert.equal(run.status, 0, run.stderr);
    for (const f of tree(join(b.out, "assets", "media"))) urls.set(f.split("/")[1] as string, `/media/${f}`);
    // The project's [assets] settings, in front of a Worker that answers 404: only files found
    // in the assets are served with the `_headers` rules, as in production.
    const dir = join(work, "served");
    writeFileSync(join(dir, "worker.js"), 'export default { fetch: () => new Response("not a file", { status: 404 }) };\n');
    writeFileSync(
      join(dir, "wrangler.toml"),
      [
        'name = "untrusted-files"',
        'main = "worker.js"',
        'compatibility_date = "2026-11-01"',
        "[assets]",
        'directory = "out/assets"',
        'html_handling = "none"',
        'not_found_handling = "none"',
        "",
      ].join("\n"),
    );
    worker = await unstable_startWorker({
      config: join(dir, "wrangler.toml"),
      dev: { server: { hostname: "127.0.0.1", port: 0 }, inspector: false, watch: false, logLevel: "none" },
    });
    await worker.ready;
  });
  after(() => worker?.dispose());

  /** The headers that decide what a browser does with the file, exactly. */
  async function served(name: string): Promise<Record<string, string | null>> {
    const url = urls.get(name);
    assert.ok(url, `${name} was published (${[...urls.keys()].join(", ")})`);
    const res = await (worker as NonNullable<typeof worker>).fetch(`http://127.0.0.1${url}`);
    await res.arrayBuffer();
    const h = (n: string) => res.headers.get(n);
    return {
      status: String(res.status),
      "content-type": h("content-type"),
      "content-security-policy": h("content-security-policy"),
      "x-content-type-options": h("x-content-type-options"),
      "content-disposition": h("content-disposition"),
      "cache-control": h("cache-control"),
    };
  }

  const inert = (type: string | null, disposition: string | null) => ({
    status: "200",
    "content-type": type,
    "content-security-policy": MEDIA_CSP,
    "x-content-type-options": "nosniff",
    "content-disposition": disposition,
    "cache-control": "public, max-age=31536000, immutable",
  });

  for (const [name, type] of [
    ["q.shtml", "text/html; charset=utf-8"],
    ["q.xsd", "application/xml"],
    ["q.rng", "application/xml"],
    ["q.svg", "image/svg+xml"],
    ["q.html", "text/html; charset=utf-8"],
    ["q.zzz", null],
    ["tone.wav", "audio/wav"],
  ] as const) {
    test(`${name} (${type ?? "no type"}) is a sandboxed download`, async () => {
      assert.deepEqual(await served(name), inert(type, "attachment"));
    });
  }

  test("plain text and PDF open in the tab, sandboxed all the same", async () => {
    assert.deepEqual(await served("notes.txt"), inert("text/plain; charset=utf-8", null));
    assert.deepEqual(await served("slides.pdf"), inert("application/pdf", null));
  });

  test("the CSP is the one rule's, never doubled by another", () => {
    assert.doesNotMatch(MEDIA_CSP, /,/);
    assert.match(MEDIA_CSP, /^default-src 'none'; .*; sandbox$/);
  });
});

describe("symlinks under content/", () => {
  /** A good blog, then a symlink of each kind: a post's file, a post folder, a page, a site file. */
  function linked(name: string) {
    const b = blog(name, {
      "posts/x/index.md": `${FRONT}The [config](./config.txt).\n`,
      "posts/plain.md": `${FRONT}Text.\n`,
      "pages/about.md": "---\ntitle: About\n---\nMe.\n",
    });
    const outside = join(work, name, "outside");
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, "index.md"), `${FRONT}From outside.\n`);
    writeFileSync(join(outside, "token"), "secret\n");
    symlinkSync("/etc/hostname", join(b.content, "posts", "x", "config.txt"));
    symlinkSync(outside, join(b.content, "posts", "elsewhere"));
    symlinkSync(join(outside, "token"), join(b.content, "pages", "token.md"));
    symlinkSync("../outside/token", join(b.content, "og.png"));
    // An editor's lock file (Emacs): a dot entry, which the build never reads.
    symlinkSync("ana@host.1234:1700000000", join(b.content, "posts", ".#plain.md"));
    return { ...b, outside };
  }
  const expected = (b: { content: string; outside: string }) => {
    const at = (path: string, target: string) =>
      `  ${path} → symlink: is a symbolic link (to ${target}); the build follows none, so nothing outside content/ is published: put the file itself here`;
    return [
      "✗ content build failed: 4 problems",
      at("og.png", "../outside/token"),
      at("pages/token.md", join(b.outside, "token")),
      at("posts/elsewhere", b.outside),
      at("posts/x/config.txt", "/etc/hostname"),
    ];
  };

  test("a post's file linked to one outside content/ is not published (the audit's case)", () => {
    const b = blog("symlink-one", { "posts/x/index.md": `${FRONT}The [config](./config.txt).\n` });
    writeFileSync(join(work, "symlink-one", "npmrc"), "//registry.example/:_authToken=secret\n");
    symlinkSync(join(work, "symlink-one", "npmrc"), join(b.content, "posts", "x", "config.txt"));
    const run = build(b);
    assert.equal(run.status, 1, run.stdout);
    assert.match(run.lines[1] ?? "", /^ {2}posts\/x\/config\.txt → symlink: is a symbolic link \(to \/.*\/npmrc\); /);
    assert.deepEqual(tree(join(b.out, "assets")), []);
  });

  test("each one fails the build, and nothing is generated or published", () => {
    const b = linked("symlinks");
    const run = build(b);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(run.lines, expected(b));
    assert.equal(existsSync(join(b.out, "content.ts")), false, "nothing is generated");
    assert.deepEqual(tree(join(b.out, "assets")), [], "nothing is published");
  });

  test("the preview lists them and publishes nothing of the blog either", () => {
    const b = linked("symlinks-preview");
    const run = build(b, "--preview");
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.lines.slice(0, 5), expected(b));
    assert.deepEqual(tree(join(b.out, "assets")), ["_headers"]);
  });

  test("once they are gone, the blog builds (the editor's lock file never counted)", () => {
    const b = linked("symlinks-fixed");
    for (const path of ["og.png", "pages/token.md", "posts/elsewhere", "posts/x/config.txt"]) rmSync(join(b.content, path));
    writeFileSync(join(b.content, "posts", "x", "config.txt"), "mine\n");
    const run = build(b);
    assert.equal(run.status, 0, run.stderr);
    assert.ok(tree(join(b.out, "assets", "media")).some((f) => f.endsWith("/config.txt")));
  });
});
