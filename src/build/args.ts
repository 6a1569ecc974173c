/**
 * The build's command line and the folders it names (src/build/index.ts documents them): read
 * by the entry, which starts threads before the build is loaded, and by the build itself.
 */
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const root = resolve(import.meta.dirname, "../..");

export function buildArgs() {
  const { values } = parseArgs({
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
  const outDir = resolve(values.out ?? join(root, "src", "generated"));
  return {
    values,
    contentDir: resolve(values.content),
    outDir,
    assetsDir: resolve(values.assets ?? (values.out ? join(outDir, "assets") : join(root, "dist", "assets"))),
    cacheDir: resolve(values.cache ?? join(root, "node_modules", ".cache", "edge-blog")),
  };
}
