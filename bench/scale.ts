/**
 * `npm run bench:scale`: the real Worker with 1 to 10,000 synthetic posts (and 50,000 for the
 * build and deploy columns only). For each N:
 *
 * - build: the content build's own time, per post; per post for posts with images against posts
 *   without (two separate builds of min(N/10, --subset-max) posts each); a rebuild after editing
 *   one post with the same --cache (and whether any image was processed again);
 * - deploy: script size raw and gzip from `wrangler deploy --dry-run --outdir` (which also reads
 *   the assets directory as a deploy would), against 64 MiB (Paid) and 3 MiB gzip (Free); asset
 *   files against 100,000 (Paid) and 20,000 (Free); the largest asset against 25 MiB;
 * - serving (--sizes only, not --build-only-sizes): startup CPU, the first article request on a
 *   fresh isolate beside the Hono-constant peer's (bench/first.ts), and warm article
 *   throughput as a ratio of a constant-string Worker in the same run.
 *
 *   node bench/scale.ts [--sizes 1,1000,10000] [--build-only-sizes 50000] [--rounds 3]
 *     [--seconds 4] [--first-samples 5] [--startup-runs 3] [--image-every 10] [--subset-max 1000]
 *     [--joint-rounds 7] [--joint-first-samples 9] [--write] [--svg PATH]
 *
 * The warm-throughput target compares 1 and 10,000 posts: those two Workers are also served
 * together at the end, in --joint-rounds interleaved rounds, each beside its own constant.
 *
 * Everything happens in a temp copy of src/; content/, src/generated/ and dist/ are never touched.
 */
import { execFileSync } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { type Bundle, bundle } from "./bundle.ts";
import { chart } from "./chart.ts";
import { compare } from "./compare.ts";
import { postFile, writeScaleCorpus } from "./corpus.ts";
import { machineNote, replaceSection, table } from "./docs.ts";
import { type FirstRow, firstRequests, renderFirst } from "./first.ts";
import { crossing, fitLine } from "./fit.ts";
import { assetsRouting, serve } from "./miniflare.ts";
import { articleRoutes, bundlePeers, bundleReadPeer, FIRST_LIMIT_MS } from "./run.ts";
import { checkStartup } from "./startup.ts";
import { fmt, median } from "./stats.ts";

const root = resolve(import.meta.dirname, "..");
const KiB = 1024;
const MiB = 2 ** 20;
/** Workers limits the report is held against. */
const LIMITS = {
  scriptRawPaid: 64 * MiB,
  scriptGzipFree: 3 * MiB,
  filesPaid: 100_000,
  filesFree: 20_000,
  assetBytes: 25 * MiB,
};
/** The size the targets are stated at (`--target` changes it, for a quick try of the harness). */
let TARGET_N = 10_000;

interface BuildRun {
  /** The build's own figure ("in N ms"): the pipeline, images and cards, without Node's start-up. */
  ms: number;
  imagesProcessed: number;
  cardsDrawn: number;
}

interface Row {
  n: number;
  words: number;
  imagePosts: number;
  images: number;
  build: BuildRun;
  buildWallMs: number;
  rebuild: BuildRun & { edited: "a post with images" | "a post without images" };
  subset: { k: number; plainMsPerPost: number; imageMsPerPost: number };
  rawBytes: number;
  gzipBytes: number;
  /** Set when `wrangler deploy --dry-run` failed (then the sizes are NaN and nothing is served). */
  deployError?: string;
  /** Files a deploy uploads (not _headers, _redirects or .assetsignore). */
  files: number;
  assetBytes: number;
  largest: { path: string; bytes: number };
  served?: Served;
}

interface Served {
  /** The constant Worker bundled around this size's article bytes (for the joint run). */
  constant: Bundle;
  /** The Hono-constant peer, and the same peer plus the post's one corpus read (joint run). */
  hono: Bundle;
  honoRead: Bundle;
  real: Bundle;
  slug: string;
  startupMs: number;
  coldMs: number;
  firstMs: number;
  peerFirstMs: number;
  overPeerMs: number;
  rps: number;
  p99Ms: number;
  ratio: number;
  baseRps: number;
}

