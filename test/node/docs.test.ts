/**
 * The README and docs/ say only what is true of the repository: every relative link leads to a
 * file (and its #anchor to a heading there), every `npm run x` names a script of package.json,
 * and every repository path written in backticks exists (or is one the build writes, gitignored).
 *
 *   node --test test/node/docs.test.ts
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { test } from "node:test";

const root = resolve(import.meta.dirname, "../..");
const scripts: Record<string, string> = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts;
const pages = [
  "README.md",
  ...readdirSync(join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

const FENCED = /^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm;
const INLINE = /`[^`\n]+`/g;

/** The page's prose: fenced blocks and inline code taken out (a link written as code is an example). */
function prose(text: string): string {
  return text.replace(FENCED, "").replace(INLINE, "``");
}

/** The page's code: fenced blocks and inline code, where commands are written. */
function code(text: string): string {
  return [...(text.match(FENCED) ?? []), ...(text.replace(FENCED, "").match(INLINE) ?? [])].join("\n");
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[^\p{L}\p{N}\- ]/gu, "")
    .replace(/ /g, "-");
}

function anchorsOf(file: string): Set<string> {
  const headings = prose(readFileSync(file, "utf8")).match(/^#{1,6} .*$/gm) ?? [];
  return new Set(headings.map((h) => anchorOf(h.replace(/^#+ /, ""))));
}

/** Problems with the relative links of `page` (repository-relative). */
function linkProblems(page: string, text: string): string[] {
  const problems: string[] = [];
  for (const m of prose(text).matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = m[1] as string;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
    const [path, anchor] = target.split("#") as [string, string | undefined];
    const file = path === "" ? join(root, page) : resolve(root, dirname(page), decodeURI(path));
    if (!existsSync(file)) {
      problems.push(`${page}: link ${target} → ${relative(root, file)} does not exist`);
      continue;
    }
    if (anchor && file.endsWith(".md") && !anchorsOf(file).has(anchor))
      problems.push(`${page}: link ${target} → no heading #${anchor} in ${relative(root, file)}`);
  }
  return problems;
}

/** npm's own commands a page may name besides the scripts. */
const NPM_COMMANDS = new Set(["install", "ci", "exec", "i", "view", "ls", "uninstall", "pack", "audit", "outdated", "run"]);

function commandProblems(page: string, text: string, known: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const m of code(text).matchAll(/\bnpm (run )?([a-z][\w:-]*)/g)) {
    const [, run, name] = m as unknown as [string, string | undefined, string];
    if (run ? name in known : NPM_COMMANDS.has(name) || name in known) continue;
    problems.push(`${page}: \`npm ${run ?? ""}${name}\` is not a script of package.json`);
  }
  return problems;
}

/**
 * The repository's top-level entries: a backticked path starting with one is a path of ours.
 * Not `content/`: it is the author's, and the docs name the sample post an author deletes.
 */
const TOP = new Set(
  execFileSync("git", ["ls-files"], { cwd: root, encoding: "utf8" })
    .split("\n")
    .filter(Boolean)
    .map((f) => f.split("/")[0] as string)
    .filter((top) => top !== "content"),
);

function pathsNamed(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/`([^`\s]+)`/g)) {
    const raw = (m[1] as string).replace(/[:,.;]+$/, "").replace(/:\d+$/, "");
    if (/[<>*…{}|()'"=$?]/.test(raw) || raw.startsWith("/") || raw.includes("://")) continue;
    const first = raw.split("/")[0] as string;
    if (TOP.has(first) && (raw.includes("/") || raw.includes("."))) found.add(raw);
  }
  return [...found];
}

/**
 * Which of `paths` git ignores. Each is asked about as a file and as a folder too: a pattern such
 * as `test/e2e/.blog/` matches only a folder, and on a clean clone that folder does not exist yet,
 * so git cannot tell it is one.
 */
function ignored(paths: string[]): Set<string> {
  if (paths.length === 0) return new Set();
  const asked = paths.flatMap((p) => (p.endsWith("/") ? [p] : [p, `${p}/`]));
  try {
    const out = execFileSync("git", ["check-ignore", "--no-index", "--stdin"], {
      cwd: root,
      input: asked.join("\n"),
      encoding: "utf8",
    });
    const hits = new Set(out.split("\n").filter(Boolean));
    return new Set(paths.filter((p) => hits.has(p) || hits.has(`${p}/`)));
  } catch {
    return new Set(); // exit 1: none is ignored
  }
}

test("every relative link in the README and docs/ leads to a file, and its anchor to a heading", () => {
  assert.deepEqual(
    pages.flatMap((p) => linkProblems(p, readFileSync(join(root, p), "utf8"))),
    [],
  );
});

test("every npm command the README and docs/ name exists", () => {
  assert.deepEqual(
    pages.flatMap((p) => commandProblems(p, readFileSync(join(root, p), "utf8"), scripts)),
    [],
  );
});

test("every repository path the README and docs/ name in backticks exists, or is one the build writes", () => {
  const problems: string[] = [];
  for (const page of pages) {
    const named = pathsNamed(readFileSync(join(root, page), "utf8"));
    const missing = named.filter((p) => !existsSync(join(root, p)));
    const generated = ignored(missing);
    for (const p of missing) if (!generated.has(p)) problems.push(`${page}: \`${p}\` does not exist`);
  }
  assert.deepEqual(problems, []);
});

test("the checks catch a broken link, a missing anchor, an unknown script and a missing path", () => {
  assert.deepEqual(linkProblems("README.md", "[a](docs/nope.md) [b](docs/http.md#no-such-heading) [c](docs/http.md#caching)"), [
    "README.md: link docs/nope.md → docs/nope.md does not exist",
    "README.md: link docs/http.md#no-such-heading → no heading #no-such-heading in docs/http.md",
  ]);
  assert.deepEqual(commandProblems("README.md", "`npm run nope`, `npm install`, `npm test`, npm checks", { test: "x" }), [
    "README.md: `npm run nope` is not a script of package.json",
  ]);
  assert.deepEqual(pathsNamed("`src/worker/nope.ts` and `content/posts/<slug>.md` and `npm test`"), ["src/worker/nope.ts"]);
  assert.equal(anchorOf("What HTML a post may contain"), "what-html-a-post-may-contain");
  assert.equal(anchorOf("workers.dev first, then your domain"), "workersdev-first-then-your-domain");
  assert.ok(statSync(join(root, "docs")).isDirectory());
});
