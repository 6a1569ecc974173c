// Re-lays the tree into the two programs and what they share (docs/architecture.md), on any tree
// of this project: the branch it was written on, or a main with other work merged since.
//
//   node tools/relayout/relayout.mjs          (run from the repository's root; apply.sh does)
//
// 1. Moves files with `git mv`, by rules on their old path (an explicit list, then folders),
//    so files added since in old folders move with their folder.
// 2. Rewrites every relative module specifier (import, export, import(), import("x") types,
//    `new URL(x, import.meta.url)`, `resolve/join(import.meta.dirname, ...)`) by resolving it
//    against the file's old place and re-relativising it from its new place.
// 3. Rewrites repository paths named in code, comments, docs and configuration
//    ("src/content/corpus.ts" → "src/shared/corpus.ts").
// 4. Edits the configuration that names folders (package.json scripts, tsconfigs, vitest,
//    wrangler) and adds the files of the new layout (the import check, its test, the docs).
//
// Safe to run again: a second run finds nothing to move and nothing to rewrite.
// Plain JavaScript, so it runs on any Node the machine has; it uses the project's TypeScript.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, posix } from "node:path";

const ROOT = process.cwd();
const HERE = dirname(new URL(import.meta.url).pathname);
if (!existsSync(join(ROOT, "package.json")) || !existsSync(join(ROOT, "wrangler.toml"))) {
  console.error("relayout: run from the repository's root");
  process.exit(2);
}
const ts = createRequire(join(ROOT, "package.json"))("typescript");
const DRY = process.argv.includes("--dry-run");
const warnings = [];
const warn = (m) => warnings.push(m);

// ---------------------------------------------------------------------------------------------
// The mapping: old repository path → new one (null: not moved).

/** Files whose new place is not their folder's. */
const FILES = {
  // The Worker's entry and its top-level modules.
  "src/index.ts": "src/worker/index.ts",
  "src/app.ts": "src/worker/app.ts",
  "src/archive.ts": "src/worker/archive.ts",
  "src/blog.ts": "src/worker/blog.ts",
  "src/post-context.ts": "src/worker/post-context.ts",
  "src/preview.ts": "src/worker/preview.ts",
  "src/warmup.tsx": "src/worker/warmup.tsx",
  // Shared: what both programs import, and the contracts between them.
  "src/dates.ts": "src/shared/dates.ts",
  "src/formats.ts": "src/shared/formats.ts",
  "src/paths.ts": "src/shared/paths.ts",
  "src/views/styles.ts": "src/shared/styles.ts",
  "src/content/types.ts": "src/shared/types.ts",
  "src/content/corpus.ts": "src/shared/corpus.ts",
  "src/content/schedule.ts": "src/shared/schedule.ts",
  "src/content/bytes.ts": "src/shared/bytes.ts",
  "src/content/media-urls.ts": "src/shared/media-urls.ts",
  "src/search/types.ts": "src/shared/search/types.ts",
  "src/search/codec.ts": "src/shared/search/codec.ts",
  "src/search/text.ts": "src/shared/search/text.ts",
  "src/search/assets.ts": "src/shared/search/assets.ts",
  "src/search/build.ts": "src/shared/search/build.ts",
  // The build's side of search: documents from posts, and the generated module.
  "src/search/doc.ts": "src/build/search/doc.ts",
  "src/search/module.ts": "src/build/search/module.ts",
  // The build: its entry and stages.
  "scripts/build-content.ts": "src/build/index.ts",
  "scripts/build-cards.ts": "src/build/cards/stage.ts",
  "scripts/write-corpus.ts": "src/build/write-corpus.ts",
  "scripts/parse-cache.ts": "src/build/parse-cache.ts",
  "scripts/check-origin.ts": "src/build/check-origin.ts",
  "scripts/symlinks.ts": "src/build/symlinks.ts",
  // Benchmarks that lived beside the code they measure.
  "scripts/cards/bench.ts": "bench/cards.ts",
  "scripts/media/bench.ts": "bench/media.ts",
  // The authoring commands.
  "scripts/new-post.ts": "src/authoring/new-post.ts",
  "scripts/new-post-template.ts": "src/authoring/new-post-template.ts",
  // Repository tooling.
  "scripts/ensure-installed.ts": "tools/ensure-installed.ts",
  "scripts/check-paths.ts": "tools/check-paths.ts",
  "scripts/tsconfig.json": "tsconfig.node.json",
};

