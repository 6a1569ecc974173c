/**
 * `npm run bench:build`: the build against Hugo and Eleventy, side by side in one run, on the same
 * posts (bench/build-sites.ts): the seed's body under new titles, 3 tags each, one fenced code block
 * each. Each system builds them cold (no output, no cache), then again after one post is edited.
 * Times are wall time of the whole command, process start included: `npm run build` for this
 * project (with and without its card stage, `--no-cards`), `hugo` (Debian's package) and
 * `eleventy` (3.1, with its RSS and syntax-highlight plugins, from bench/eleventy's lockfile).
 * Rounds are interleaved (every system once per round), and the median is reported.
 *
 *   node bench/build.ts [--posts 1000] [--rounds 1] [--big 10000] [--write]
 *
 * --big N (0 to skip) then times this project alone on N posts: one cold build with cards
 * (untimed: it fills the caches an author's machine has), then `npm run build` after one post is
 * edited, median of --rounds edits.
 *
 * Installs the peers when missing: Hugo with apt-get (as root), Eleventy with `npm ci` in
 * bench/eleventy. --write puts the table into docs/benchmarks.md.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ensureApt } from "./apt.ts";
import { benchPosts, seedBody, writePost, writeSites } from "./build-sites.ts";
import { machineNote, replaceSection, table } from "./docs.ts";
import { median } from "./stats.ts";

const root = resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    posts: { type: "string", default: "1000" },
    rounds: { type: "string", default: "1" },
    big: { type: "string", default: "10000" },
    write: { type: "boolean", default: false },
  },
});
const n = Number(values.posts);
const rounds = Number(values.rounds);

ensureApt("hugo", "hugo", ["version"]);
const hugoVersion = execFileSync("hugo", ["version"], { encoding: "utf8" }).trim();
execFileSync(process.execPath, [join(root, "tools", "ensure-installed.ts"), join(root, "bench", "eleventy")], {
  stdio: "inherit",
});
const eleventyDir = join(root, "bench", "eleventy");
const eleventyCli = join(eleventyDir, "node_modules", "@11ty", "eleventy", "cmd.cjs");

const work = mkdtempSync(join(tmpdir(), "bench-build-"));
const dirs = { project: join(work, "project"), hugo: join(work, "hugo"), eleventy: join(work, "eleventy") };
const posts = benchPosts(n, seedBody(join(root, "content")));
writeSites(dirs, posts);

interface System {
  name: string;
  /** Removes its output and caches: the next run is cold. */
  clean(): void;
  command: [string, string[]];
  /** How many post pages the run produced, from its output or its report. */
  built(stdout: string): number;
}
/** Post pages in a folder: one folder `post-N` each. */
const count = (dir: string) => {
  try {
    return readdirSync(dir).filter((name) => name.startsWith("post-")).length;
  } catch {
    return 0;
  }
};
/**
 * npm run build's compiled-code cache (package.json). A cold build starts with it as `npm install`
 * leaves it, as CI's does: emptied, then filled by the install's warm-up (tools/warm-build.ts,
 * untimed, like the rest of an install). A build adds what it compiles to it, so it is reset
 * before each cold build.
 */
const compileCache = join(root, "node_modules", ".cache", "edge-blog", "compile");
const asInstalled = () => {
  rmSync(compileCache, { recursive: true, force: true });
  // It never fails an install, so it says whether it warmed: a cold figure without it is not the one named.
  const said = execFileSync(process.execPath, [join(root, "tools", "warm-build.ts")], { cwd: root, encoding: "utf8" });
  if (!said.startsWith("edge-blog: the build's code is compiled")) throw new Error(`the install's warm-up failed:\n${said}`);
};
const project = (
  cards: boolean,
  content = join(dirs.project, "content"),
  outName = cards ? "project-out" : "project-out-nocards",
): System => {
  const out = join(work, outName);
  return {
    name: cards ? "this project" : "this project, no cards",
    clean: () => {
      rmSync(out, { recursive: true, force: true });
      asInstalled();
    },
    command: [
      "npm",
      [
        "run",
        "build",
        "--",
        "--content",
        content,
        "--out",
        join(out, "generated"),
        "--assets",
        join(out, "assets"),
        "--cache",
        join(out, "cache"),
        ...(cards ? [] : ["--no-cards"]),
      ],
    ],
    built: (stdout) => Number(/✓ content: (\d+) post/.exec(stdout)?.[1] ?? 0),
  };
};
const systems: System[] = [
  {
    name: "Hugo",
    clean: () => {
      rmSync(join(dirs.hugo, "public"), { recursive: true, force: true });
      rmSync(join(dirs.hugo, "resources"), { recursive: true, force: true });
    },
    command: ["hugo", ["--quiet", "--source", dirs.hugo]],
    built: () => count(join(dirs.hugo, "public", "posts")),
  },
  {
    name: "Eleventy",
    clean: () => {
      rmSync(join(dirs.eleventy, "_site"), { recursive: true, force: true });
      rmSync(join(dirs.eleventy, ".cache"), { recursive: true, force: true });
    },
    command: [
      process.execPath,
      [
        eleventyCli,
        "--quiet",
        `--config=${join(eleventyDir, "eleventy.config.js")}`,
        `--input=${join(dirs.eleventy, "src")}`,
        `--output=${join(dirs.eleventy, "_site")}`,
      ],
    ],
    built: () => count(join(dirs.eleventy, "_site", "posts")),
  },
  project(false),
  project(true),
];

