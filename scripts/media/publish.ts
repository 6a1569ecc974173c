/**
 * The assets directory (wrangler.toml `[assets]`): the build owns it. It holds the published
 * files of posts under media/, the social cards under cards/, and `_headers`; nothing else, since
 * every file in it is served in place of the Worker (`run_worker_first = false`), so a stray file
 * would shadow a page.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { CORPUS_PREFIX } from "../../src/content/corpus.ts";
import { MEDIA_DIR } from "../../src/content/media.ts";
import type { Output } from "./process.ts";

export const CARDS_DIR = "cards";
const CORPUS_DIR = CORPUS_PREFIX.slice(1);

/**
 * Headers for what Workers Static Assets serves without the Worker. Every file's name carries a
 * hash of its content, so it can be cached for ever (RFC 8246 `immutable`: not even revalidated
 * on reload). The Worker's own responses, including its 404 for a name that does not exist, are
 * not affected: these rules only apply to files found here.
 *
 * A post may link any file, SVGs and HTML pages included, and they are served from the blog's
 * origin: those that a browser would run scripts in get a policy that allows none (`sandbox`
 * also gives them an opaque origin). Not applied to everything: a sandboxed PDF does not open in
 * Chrome's viewer.
 */
export const HEADERS = `# Written by scripts/build-content.ts: headers for the files served without the Worker.
/${MEDIA_DIR}/*
  Cache-Control: public, max-age=31536000, immutable
  X-Content-Type-Options: nosniff
${["svg", "svgz", "html", "htm", "xhtml", "xht", "xml", "xsl"]
  .map(
    (ext) =>
      `/${MEDIA_DIR}/*.${ext}\n  Content-Security-Policy: default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox\n`,
  )
  .join("")}/${CARDS_DIR}/*
  Cache-Control: public, max-age=31536000, immutable
  X-Content-Type-Options: nosniff
`;

/** Creates the assets directory with its `_headers`, and removes what the build did not put there. */
export function prepareAssets(assetsDir: string): void {
  mkdirSync(assetsDir, { recursive: true });
  for (const name of readdirSync(assetsDir)) {
    // The corpus (scripts/write-corpus.ts) syncs its own folder, file by file.
    if (name !== MEDIA_DIR && name !== CARDS_DIR && name !== "_headers" && name !== CORPUS_DIR)
      rmSync(join(assetsDir, name), { recursive: true, force: true });
  }
  writeFileSync(join(assetsDir, "_headers"), HEADERS);
}

/**
 * Copies `outputs` into `assetsDir/media`, skipping files already there (a name is a content
 * hash, so same name means same bytes), and removes every file no output names.
 */
export function publishMedia(assetsDir: string, outputs: readonly Output[]): { copied: number } {
  const wanted = new Map(outputs.map((o) => [o.url.replace(/^\//, ""), o.from]));
  let copied = 0;
  for (const [relative, from] of wanted) {
    const to = join(assetsDir, relative);
    if (existsSync(to) && statSync(to).size === statSync(from).size) continue;
    mkdirSync(dirname(to), { recursive: true });
    const tmp = `${to}.${process.pid}.tmp`;
    copyFileSync(from, tmp);
    renameSync(tmp, to);
    copied++;
  }
  const media = join(assetsDir, MEDIA_DIR);
  if (!existsSync(media)) return { copied };
  for (const hash of readdirSync(media)) {
    const dir = join(media, hash);
    if (!statSync(dir).isDirectory()) {
      rmSync(dir);
      continue;
    }
    for (const name of readdirSync(dir)) {
      if (!wanted.has(`${MEDIA_DIR}/${hash}/${name}`)) rmSync(join(dir, name), { recursive: true, force: true });
    }
    if (readdirSync(dir).length === 0) rmSync(dir, { recursive: true });
  }
  return { copied };
}