/** Folders, most specific first: every file under one moves with it. */
const FOLDERS = [
  ["scripts/bench", "bench"],
  ["scripts/cards", "src/build/cards"],
  ["scripts/media", "src/build/media"],
  ["src/content", "src/build/content"],
  ["src/search", "src/worker/search"],
  ["src/http", "src/worker/http"],
  ["src/routes", "src/worker/routes"],
  ["src/views", "src/worker/views"],
  ["src/representations", "src/worker/representations"],
  ["src/corpus", "src/worker/corpus"],
];

/** Files added since in old places that no rule above names: moved, and reported. */
const DEFAULTS = [
  [/^scripts\/test-([\w.-]+)\.ts$/, "test/node/$1.test.ts", false],
  // Most of scripts/ was the build: there, a stage the build imports keeps the layout check.
  [/^scripts\/([\w.-]+\.tsx?)$/, "src/build/$1", true],
  [/^src\/([\w.-]+\.tsx?)$/, "src/worker/$1", true],
];

/** The new path of a repository path (a file, or a folder when `folder`), or null. */
function mapPath(p, folder = false) {
  p = posix.normalize(p).replace(/\/$/, "");
  if (!folder && FILES[p]) return FILES[p];
  for (const [from, to] of FOLDERS) {
    if (p === from) return to;
    if (p.startsWith(`${from}/`)) return to + p.slice(from.length);
  }
  if (!folder) {
    for (const [re, to] of DEFAULTS) if (re.test(p)) return p.replace(re, to);
  }
  return null;
}
const moved = (p, folder) => mapPath(p, folder) ?? p;

// ---------------------------------------------------------------------------------------------
// The files.

const git = (...args) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" });
const tracked = git("ls-files", "-z", "--cached", "--others", "--exclude-standard")
  .split("\0")
  .filter((f) => f && existsSync(join(ROOT, f)));

const moves = [];
for (const f of tracked) {
  const to = mapPath(f);
  if (to === null || to === f) continue;
  if (existsSync(join(ROOT, to))) {
    console.error(`relayout: ${f} → ${to}: the target exists already`);
    process.exit(1);
  }
  const named = FILES[f] || FOLDERS.some(([from]) => f.startsWith(`${from}/`));
  if (!named && DEFAULTS.find(([re]) => re.test(f))?.[2])
    warn(`${f} → ${to}: no rule names it; moved by default, check its place`);
  moves.push([f, to]);
}
const newPathOf = new Map(moves);

/** Files never rewritten: the author's content, fixtures, lockfiles, generated output. */
const SKIP =
  /^(content\/|test\/fixtures\/|docs\/screenshots\/|src\/generated\/|test\/\.generated\/|tools\/relayout\/)|(^|\/)package-lock\.json$|\.(svg|png|jpe?g|gif|webp|woff2?|ttf|pdf|ico)$/;
const CODE = /\.(ts|tsx|mts|mjs|js)$/;
const TEXT = /\.(ts|tsx|mts|mjs|js|json|md|toml|ya?ml|sh)$|(^|\/)(run|\.gitignore)$/;

// ---------------------------------------------------------------------------------------------
// Rewriting.

const rel = (fromDir, to) => {
  let r = posix.relative(fromDir, to);
  if (!r.startsWith(".")) r = `./${r}`;
  return r;
};

