/**
 * The build's command line and the folders it names (src/build/index.ts documents them): read
 * by the entry, which starts threads before the build is loaded, and by the build itself.
 */
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const root = resolve(import.meta.dirname, "../..");

const USAGE =
  "node src/build/index.ts [--content DIR] [--out DIR] [--assets DIR] [--cache DIR] [--preview] [--quiet] [--no-cards]";

/** Options parsed; an unknown or malformed one ends the process with the usage (exit 2), not a stack trace. */
function parsed() {
  try {
    return parseArgs({
      allowNegative: true,
      options: {
        // BLOG_CONTENT lets a harness serve other content through `npm start` (the end-to-end
        // suite serves the engine's fixture blog); authors never need it.
        content: { type: "string", default: process.env.BLOG_CONTENT ?? join(root, "content") },
        out: { type: "string" },
        assets: { type: "string" },
        cache: { type: "string" },
        preview: { type: "boolean", default: process.env.BLOG_PREVIEW === "1" },
        quiet: { type: "boolean", default: false },
        cards: { type: "boolean", default: true },
      },
    });
  } catch (e) {
    console.error(`✗ ${(e as Error).message}\n  usage: ${USAGE}`);
    process.exit(2);
  }
}

export function buildArgs() {
  const { values } = parsed();
  const outDir = resolve(values.out ?? join(root, "src", "generated"));
  return {
    values,
    contentDir: resolve(values.content),
    outDir,
    assetsDir: resolve(values.assets ?? (values.out ? join(outDir, "assets") : join(root, "dist", "assets"))),
    cacheDir: resolve(values.cache ?? join(root, "node_modules", ".cache", "edge-blog")),
  };
}
