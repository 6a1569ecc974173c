/**
 * The assets directory (wrangler.toml `[assets]`): the build owns it. It holds the published
 * files of posts under media/, the social cards under cards/, and `_headers`; nothing else, since
 * every file in it is served in place of the Worker (`run_worker_first = false`), so a stray file
 * would shadow a page.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { CORPUS_PREFIX } from "../../shared/corpus.ts";
import { CARDS_DIR } from "../cards/names.ts";
import { MEDIA_DIR } from "../content/media.ts";
import type { Output } from "./process.ts";

const CORPUS_DIR = CORPUS_PREFIX.slice(1);

/**
 * Types a browser shows without running anything in them, and shows in a sandboxed document
 * (Chromium's PDF viewer included): a reader who follows a link to one sees it in the tab.
 * Everything else a post links is sent as a download: an HTML or XML page, an SVG, a file whose
 * extension the asset server maps to a type that runs script or one it does not know, and also
 * audio and video, whose player will not load into a document with no origin.
 */
export const INLINE_EXTENSIONS: readonly string[] = ["jpg", "jpeg", "png", "gif", "webp", "avif", "pdf", "txt"];

/**
 * Whatever a published file holds, its document runs no script and belongs to no origin:
 * `sandbox` gives it an opaque origin; `default-src 'none'` lets it load only its own images
 * (a photo opened in a tab shows itself) and inline styles (an SVG's).
 */
export const MEDIA_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";

/**
 * Headers for what Workers Static Assets serves without the Worker. Every file's name carries a
 * hash of its content, so it can be cached for ever (RFC 8246 `immutable`: not even revalidated
 * on reload). The Worker's own responses, including its 404 for a name that does not exist, are
 * not affected: these rules only apply to files found here.
 *
 * A post may link any file, and it is served from the blog's origin with the type the asset
 * server's MIME table gives its extension, which maps many (.shtml, .xsd, .rng…) to HTML or
 * XML. So the policy is on `/media/*`, whatever the extension: no sniffing, no script, no
 * origin, and a download (RFC 6266) unless the type is one of INLINE_EXTENSIONS. Workers Static
 * Assets applies every rule that matches, in order of their paths (`/media/*` sorts before
 * `/media/*.jpg`), and `! Name` removes a header an earlier rule set.
 */
export const HEADERS = `# Written by src/build/index.ts: headers for the files served without the Worker.
/${MEDIA_DIR}/*
  Cache-Control: public, max-age=31536000, immutable
  X-Content-Type-Options: nosniff
  Content-Security-Policy: ${MEDIA_CSP}
  Content-Disposition: attachment
${INLINE_EXTENSIONS.map((ext) => `/${MEDIA_DIR}/*.${ext}\n  ! Content-Disposition\n`).join("")}/${CARDS_DIR}/*
  Cache-Control: public, max-age=31536000, immutable
  X-Content-Type-Options: nosniff
`;

/** Creates the assets directory with its `_headers`, and removes what the build did not put there. */
export function prepareAssets(assetsDir: string): void {
  mkdirSync(assetsDir, { recursive: true });
  for (const name of readdirSync(assetsDir)) {
    // The corpus (src/build/write-corpus.ts) syncs its own folder, file by file.
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