function run(s: System, expected = n): number {
  const [cmd, args] = s.command;
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: s.name === "Eleventy" ? dirs.eleventy : root, encoding: "utf8", maxBuffer: 64 << 20 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${s.name} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  const built = s.built(r.stdout);
  if (built !== expected) throw new Error(`${s.name} built ${built} post pages, not ${expected}:\n${r.stdout}\n${r.stderr}`);
  return ms;
}

const times = new Map(systems.map((s) => [s.name, { cold: [] as number[], edit: [] as number[] }]));
const edited = posts[Math.floor(n / 2)] as (typeof posts)[number];
for (let round = 1; round <= rounds; round++) {
  writePost(dirs, edited);
  for (const s of systems) {
    s.clean();
    times.get(s.name)?.cold.push(run(s));
  }
  // One post edited: a sentence added to its body, in every system's copy.
  writePost(dirs, { ...edited, body: `${edited.body}\nEdited in round ${round}.\n` });
  for (const s of systems) times.get(s.name)?.edit.push(run(s));
  console.error(`round ${round}/${rounds} done`);
}

// The project alone on many posts: one edit after a full build.
const big = Number(values.big);
const bigEdit: number[] = [];
if (big > 0) {
  const bigDirs = { project: join(work, "big"), hugo: join(work, "big-hugo"), eleventy: join(work, "big-eleventy") };
  const bigPosts = benchPosts(big, seedBody(join(root, "content")));
  writeSites(bigDirs, bigPosts);
  const sys = project(true, join(bigDirs.project, "content"), "big-out");
  sys.clean();
  run(sys, big);
  const one = bigPosts[Math.floor(big / 2)] as (typeof bigPosts)[number];
  for (let round = 1; round <= rounds; round++) {
    writePost(bigDirs, { ...one, body: `${one.body}\nEdited in round ${round}.\n` });
    bigEdit.push(run(sys, big));
  }
  console.error(`${big} posts: one edit done`);
}
rmSync(work, { recursive: true, force: true });

const med = (name: string, k: "cold" | "edit") => median(times.get(name)?.[k] ?? []);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
/**
 * A system's time over a peer's, round by round, and the median of those ratios: each ratio
 * is of two builds a few seconds apart, so the machine's drift over the run cancels.
 */
const ratio = (name: string, peer: string, k: "cold" | "edit") => {
  const peerTimes = times.get(peer)?.[k] ?? [];
  return `${median((times.get(name)?.[k] ?? []).map((ms, i) => ms / (peerTimes[i] as number))).toFixed(2)}×`;
};
const rows = systems.map((sys) => {
  const cold = med(sys.name, "cold");
  const edit = med(sys.name, "edit");
  return [
    sys.name,
    s(cold),
    (cold / n).toFixed(1),
    ratio(sys.name, "Hugo", "cold"),
    ratio(sys.name, "Eleventy", "cold"),
    s(edit),
    ratio(sys.name, "Hugo", "edit"),
    ratio(sys.name, "Eleventy", "edit"),
  ];
});
const body = [
  "## Build against Hugo and Eleventy",
  "",
  table(
    [
      "1,000 posts".replace("1,000", n.toLocaleString("en")),
      "cold",
      "ms/post",
      "× Hugo",
      "× Eleventy",
      "one edit",
      "× Hugo",
      "× Eleventy",
    ],
    rows,
  ),
  "",
  ...(big > 0
    ? [
        table(
          [`${big.toLocaleString("en")} posts, this project alone`, "one edit", `× its one edit at ${n.toLocaleString("en")}`],
          [["this project", s(median(bigEdit)), x(median(bigEdit), med("this project", "edit"))]],
        ),
        "",
      ]
    : []),
  `\`npm run bench:build\` (bench/build.ts): ${n.toLocaleString("en")} posts (the seed's body under new titles, 3 tags, one fenced code block each), built by each system cold (no output, no cache) and again after one post was edited; wall time of the whole command, process start included (\`npm run build\` for this project, \`hugo\`, \`eleventy\`), median of ${rounds} interleaved round(s); each ratio is the median of the rounds' ratios (two builds of one round a few seconds apart, so the machine's drift cancels). A cold build of this project starts without its caches, and with its compiled code as \`npm install\` leaves it (\`NODE_COMPILE_CACHE\` in \`npm run build\`, filled by the install's warm-up, tools/warm-build.ts, untimed); an edit's build has them all, as an author's does.${big > 0 ? ` The ${big.toLocaleString("en")}-post row: the same posts, this project alone, one cold build (untimed), then \`npm run build\` after one post was edited.` : ""} Hugo: ${hugoVersion.split(" ").slice(0, 2).join(" ")} (a page per post, paginated index, tag pages, RSS, Chroma highlighting; it has no incremental build, so an edit is a full build). Eleventy 3.1 with its RSS (Atom feed) and syntax-highlight plugins, the same pages. This project does more per post (three representations, a social card, the search index, the sanitiser). ${machineNote()}.`,
].join("\n");
console.log(body);
if (values.write) replaceSection(join(root, "docs", "benchmarks.md"), "build", body);