/** A relative specifier written in `oldFile`, as `newFile` must write it; unchanged if not relative. */
function respecify(spec, oldFile, newFile) {
  if (!spec.startsWith("./") && !spec.startsWith("../")) return spec;
  const q = spec.search(/[?#]/);
  const [path, query] = q < 0 ? [spec, ""] : [spec.slice(0, q), spec.slice(q)];
  const target = posix.normalize(posix.join(posix.dirname(oldFile), path));
  if (target.startsWith("../")) return spec; // outside the repository
  const trailing = path.endsWith("/") ? "/" : "";
  const isFolder = trailing !== "" || !/\.\w+$/.test(path);
  const to = moved(target, isFolder);
  if (to === target && posix.dirname(oldFile) === posix.dirname(newFile)) return spec;
  const out = rel(posix.dirname(newFile), to) + (trailing && !to.endsWith("/") ? "/" : "") + query;
  return posix.normalize(out) === posix.normalize(spec) ? spec : out;
}

/** Module specifiers and generated-module import lines in a TypeScript/JavaScript file. */
function rewriteCode(text, oldFile, newFile) {
  const kind = /\.tsx$/.test(oldFile) ? ts.ScriptKind.TSX : /\.m?js$/.test(oldFile) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(oldFile, text, ts.ScriptTarget.Latest, true, kind);
  const edits = [];
  const edit = (node, value) => {
    const quote = text[node.getStart(sf)];
    edits.push([node.getStart(sf), node.getEnd(), `${quote}${value}${quote}`]);
  };
  const visit = (node) => {
    let spec;
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) spec = node.moduleSpecifier;
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) spec = node.argument.literal;
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) spec = node.arguments[0];
    else if (ts.isExternalModuleReference(node)) spec = node.expression;
    if (spec && ts.isStringLiteralLike(spec)) {
      const out = respecify(spec.text, oldFile, newFile);
      if (out !== spec.text) edit(spec, out);
    } else if (ts.isStringLiteral(node) && !ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent)) {
      // A line of a module the build writes into src/generated/: its imports are relative to it.
      const m = /^(import (?:type )?\{[^}]*\} from ")(\.\.?\/[^"]+)(";?)$/.exec(node.text);
      if (m) {
        const out = respecify(m[2], "src/generated/x.ts", "src/generated/x.ts");
        if (out !== m[2]) edit(node, `${m[1]}${out}${m[3]}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  edits.sort((a, b) => b[0] - a[0]);
  for (const [start, end, value] of edits) text = text.slice(0, start) + value + text.slice(end);

  // Paths relative to the file's own folder: resolve(import.meta.dirname, "..", ...), new URL("..", import.meta.url).
  const relocate = (args, folder) => {
    const target = posix.normalize(posix.join(posix.dirname(oldFile), ...args));
    const to = moved(target, folder);
    if (to === target && posix.dirname(oldFile) === posix.dirname(newFile)) return null;
    const out = posix.relative(posix.dirname(newFile), to) || ".";
    return posix.normalize(posix.join(posix.dirname(newFile), out)) ===
      posix.normalize(posix.join(posix.dirname(newFile), ...args))
      ? null
      : out;
  };
  text = text.replace(/\b(resolve|join)\(import\.meta\.dirname((?:,\s*"[^"]*")+)\)/g, (all, fn, rest) => {
    const args = [...rest.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
    const out = relocate(args, !/\.\w+$/.test(args.at(-1)));
    return out === null ? all : `${fn}(import.meta.dirname, "${out}")`;
  });
  text = text.replace(/new URL\("([^"]*)", import\.meta\.url\)/g, (all, p) => {
    if (!p.startsWith(".")) return all;
    const out = relocate([p], p.endsWith("/") || !/\.\w+$/.test(p));
    return out === null ? all : `new URL("${out}${p.endsWith("/") && !out.endsWith("/") ? "/" : ""}", import.meta.url)`;
  });
  // Repository paths built from parts: join(root, "src", "content").
  text = text.replace(/\b(join|resolve)\((root|here|ROOT|project)((?:,\s*"[^"/]*")+)\)/g, (all, fn, base, rest) => {
    const parts = [...rest.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
    const p = parts.join("/");
    const to = mapPath(p, !/\.\w+$/.test(p));
    if (to === null) return all;
    return `${fn}(${base}, ${to
      .split("/")
      .map((s) => `"${s}"`)
      .join(", ")})`;
  });
  return text;
}

/** Repository paths named in any text: "src/content/corpus.ts", "scripts/bench", `content/types.ts`. */
function rewriteMentions(text) {
  // A listing of paths, one a line, with the descriptions lined up after them: keep them lined up.
  text = text.replace(/^((?:src|scripts)\/[\w./-]*)( {2,})(?=\S)/gm, (all, p, pad) => {
    const to = mapPath(p, !/\.\w+$/.test(p.replace(/\/$/, "")));
    if (to === null) return all;
    const out = p.endsWith("/") && !to.endsWith("/") ? `${to}/` : to;
    return `${out}${" ".repeat(Math.max(2, pad.length + p.length - out.length))}`;
  });
  // The node tests, as one glob (package.json's test script, .ci).
  text = text.replace(/(?:scripts\/test-[\w*.-]+\.ts ?)+/g, (all) =>
    all.trim().includes(" ") || all.includes("*") ? `test/node/*.test.ts${all.endsWith(" ") ? " " : ""}` : all,
  );
  text = text.replace(/(?<![\w./@-])(?:src|scripts)\/[\w./*-]*[\w*]/g, (p) => {
    if (p.includes("*")) return p;
    const isFile = /\.\w+$/.test(p);
    const to = mapPath(p, !isFile);
    return to ?? p;
  });
  // Bare folder/file.ts mentions in prose ("http/guard.ts `canonicalPath`").
  text = text.replace(
    /(?<![\w./@-])(?:content|http|routes|views|representations|search|corpus|cards|media)\/[\w-]+\.tsx?\b/g,
    (p) => {
      if (existsSync(join(ROOT, p))) return p;
      for (const base of ["src", "scripts"]) {
        const to = mapPath(`${base}/${p}`);
        if (to && (tracked.includes(`${base}/${p}`) || FILES[`${base}/${p}`])) return to;
      }
      return p;
    },
  );
  return text;
}

// ---------------------------------------------------------------------------------------------
// Configuration that names folders, beyond plain path mentions.

function editPackageJson(text) {
  const pkg = JSON.parse(text);
  const s = pkg.scripts ?? {};
  for (const [name, cmd] of Object.entries(s)) {
    let c = cmd
      .replace(/tsc -p scripts\b/g, "tsc -p tsconfig.node.json")
      .replace(/ test\/node\/\*\.test\.ts/g, ' "test/node/*.test.ts"');
    if (name === "check" && !c.includes("tools/check-layout.ts"))
      c = c.replace("npm run typecheck", "node tools/check-layout.ts && npm run typecheck");
    s[name] = c;
  }
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

function editJson(file, text) {
  if (file === "tsconfig.json") {
    // JSONC (it has comments): only the include line changes.
    return text.replace(/"include": \[[^\]]*\]/, '"include": ["src/worker", "src/shared", "worker-configuration.d.ts"]');
  }
  if (file === "test/tsconfig.json") {
    const j = JSON.parse(text);
    j.include = [...new Set(j.include.flatMap((p) => (p === "../src" ? ["../src/worker", "../src/shared"] : [p])))];
    j.exclude = [...new Set([...(j.exclude ?? []), "./node"])];
    return `${JSON.stringify(j, null, 2)}\n`;
  }
  if (file === "tsconfig.node.json") {
    const j = JSON.parse(text);
    j.extends = "./tsconfig.json";
    j.include = ["src/build", "src/authoring", "src/shared", "bench", "tools/*.ts", "test/node", "test/global-setup.ts"];
    return `${JSON.stringify(j, null, 2)}\n`;
  }
  return text;
}

function editToml(file, text) {
  // main = "../src/index.ts": relative to the file.
  text = text.replace(/^(main\s*=\s*")([^"]+)(")/m, (all, a, p, b) => {
    const target = posix.normalize(posix.join(posix.dirname(file), p));
    const to = moved(target);
    return to === target ? all : `${a}${posix.relative(posix.dirname(file), to)}${b}`;
  });
  // The folders `wrangler dev` watches to rebuild: the build's code and what it shares.
  text = text.replace(/^(watch_dir\s*=\s*)\[([^\]]*)\]/m, (_all, a, list) => {
    const dirs = [...list.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
    const out = [];
    for (const d of dirs) {
      if (d === "scripts" || d === "src/content" || d === "src/build/content") out.push("src/build", "src/shared");
      else if (d === "src/views" || d === "src/worker/views") out.push("src/shared");
      else out.push(moved(d, true));
    }
    return `${a}[${[...new Set(out)].map((d) => `"${d}"`).join(", ")}]`;
  });
  return text.replace(
    /src\/worker\/views is(\s*#?\s*)watched too: the build writes the stylesheet's CSP hash, so a style edit needs a rebuild\./,
    "src/shared is$1watched too: it holds the stylesheet, whose CSP hash the build writes.",
  );
}

function editVitest(text) {
  if (text.includes('"test/node/**"')) return text;
  return text.replace(/exclude: \["test\/e2e\/\*\*",/, 'exclude: ["test/e2e/**", "test/node/**",');
}

/** Edits that no rule can infer, each anchored on the text it replaces (a miss is reported). */
const PATCHES = {
  // --against takes another checkout, which may predate the re-layout.
  "bench/first-breakdown.ts": [
    [
      /execFileSync\("node", \[join\(dir, "src\/build\/index\.ts"\), "--quiet"\], \{ stdio: "inherit", cwd: dir \}\);\n(\s*)const before = bundle\(work, \{ name: "before", main: join\(dir, "src\/worker\/index\.ts"\), assets \}\);/,
      [
        "// A checkout from before the re-layout (docs/architecture.md) has its build and Worker elsewhere.",
        '$1const old = !existsSync(join(dir, "src", "build", "index.ts"));',
        '$1const build = old ? join(dir, "scripts", "build-content.ts") : join(dir, "src", "build", "index.ts");',
        '$1execFileSync("node", [build, "--quiet"], { stdio: "inherit", cwd: dir });',
        '$1const main = old ? join(dir, "src", "index.ts") : join(dir, "src", "worker", "index.ts");',
        '$1const before = bundle(work, { name: "before", main, assets });',
      ].join("\n"),
      "A checkout from before the re-layout",
    ],
    [
      /import \{ mkdtempSync, rmSync \} from "node:fs";/,
      'import { existsSync, mkdtempSync, rmSync } from "node:fs";',
      "existsSync, mkdtempSync",
    ],
  ],
  "README.md": [
    [
      /Node's types for `scripts\/`/,
      "Node's types for the build, the authoring commands, the benchmarks and `test/node/`",
      "optional",
    ],
  ],
  "src/build/parse-cache.ts": [
    [
      /\/\*\* The pipeline's code: [^\n]*\n(export const PIPELINE_CODE = )\[[^\]]*\];/,
      '/** The pipeline\'s code: what parsePost runs, src/build/content and the shared modules it imports. */\n$1[join(root, "src", "build", "content"), join(root, "src", "shared")];',
    ],
  ],
};

// ---------------------------------------------------------------------------------------------
// Apply.

const changed = new Map(); // new path → new text
for (const f of tracked) {
  if (SKIP.test(f) || !TEXT.test(f)) continue;
  if (statSync(join(ROOT, f)).isDirectory()) continue;
  const to = newPathOf.get(f) ?? f;
  const before = readFileSync(join(ROOT, f), "utf8");
  let text = before;
  if (CODE.test(f)) text = rewriteCode(text, f, to);
  text = rewriteMentions(text);
  if (to === "package.json") text = editPackageJson(text);
  if (/\.json$/.test(to)) text = editJson(to, text);
  if (/\.toml$/.test(to)) text = editToml(to, text);
  if (to === "vitest.config.ts") text = editVitest(text);
  // A patch: [anchor, replacement, done] where `done` is text that shows it applied already, or
  // "optional" for one whose anchor may be gone (README lines others rewrite).
  for (const [re, by, done] of PATCHES[to] ?? []) {
    if (re.test(text)) text = text.replace(re, by);
    else if (done !== "optional" && !(done && text.includes(done)))
      warn(`${to}: a patch found no anchor ${re}; check it by hand`);
  }
  if (text !== before || to !== f) changed.set(to, text);
}

if (DRY) {
  for (const [f, to] of moves) console.log(`move ${f} → ${to}`);
  for (const f of changed.keys()) console.log(`edit ${f}`);
} else {
  for (const [f, to] of moves) {
    mkdirSync(dirname(join(ROOT, to)), { recursive: true });
    if (git("ls-files", "--", f).trim()) git("mv", f, to);
    else execFileSync("mv", [f, to], { cwd: ROOT });
  }
  for (const [f, text] of changed) writeFileSync(join(ROOT, f), text);
  // The folders the moves emptied.
  for (const dir of [...new Set(moves.map(([f]) => dirname(f)))].sort((a, b) => b.length - a.length)) {
    for (let d = dir; d !== "." && existsSync(join(ROOT, d)) && readdirSync(join(ROOT, d)).length === 0; d = dirname(d))
      rmdirSync(join(ROOT, d));
  }
  // Untracked tools installed beside the benchmarks follow them.
  if (existsSync(join(ROOT, "scripts/bench/node_modules")) && !existsSync(join(ROOT, "bench/node_modules")))
    execFileSync("mv", ["scripts/bench/node_modules", "bench/node_modules"], { cwd: ROOT });

  // The files the new layout adds: the import check, its test, the architecture page.
  for (const [from, to] of [
    ["files/check-layout.ts", "tools/check-layout.ts"],
    ["files/check-layout.test.ts", "test/node/check-layout.test.ts"],
  ]) {
    mkdirSync(dirname(join(ROOT, to)), { recursive: true });
    copyFileSync(join(HERE, from), join(ROOT, to));
  }
  const page = readFileSync(join(HERE, "files/architecture.md"), "utf8");
  const docs = join(ROOT, "docs/architecture.md");
  const START = "<!-- layout:start -->";
  const END = "<!-- layout:end -->";
  const section = page.slice(page.indexOf(START), page.indexOf(END) + END.length);
  if (!existsSync(docs)) writeFileSync(docs, page);
  else {
    const old = readFileSync(docs, "utf8");
    if (old.includes(START))
      writeFileSync(docs, old.slice(0, old.indexOf(START)) + section + old.slice(old.indexOf(END) + END.length));
    else {
      // Someone else's architecture page: the layout goes after its title, for the merger to place.
      const at = old.search(/^# .*\n/m);
      const cut = at < 0 ? 0 : old.indexOf("\n", at) + 1;
      writeFileSync(docs, `${old.slice(0, cut)}\n${section}\n${old.slice(cut)}`);
      warn("docs/architecture.md existed: the layout section was inserted after its title; place it by hand");
    }
  }
  git("add", "--", ...changed.keys(), "tools/check-layout.ts", "test/node/check-layout.test.ts", "docs/architecture.md");
}

console.log(`relayout: ${moves.length} files moved, ${changed.size} files rewritten${DRY ? " (dry run)" : ""}`);
for (const w of warnings) console.log(`  warning: ${w}`);
