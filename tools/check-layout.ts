/**
 * The layout's one rule, checked (docs/architecture.md): imports run one way between the two
 * programs and what they share, and no module imports itself back through others.
 *
 *   node tools/check-layout.ts [root]      (part of `npm run check`)
 *
 * - src/shared/ imports only src/shared/, and no Node API: both programs run it, the Worker in
 *   workerd, which has none.
 * - src/build/ (Node) imports itself and src/shared/.
 * - src/worker/ (workerd) imports itself, src/shared/ and src/generated/ (the build's output),
 *   and no Node API.
 * - src/authoring/ (the author's commands) imports itself, src/build/ and src/shared/.
 * - src/generated/ (written by the build) imports only src/shared/ (types).
 * - bench/, test/ and tools/ may import anything; nothing imports them.
 *
 * Every import counts, types included (`import type`, `import("./x.ts").T`): a type that two
 * modules need belongs below both. Prints `file → specifier: why` for each problem, exits 1.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, posix, relative, resolve, sep } from "node:path";

type Area = "shared" | "build" | "worker" | "authoring" | "generated" | "bench" | "test" | "tools";

const AREAS: [prefix: string, area: Area][] = [
  ["src/shared/", "shared"],
  ["src/build/", "build"],
  ["src/worker/", "worker"],
  ["src/authoring/", "authoring"],
  ["src/generated/", "generated"],
  ["bench/", "bench"],
  ["test/", "test"],
  ["tools/", "tools"],
];

/** Which areas each may import; undefined: any. */
const MAY_IMPORT: Record<Area, readonly Area[] | undefined> = {
  shared: ["shared"],
  build: ["build", "shared"],
  worker: ["worker", "shared", "generated"],
  authoring: ["authoring", "build", "shared"],
  // And the Worker's federation entry: src/generated/federation.ts imports it on first use when
  // site.yaml turns federation on, so that a blog without it bundles none of it.
  generated: ["shared", "worker"],
  bench: undefined,
  test: undefined,
  tools: undefined,
};

/** What runs in workerd, with no Node API (wrangler.toml: no_nodejs_compat). */
const NO_NODE: ReadonlySet<Area> = new Set(["shared", "worker"]);

const NAMES: Record<Area, string> = {
  shared: "the shared part (src/shared)",
  build: "the build (src/build)",
  worker: "the Worker (src/worker)",
  authoring: "the authoring commands (src/authoring)",
  generated: "the generated modules (src/generated)",
  bench: "the benchmarks (bench)",
  test: "the tests (test)",
  tools: "the tools (tools)",
};

const SOURCE = /\.(ts|tsx|mts|mjs)$/;
const SKIP_DIRS = new Set(["node_modules", ".generated", ".wrangler", "fixtures", "artifacts", ".blog", "relayout"]);

export const areaOf = (file: string): Area | undefined => AREAS.find(([prefix]) => file.startsWith(prefix))?.[1];

function sources(root: string, dir: string, out: string[] = []): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return out;
  for (const name of readdirSync(abs).sort()) {
    if (SKIP_DIRS.has(name)) continue;
    const path = posix.join(dir, name);
    if (statSync(join(root, path)).isDirectory()) sources(root, path, out);
    else if (SOURCE.test(name) && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

type TS = typeof import("typescript");

/** Every module specifier of a file: imports, re-exports, import() calls and import("x") types. */
export function specifiers(ts: TS, file: string, text: string): string[] {
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind);
  const found: string[] = [];
  const visit = (node: import("typescript").Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    )
      found.push(node.moduleSpecifier.text);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal))
      found.push(node.argument.literal.text);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) found.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

export interface Problem {
  file: string;
  specifier: string;
  message: string;
}

/** The problems of the tree at `root`: wrong-way imports, Node APIs in workerd code, circles. */
export function checkLayout(root: string): Problem[] {
  const ts = createRequire(join(resolve(import.meta.dirname, ".."), "package.json"))("typescript") as TS;
  const files = [...sources(root, "src"), ...sources(root, "bench"), ...sources(root, "test"), ...sources(root, "tools")];
  const problems: Problem[] = [];
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const from = areaOf(file);
    const edges: string[] = [];
    graph.set(file, edges);
    if (from === undefined) {
      problems.push({
        file,
        specifier: "",
        message: "is outside the layout: put it in src/build, src/worker, src/shared or src/authoring",
      });
      continue;
    }
    for (const spec of specifiers(ts, file, readFileSync(join(root, file), "utf8"))) {
      if (spec.startsWith("node:") && NO_NODE.has(from)) {
        problems.push({ file, specifier: spec, message: `${NAMES[from]} runs in workerd, which has no Node API` });
        continue;
      }
      if (!spec.startsWith("./") && !spec.startsWith("../")) continue;
      const target = posix.normalize(posix.join(posix.dirname(file), spec.replace(/[?#].*$/, "")));
      if (target.startsWith("../")) continue;
      edges.push(target);
      const to = areaOf(target);
      const allowed = MAY_IMPORT[from];
      if (allowed === undefined || (to !== undefined && allowed.includes(to))) continue;
      problems.push({
        file,
        specifier: spec,
        message: `${NAMES[from]} may import ${allowed.map((a) => NAMES[a]).join(", ")}; not ${to ? NAMES[to] : target}`,
      });
    }
  }
  for (const component of circles(graph)) {
    const path = circlePath(graph, component);
    problems.push({ file: path[0] as string, specifier: "", message: `is in an import circle: ${path.join(" > ")}` });
  }
  return problems;
}

/** One circle through a component's first module, as a path back to it: `a > b > a`. */
function circlePath(graph: ReadonlyMap<string, readonly string[]>, component: readonly string[]): string[] {
  const inside = new Set(component);
  const start = component[0] as string;
  const seen = new Set<string>();
  const walk = (v: string, path: string[]): string[] | undefined => {
    for (const w of graph.get(v) ?? []) {
      if (w === start) return [...path, w];
      if (!inside.has(w) || seen.has(w)) continue;
      seen.add(w);
      const found = walk(w, [...path, w]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(start, [start]) ?? [...component, start];
}

/** Strongly connected components of more than one module (or a module importing itself), by Tarjan. */
export function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop() as string;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) connect(v);
  return found;
}

if (import.meta.main) {
  const root = resolve(process.argv[2] ?? ".");
  const problems = checkLayout(root);
  for (const p of problems) console.error(`${p.file}${p.specifier ? ` → ${p.specifier}` : ""}: ${p.message}`);
  if (problems.length > 0) {
    console.error(`\n${problems.length} layout problem${problems.length === 1 ? "" : "s"} (docs/architecture.md)`);
    process.exit(1);
  }
  console.log(`layout: imports run one way, no circles (${relative(process.cwd(), root) || "."}${sep})`);
}