/** A private copy of src/ whose generated/ will hold this corpus, resolving packages from ours. */
function projectCopy(dir: string): string {
  const src = join(dir, "src");
  cpSync(join(root, "src"), src, { recursive: true, filter: (p) => !p.includes(`${sep}src${sep}generated`) });
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  // esbuild reads the JSX runtime (hono/jsx) from the nearest tsconfig.json.
  cpSync(join(root, "tsconfig.json"), join(dir, "tsconfig.json"));
  return src;
}

/** Runs the content build; the assets go to `<out>/assets` (build-content.ts's rule for --out). */
function build(content: string, out: string, cache: string): BuildRun & { wallMs: number } {
  const started = performance.now();
  const text = execFileSync(
    process.execPath,
    // The heap limit wrangler.toml's [build] command sets (Node's default is too small at 50,000 posts).
    ["--max-old-space-size=8192", join(root, "src/build/index.ts"), "--content", content, "--out", out, "--cache", cache],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 64 * MiB,
    },
  );
  const wallMs = performance.now() - started;
  const ms = Number(/ in (\d+) ms/.exec(text)?.[1] ?? Number.NaN);
  return {
    ms,
    wallMs,
    imagesProcessed: Number(/(\d+) image\(s\) processed/.exec(text)?.[1] ?? 0),
    cardsDrawn: Number(/(\d+) social card\(s\) drawn/.exec(text)?.[1] ?? 0),
  };
}

/** The files a deploy would upload: wrangler leaves out its own metafiles. */
const METAFILES = new Set(["_headers", "_redirects", ".assetsignore"]);
function walkAssets(dir: string): { files: number; bytes: number; largest: { path: string; bytes: number } } {
  const out = { files: 0, bytes: 0, largest: { path: "", bytes: 0 } };
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const rel = relative(dir, path);
    if (METAFILES.has(rel)) continue;
    const bytes = statSync(path).size;
    out.files++;
    out.bytes += bytes;
    if (bytes > out.largest.bytes) out.largest = { path: rel, bytes };
  }
  return out;
}

/**
 * ms per post for k posts with images and k without, each set built alone from an empty cache;
 * remembered by k, since sizes past --subset-max share it.
 */
async function subsetCosts(work: string, k: number, every: number, known: Map<number, Row["subset"]>): Promise<Row["subset"]> {
  const seen = known.get(k);
  if (seen) return seen;
  const per = { images: Number.NaN, plain: Number.NaN };
  for (const only of ["images", "plain"] as const) {
    const dir = join(work, `subset-${k}-${only}`);
    await writeScaleCorpus(join(dir, "content"), k, { imageEvery: every, only });
    per[only] = build(join(dir, "content"), join(dir, "out"), join(dir, "cache")).ms / k;
    rmSync(dir, { recursive: true, force: true });
  }
  const result = { k, plainMsPerPost: per.plain, imageMsPerPost: per.images };
  known.set(k, result);
  return result;
}

interface Options {
  rounds: number;
  seconds: number;
  firstSamples: number;
  startupRuns: number;
  every: number;
  subsetMax: number;
}

