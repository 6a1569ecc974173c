/**
 * What V8 spends on a Worker's script before it serves anything, measured in Node, which
 * compiles and runs a bundle the same way workerd does: `new vm.SourceTextModule` (parsing and
 * compiling the module) and `evaluate()` (running its top level), each bundle in a fresh Node
 * process, interleaved with the Hono-constant peer, medians and the median of same-round
 * differences. `wrangler check startup`, the figure issue 25 sets its goal on, samples a small
 * Worker's start-up only one to four times (bench/run.ts); this is the steadier view of the
 * script's share of it. Node's V8 is not workerd's, so read it as a comparison, not a figure
 * for production.
 *
 *   node bench/compile.ts [--rounds 9]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import vm from "node:vm";
import { bundle } from "./bundle.ts";
import { fmt, median } from "./stats.ts";

interface Timing {
  compileMs: number;
  evaluateMs: number;
}

/** In the child process: compile and evaluate one bundle, print the two times as JSON. */
async function measure(file: string): Promise<Timing> {
  const source = readFileSync(file, "utf8");
  // What a Worker's top level may touch; the bundles here reach none of it before a request.
  const context = vm.createContext({ Response, Request, Headers, URL, TextEncoder, TextDecoder, crypto, Intl, console });
  const t0 = performance.now();
  const module = new vm.SourceTextModule(source, { context });
  const t1 = performance.now();
  await module.link(() => {
    throw new Error(`${file} imports a module: bench/compile.ts measures single-file bundles`);
  });
  const t2 = performance.now();
  await module.evaluate();
  const t3 = performance.now();
  return { compileMs: t1 - t0, evaluateMs: t3 - t2 };
}

function inChild(file: string): Timing {
  const out = execFileSync(
    process.execPath,
    ["--experimental-vm-modules", "--no-warnings", import.meta.filename, "--child", file],
    { encoding: "utf8" },
  );
  return JSON.parse(out) as Timing;
}

const { values } = parseArgs({
  options: { rounds: { type: "string", default: "9" }, child: { type: "string" } },
});

if (values.child) {
  process.stdout.write(JSON.stringify(await measure(values.child)));
} else {
  const root = resolve(import.meta.dirname, "..");
  const rounds = Number(values.rounds);
  execFileSync("node", [join(root, "src/build/index.ts"), "--quiet"], { stdio: "inherit" });
  const work = mkdtempSync(join(tmpdir(), "edge-blog-compile-"));
  try {
    // The peer's constant does not change what it compiles; a short one keeps it out of the way.
    const html = join(work, "article-html.js");
    writeFileSync(html, `export default "<p>constant</p>";\n`);
    const real = bundle(work, { name: "real", main: join(root, "src/worker/index.ts") });
    const hono = bundle(work, {
      name: "hono",
      main: join(root, "bench/workers/hono-constant.ts"),
      alias: { "bench:article-html": html },
    });
    const runs: Record<"real" | "hono", Timing[]> = { real: [], hono: [] };
    for (let i = 0; i < rounds; i++) {
      const order = i % 2 === 0 ? (["real", "hono"] as const) : (["hono", "real"] as const);
      // wrangler names the script after its main: index.js, hono-constant.js.
      for (const name of order)
        runs[name].push(inChild(join(name === "real" ? real.dir : hono.dir, name === "real" ? "index.js" : "hono-constant.js")));
    }
    const of = (name: "real" | "hono", key: keyof Timing) => runs[name].map((t) => t[key]);
    const over = (key: keyof Timing) => median(of("real", key).map((x, i) => x - (of("hono", key)[i] as number)));
    console.log(`${rounds} interleaved rounds, each bundle in a fresh Node ${process.version} process; medians (ms)`);
    console.log("");
    console.log("| bundle | KiB | compile | top level |");
    console.log("| --- | --- | --- | --- |");
    for (const [name, b] of [
      ["Hono-constant peer", hono],
      ["this Worker", real],
    ] as const) {
      const key = b === real ? "real" : "hono";
      console.log(
        `| ${name} | ${fmt(b.rawBytes / 1024, 0)} | ${fmt(median(of(key, "compileMs")), 2)} | ${fmt(median(of(key, "evaluateMs")), 2)} |`,
      );
    }
    const signed = (ms: number) => `${ms >= 0 ? "+" : ""}${fmt(ms, 2)}`;
    console.log(
      `| over the peer (median of same-round differences) | | ${signed(over("compileMs"))} | ${signed(over("evaluateMs"))} |`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