async function measure(
  work: string,
  n: number,
  serveIt: boolean,
  opts: Options,
  subsets: Map<number, Row["subset"]>,
  keep = false,
): Promise<Row> {
  const dir = join(work, `n${n}`);
  mkdirSync(dir, { recursive: true });
  try {
    const content = join(dir, "content");
    const corpus = await writeScaleCorpus(content, n, { imageEvery: opts.every });
    const src = projectCopy(join(dir, "project"));
    const generated = join(src, "generated");
    const assets = join(generated, "assets");
    const cache = join(dir, "cache");
    const first = build(content, generated, cache);
    console.log(
      `N=${n}: build ${fmt(first.ms)} ms (${fmt(first.ms / n, 2)} ms/post; ${first.imagesProcessed} image(s) processed, ${first.cardsDrawn} card(s) drawn)`,
    );
    // One post's text changes; the rebuild keeps the cache, as an author's next `npm run build`.
    const editedSlug = corpus.imagePosts[0] ?? (corpus.slugs[corpus.slugs.length - 1] as string);
    const withImages = corpus.imagePosts.length > 0;
    appendFileSync(postFile(content, editedSlug, withImages), "\nOne more sentence, added for the rebuild.\n");
    const rebuild = build(content, generated, cache);
    console.log(`N=${n}: rebuild after one edit ${fmt(rebuild.ms)} ms, ${rebuild.imagesProcessed} image(s) processed again`);
    const k = Math.min(Math.max(1, Math.round(n / opts.every)), opts.subsetMax);
    const subset = await subsetCosts(work, k, opts.every, subsets);
    console.log(
      `N=${n}: ${k} post(s) alone: ${fmt(subset.plainMsPerPost, 1)} ms/post without images, ${fmt(subset.imageMsPerPost, 1)} with`,
    );
    const walk = walkAssets(assets);
    let real: Bundle | undefined;
    let deployError: string | undefined;
    try {
      real = bundle(dir, { name: "real", main: join(src, "worker/index.ts"), assets });
    } catch (e) {
      // A corpus the deploy refuses is a result, not the end of the run: wrangler's reason is above.
      deployError = (e as Error).message.split("\n")[0];
      console.log(`N=${n}: wrangler deploy --dry-run failed: ${deployError}`);
    }
    console.log(
      `N=${n}: script ${fmt((real?.rawBytes ?? Number.NaN) / MiB, 2)} MiB (gzip ${fmt((real?.gzipBytes ?? Number.NaN) / MiB, 2)}), ${fmt(walk.files)} asset files, largest ${walk.largest.path} ${fmt(walk.largest.bytes / KiB, 1)} KiB`,
    );
    const row: Row = {
      n,
      words: corpus.words,
      imagePosts: corpus.imagePosts.length,
      images: corpus.images,
      build: first,
      buildWallMs: first.wallMs,
      rebuild: { ...rebuild, edited: withImages ? "a post with images" : "a post without images" },
      subset,
      rawBytes: real?.rawBytes ?? Number.NaN,
      gzipBytes: real?.gzipBytes ?? Number.NaN,
      deployError,
      files: walk.files,
      assetBytes: walk.bytes,
      largest: walk.largest,
    };
    if (serveIt && real) row.served = await measureServing(dir, real, corpus.slugs[0] as string, n, opts);
    return row;
  } finally {
    // Kept for the joint throughput run (its bundles and assets); the work dir goes at the end.
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

interface Joint {
  /** First requests of both sizes and their peers, interleaved in the same rounds. */
  first: FirstRow[];
  firstSamples: number;
  /** Median over rounds of (10,000-post article − 1-post article), ms; the same for the read peers. */
  firstDiff: number;
  readDiff: number;
  rounds: number;
  seconds: number;
  /** Median req/s of each Worker. */
  rps: { one: number; big: number; oneConstant: number; bigConstant: number };
  /** Median over rounds of (big ÷ its constant) ÷ (1 post ÷ its constant), same round. */
  normalised: number;
  /** Median over rounds of big ÷ 1 post, same round. */
  direct: number;
}

/**
 * Warm article throughput of the 1-post and the 10,000-post Worker in the same interleaved
 * rounds, each beside a constant Worker that sends its article's bytes. The target compares two
 * sizes, and on this machine runs minutes apart differ by more than the 10% it tests (one run
 * measured 1.01×, 1.13× and 0.89× of the constant at 1, 1,000 and 10,000 posts).
 */
async function jointRun(
  work: string,
  one: Served,
  big: Served,
  opts: { rounds: number; seconds: number; firstSamples: number },
): Promise<Joint> {
  const { rounds, seconds } = opts;
  if (one.slug !== big.slug) throw new Error(`joint run: the article differs (${one.slug} / ${big.slug})`);
  const named = (b: Bundle, name: string): Bundle => ({ ...b, name });
  const path = `/posts/${one.slug}`;
  const ready = "/robots.txt";
  const first = await firstRequests(
    work,
    [
      { name: "article, 1 post", worker: "real", bundle: named(one.real, "real-1"), path, readyPath: ready },
      { name: `article, ${fmt(TARGET_N)} posts`, worker: "real", bundle: named(big.real, "real-big"), path, readyPath: ready },
      { name: "peer + read, 1 post", worker: "hono + read", bundle: named(one.honoRead, "read-1"), path, readyPath: ready },
      {
        name: `peer + read, ${fmt(TARGET_N)} posts`,
        worker: "hono + read",
        bundle: named(big.honoRead, "read-big"),
        path,
        readyPath: ready,
      },
      { name: "peer article", worker: "hono constant", bundle: named(one.hono, "hono-1"), path, readyPath: ready },
    ],
    { samples: opts.firstSamples, peer: "peer article", log: (l) => console.log(`  joint ${l}`) },
  );
  const diff = (a: number, b: number) => {
    const [x, y] = [first[a]?.ms ?? [], first[b]?.ms ?? []];
    return median(x.map((v, i) => v - (y[i] ?? Number.NaN)));
  };
  const served = await serve(work, [
    named(one.constant, "constant-1"),
    named(one.real, "real-1"),
    named(big.constant, "constant-big"),
    named(big.real, "real-big"),
  ]);
  try {
    const results = await compare({
      urls: served.urls,
      routes: articleRoutes(one.slug, {}).slice(0, 1),
      baseline: "constant-1",
      constants: ["constant-big"],
      rounds,
      seconds,
      warmupSeconds: 1,
      connections: 4,
      log: (l) => console.log(`  joint ${l}`),
    });
    const cells = results["article HTML"] ?? {};
    const rpsOf = (w: string) => (cells[w]?.samples ?? []).map((s) => s.rps);
    const [r1, c1, rb, cb] = ["real-1", "constant-1", "real-big", "constant-big"].map(rpsOf) as number[][];
    const at = (list: number[] | undefined, i: number) => list?.[i] ?? Number.NaN;
    const rs = (r1 ?? []).map((_, i) => i);
    return {
      first,
      firstSamples: opts.firstSamples,
      firstDiff: diff(1, 0),
      readDiff: diff(3, 2),
      rounds,
      seconds,
      rps: { one: median(r1 ?? []), big: median(rb ?? []), oneConstant: median(c1 ?? []), bigConstant: median(cb ?? []) },
      normalised: median(rs.map((i) => at(rb, i) / at(cb, i) / (at(r1, i) / at(c1, i)))),
      direct: median(rs.map((i) => at(rb, i) / at(r1, i))),
    };
  } finally {
    await served.stop();
  }
}

async function measureServing(dir: string, real: Bundle, slug: string, n: number, opts: Options): Promise<Served> {
  const startups: number[] = [];
  for (let i = 0; i < opts.startupRuns; i++)
    startups.push(checkStartup(real.config, join(dir, `startup-${i}.cpuprofile`)).activeMs);
  const path = `/posts/${slug}`;
  const peers = await bundlePeers(dir, real, path);
  const first = await firstRequests(
    dir,
    [
      { name: "article", worker: "real", bundle: real, path, readyPath: "/robots.txt" },
      { name: "peer article", worker: "hono constant", bundle: peers.hono, path, readyPath: "/robots.txt" },
    ],
    { samples: opts.firstSamples, peer: "peer article", log: (l) => console.log(`  N=${n} ${l}`) },
  );
  const [own, peer] = first as [(typeof first)[0], (typeof first)[0]];
  const honoRead = bundleReadPeer(dir, real);
  const served = await serve(dir, [peers.constant, real]);
  try {
    const results = await compare({
      urls: served.urls,
      routes: articleRoutes(slug, {}).slice(0, 1),
      baseline: "constant",
      rounds: opts.rounds,
      seconds: opts.seconds,
      warmupSeconds: 1,
      connections: 4,
      log: (l) => console.log(`  N=${n} ${l}`),
    });
    const cells = results["article HTML"] ?? {};
    return {
      constant: peers.constant,
      hono: peers.hono,
      honoRead,
      real,
      slug,
      startupMs: median(startups),
      coldMs: median(own.coldMs),
      firstMs: median(own.ms),
      peerFirstMs: median(peer.ms),
      overPeerMs: own.overPeerMs,
      rps: cells.real?.rps ?? Number.NaN,
      p99Ms: cells.real?.p99Ms ?? Number.NaN,
      ratio: cells.real?.ratio ?? Number.NaN,
      baseRps: cells.constant?.rps ?? Number.NaN,
    };
  } finally {
    await served.stop();
  }
}

const yes = (ok: boolean) => (ok ? "yes" : "**no**");
/**
 * Where a fitted line reaches a limit, in posts. A crossing far past anything measured is noise in
 * a flat series (a few bytes per post), not a forecast: said as such.
 */
const reach = (x: number, largest: number) =>
  !Number.isFinite(x) || x <= 0 || x > 100 * largest ? `not within 100× the largest corpus measured (flat)` : `≈ ${fmt(x)} posts`;

function report(
  rows: Row[],
  failed: { n: number; error: string }[],
  opts: Options,
  routing: string,
  joint?: Joint,
): { section: string; svg: string } {
  const at = (n: number) => rows.find((r) => r.n === n);
  const served = rows.filter((r) => r.served);
  const one = at(1)?.served;
  const big = at(TARGET_N);
  const deployed = rows.filter((r) => !r.deployError);
  const size = fitLine(deployed.map((r) => [r.n, r.rawBytes]));
  const gz = fitLine(deployed.map((r) => [r.n, r.gzipBytes]));
  const files = fitLine(rows.map((r) => [r.n, r.files]));
  const buildFit = fitLine(rows.map((r) => [r.n, r.build.ms]));
  const largest = Math.max(...rows.map((r) => r.n));
  const posts = (x: number) => reach(x, largest);

  const buildRows = rows.map((r) => [
    fmt(r.n),
    `${fmt(r.imagePosts)} (${fmt(r.images)} images)`,
    fmt(r.build.ms / 1000, 1),
    fmt(r.build.ms / r.n, 1),
    `${fmt(r.subset.plainMsPerPost, 1)} / ${fmt(r.subset.imageMsPerPost, 1)} (${fmt(r.subset.k)} each)`,
    `${fmt(r.rebuild.ms / 1000, 2)} s, ${r.rebuild.imagesProcessed} image(s) re-processed, ${r.rebuild.cardsDrawn} card(s) drawn`,
    r.deployError ? "dry run failed" : `${fmt(r.rawBytes / MiB, 2)} / ${fmt(r.gzipBytes / MiB, 2)}`,
    r.deployError ? "—" : `${yes(r.rawBytes <= LIMITS.scriptRawPaid)} / ${yes(r.gzipBytes <= LIMITS.scriptGzipFree)}`,
    `${fmt(r.files)} (${yes(r.files <= LIMITS.filesPaid)} / ${yes(r.files <= LIMITS.filesFree)})`,
    fmt(r.files / r.n, 2),
    `${fmt(r.largest.bytes / KiB, 1)} KiB (${yes(r.largest.bytes <= LIMITS.assetBytes)})`,
  ]);
  const serveRows = served.map((r) => {
    const s = r.served as Served;
    return [
      fmt(r.n),
      fmt(s.startupMs, 1),
      fmt(s.coldMs),
      fmt(s.firstMs, 2),
      fmt(s.peerFirstMs, 2),
      `${s.overPeerMs >= 0 ? "+" : ""}${fmt(s.overPeerMs, 2)}`,
      `${fmt(s.rps)} (${fmt(s.ratio, 2)}×)`,
      fmt(s.p99Ms, 1),
    ];
  });

  const targets: string[] = [];
  const bigServed = big?.served;
  if (one && bigServed) {
    const sign = (x: number) => `${x >= 0 ? "+" : ""}${fmt(x, 2)}`;
    if (joint) {
      const [ownOne, ownBig] = joint.first.map((r) => median(r.ms)) as [number, number];
      const allowed = Math.max(ownOne * 0.1, 2);
      targets.push(
        `- First article request at ${fmt(TARGET_N)} posts within 10% or 2 ms of the 1-post figure, both in the same ${joint.firstSamples} interleaved rounds (table below): ${fmt(ownBig, 2)} ms against ${fmt(ownOne, 2)} ms, ${sign(joint.firstDiff)} ms as the median of same-round differences (allowed +${fmt(allowed, 2)} ms) — ${joint.firstDiff <= allowed ? "met" : "not met"}. The Hono peer that makes the same one corpus read: ${sign(joint.readDiff)} ms at ${fmt(TARGET_N)} posts against 1 (what Miniflare's asset service adds for the larger directory).`,
      );
    } else {
      const allowed = Math.max(one.firstMs * 0.1, 2);
      const diff = bigServed.firstMs - one.firstMs;
      targets.push(
        `- First article request at ${fmt(TARGET_N)} posts within 10% or 2 ms of the 1-post figure (separate runs): ${fmt(bigServed.firstMs, 2)} ms against ${fmt(one.firstMs, 2)} ms (${sign(diff)} ms; allowed +${fmt(allowed, 2)} ms) — ${diff <= allowed ? "met" : "not met"}.`,
      );
    }
    if (joint) {
      targets.push(
        `- Warm article throughput at ${fmt(TARGET_N)} posts within 10% of the 1-post figure, both served together in ${joint.rounds} interleaved rounds of ${joint.seconds} s, each beside a constant Worker sending its article's bytes: ${fmt(joint.normalised, 2)}× normalised by the constants (${fmt(joint.direct, 2)}× directly: ${fmt(joint.rps.big)} against ${fmt(joint.rps.one)} req/s; constants ${fmt(joint.rps.bigConstant)} and ${fmt(joint.rps.oneConstant)}) — ${joint.normalised >= 0.9 ? "met" : "not met"}. (The table's ratios come from each size's own, shorter run.)`,
      );
    } else {
      const rel = bigServed.ratio / one.ratio;
      targets.push(
        `- Warm article throughput at ${fmt(TARGET_N)} posts within 10% of the 1-post figure (ratio to the constant Worker, normalised, from separate runs): ${fmt(rel, 2)}× (${fmt(bigServed.ratio, 2)}× against ${fmt(one.ratio, 2)}×) — ${rel >= 0.9 ? "met" : "not met"}.`,
      );
    }
  } else {
    targets.push(
      `- First article request and warm throughput at ${fmt(TARGET_N)} posts against 1 post: not measured in this run.`,
    );
  }
  if (big?.deployError) {
    targets.push(
      `- ${fmt(TARGET_N)} posts pass \`wrangler deploy --dry-run\`: not met — the dry run failed (${big.deployError}).`,
    );
  } else if (big) {
    const ok = big.rawBytes <= LIMITS.scriptRawPaid && big.files <= LIMITS.filesPaid && big.largest.bytes <= LIMITS.assetBytes;
    targets.push(
      `- ${fmt(TARGET_N)} posts pass \`wrangler deploy --dry-run\` (script and assets read) with the script within 64 MiB and at most 100,000 files: script ${fmt(big.rawBytes / MiB, 2)} MiB, ${fmt(big.files)} files, largest file ${fmt(big.largest.bytes / KiB, 1)} KiB — ${ok ? "met" : "not met"}. Free plan (3 MiB gzip, 20,000 files): gzip ${fmt(big.gzipBytes / MiB, 2)} MiB, ${big.gzipBytes <= LIMITS.scriptGzipFree && big.files <= LIMITS.filesFree ? "within" : "over"}.`,
    );
  } else {
    targets.push(`- ${fmt(TARGET_N)} posts against the deploy limits: not measured in this run.`);
  }

  const notes = [
    `- Script growth ${fmt(size.b / KiB, 2)} KiB/post raw (R² ${fmt(size.r2, 3)}), ${fmt(gz.b / KiB, 2)} KiB/post gzip → 64 MiB raw at ${posts(crossing(size, LIMITS.scriptRawPaid))}; 3 MiB gzip (Free) at ${posts(crossing(gz, LIMITS.scriptGzipFree))}.`,
    `- Asset files ${fmt(files.b, 2)} per post (R² ${fmt(files.r2, 4)}) → the Free plan's 20,000 files at ${posts(crossing(files, LIMITS.filesFree))}; the Paid plan's 100,000 at ${posts(crossing(files, LIMITS.filesPaid))}.`,
    `- Content build ${fmt(buildFit.b, 2)} ms per post (linear fit, R² ${fmt(buildFit.r2, 4)}), every card drawn and every image processed (empty cache).`,
  ];

  const section = [
    // A fixed heading: docs/scaling.md links to its anchor.
    "## Scaling with the number of posts",
    "",
    `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machineNote()}.`,
    "",
    `Synthetic posts (seeded PRNG; headings, lists, code blocks, links); every ${opts.every}th is a folder post (\`content/posts/<slug>/index.md\`) with one or two small images of its own (a 320×200 PNG, and on every other one an 800×533 JPEG), drawn with sharp and referenced as \`![alt](./name)\`. Built by src/build/index.ts into a temp copy of src/ (assets in \`<out>/assets\`) with an empty \`--cache\`, so every social card is drawn and every image processed.`,
    'Build times are the build\'s own figure ("in N ms": pipeline, images and cards, without Node\'s start-up). "Plain / with images" builds posts without images and posts with images separately, the same number of each. The rebuild appends a sentence to one post (one with images where there are any) and builds again with the same cache.',
    "Script size is the bundle from `wrangler deploy --dry-run --outdir` (which also reads every asset file, as a deploy would); files are those a deploy uploads (not `_headers`/`_redirects`), against Paid / Free limits.",
    "",
    table(
      [
        "posts",
        "posts with images",
        "build s",
        "build ms/post",
        "ms/post plain / with images",
        "rebuild after one edit",
        "script MiB raw / gzip",
        "≤ 64 MiB / ≤ 3 MiB gzip",
        "asset files (≤ 100k / ≤ 20k)",
        "files/post",
        "largest asset (≤ 25 MiB)",
      ],
      buildRows,
    ),
    "",
    `Serving (${served.map((r) => fmt(r.n)).join(", ")} posts): Miniflare, the Worker with its assets (${routing}). Startup is active CPU from \`wrangler check startup\` (median of ${opts.startupRuns}). First requests: a new Miniflare instance (fresh isolate) per sample, ready on \`/robots.txt\`, then one timed GET of the article with a browser \`Accept\`, interleaved with the Hono-constant peer; median of ${opts.firstSamples}; cold start is workerd spawn → first answer. Throughput: \`wrk -t1 -c4\` on the article, ${opts.seconds} s × ${opts.rounds} interleaved rounds with a constant-string Worker sending the same bytes; median req/s (× constant) and p99.`,
    "",
    table(
      [
        "posts",
        "startup ms",
        "cold start ms",
        "first article ms",
        "Hono peer first ms",
        "ms over peer",
        "warm article req/s (× constant)",
        "p99 ms",
      ],
      serveRows,
    ),
    "",
    "![Scaling chart](scaling.svg)",
    "",
    "Targets:",
    "",
    ...targets,
    "",
    ...(joint
      ? [
          `The 1-post and ${fmt(TARGET_N)}-post Workers' first requests side by side (the method of "First request on a fresh isolate"; ${joint.firstSamples} rounds):`,
          "",
          renderFirst(joint.first, { peer: "peer article", samples: joint.firstSamples }),
          "",
        ]
      : []),
    ...notes,
    `- First requests against the peer (target ≤ ${FIRST_LIMIT_MS} ms over it, see "First request on a fresh isolate"): ${served.map((r) => `${fmt(r.n)} post${r.n === 1 ? "" : "s"} ${(r.served?.overPeerMs ?? 0) >= 0 ? "+" : ""}${fmt(r.served?.overPeerMs ?? Number.NaN, 2)} ms`).join(", ")}.`,
    ...failed.map((f) => `- ${fmt(f.n)} posts: the run failed (${f.error}); no figures.`),
    "",
    "See [scaling.md](scaling.md) for what these mean for limits and the path past them.",
    "",
    "Reproduce: `npm run bench:scale` (or `node bench/scale.ts --sizes 1,1000,10000 --build-only-sizes 50000`), Node 24 from node_modules/.bin on PATH.",
  ].join("\n");

  const pts = (list: Row[], f: (r: Row) => number): [number, number][] => list.map((r) => [r.n, f(r)]);
  const svg = chart("edge blog: scaling with post count", [
    {
      title: "Content build",
      unit: "ms per post",
      series: [
        { label: "all posts", color: "#2463eb", points: pts(rows, (r) => r.build.ms / r.n) },
        { label: "posts without images", color: "#16a34a", points: pts(rows, (r) => r.subset.plainMsPerPost) },
        { label: "posts with images", color: "#d97706", points: pts(rows, (r) => r.subset.imageMsPerPost) },
      ],
    },
    {
      title: "Rebuild after one edit",
      unit: "s",
      series: [{ label: "same cache", color: "#2463eb", points: pts(rows, (r) => r.rebuild.ms / 1000) }],
    },
    {
      title: "Script size",
      unit: "MiB",
      series: [
        { label: "raw", color: "#2463eb", points: pts(rows, (r) => r.rawBytes / MiB) },
        { label: "gzip", color: "#16a34a", points: pts(rows, (r) => r.gzipBytes / MiB) },
      ],
      rules: [{ y: 3, label: "3 MiB gzip (Free)" }],
    },
    {
      title: "Asset files",
      unit: "files",
      series: [{ label: "files", color: "#2463eb", points: pts(rows, (r) => r.files) }],
      rules: [
        { y: LIMITS.filesFree, label: "20,000 (Free)" },
        { y: LIMITS.filesPaid, label: "100,000 (Paid)" },
      ],
    },
    {
      title: "First article request, fresh isolate",
      unit: "ms",
      series: [
        { label: "real Worker", color: "#2463eb", points: pts(served, (r) => r.served?.firstMs ?? 0) },
        { label: "Hono-constant peer", color: "#d97706", points: pts(served, (r) => r.served?.peerFirstMs ?? 0) },
      ],
    },
    {
      title: "Warm article throughput",
      unit: "× constant Worker",
      series: [{ label: "article HTML", color: "#2463eb", points: pts(served, (r) => r.served?.ratio ?? 0) }],
      rules: [{ y: 0.9 * (one?.ratio ?? 1), label: "90% of 1 post" }],
    },
  ]);
  return { section, svg };
}

const sizesOf = (s: string | undefined) =>
  (s ?? "")
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean)
    .map(Number);

async function main() {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "1,1000,10000" },
      "build-only-sizes": { type: "string", default: "50000" },
      rounds: { type: "string", default: "3" },
      seconds: { type: "string", default: "4" },
      "first-samples": { type: "string", default: "5" },
      "startup-runs": { type: "string", default: "3" },
      /** Rounds of the joint 1-post / 10,000-post throughput run (0 skips it). */
      "joint-rounds": { type: "string", default: "7" },
      target: { type: "string", default: "10000" },
      /** First-request samples per case in the joint run. */
      "joint-first-samples": { type: "string", default: "9" },
      "image-every": { type: "string", default: "10" },
      "subset-max": { type: "string", default: "1000" },
      /** Record the section and the chart in docs/ (only when every size was measured). */
      write: { type: "boolean", default: false },
      /** Also write the chart here (to look at it without touching docs/). */
      svg: { type: "string" },
    },
  });
  TARGET_N = Number(values.target);
  const opts: Options = {
    rounds: Number(values.rounds),
    seconds: Number(values.seconds),
    firstSamples: Number(values["first-samples"]),
    startupRuns: Number(values["startup-runs"]),
    every: Number(values["image-every"]),
    subsetMax: Number(values["subset-max"]),
  };
  const served = new Set(sizesOf(values.sizes));
  const all = [...new Set([...served, ...sizesOf(values["build-only-sizes"])])].sort((a, b) => a - b);
  const work = mkdtempSync(join(tmpdir(), "edge-blog-scale-"));
  const rows: Row[] = [];
  const failed: { n: number; error: string }[] = [];
  const subsets = new Map<number, Row["subset"]>();
  const jointRounds = Number(values["joint-rounds"]);
  const joined = (n: number) => jointRounds > 0 && served.has(1) && served.has(TARGET_N) && (n === 1 || n === TARGET_N);
  let joint: Joint | undefined;
  try {
    for (const n of all) {
      console.log(`N=${n}: generating, building, bundling${served.has(n) ? ", serving" : " (build and deploy columns only)"}…`);
      try {
        rows.push(await measure(work, n, served.has(n), opts, subsets, joined(n)));
      } catch (e) {
        // One size failing (a build out of memory, say) must not throw away the others' hour.
        const error = (e as Error).message.split("\n")[0] ?? String(e);
        console.error(`N=${n}: failed: ${error}`);
        failed.push({ n, error });
      }
    }
    const one = rows.find((r) => r.n === 1)?.served;
    const big = rows.find((r) => r.n === TARGET_N)?.served;
    if (jointRounds > 0 && one && big) {
      console.log(`1 and ${TARGET_N} posts: warm throughput together, ${jointRounds} rounds…`);
      joint = await jointRun(work, one, big, {
        rounds: jointRounds,
        seconds: opts.seconds,
        firstSamples: Number(values["joint-first-samples"]),
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (rows.length === 0) throw new Error("no size could be measured");
  const { section, svg } = report(rows, failed, opts, await assetsRouting(), joint);
  console.log(`\n${section}\n`);
  if (values.svg) writeFileSync(resolve(values.svg), svg);
  if (values.write && failed.length === 0) {
    writeFileSync(join(root, "docs/scaling.svg"), svg);
    replaceSection(join(root, "docs/benchmarks.md"), "scale", section);
  }
  if (failed.length > 0) process.exitCode = 1;
}

await main();
