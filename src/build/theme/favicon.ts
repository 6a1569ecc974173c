import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type sharpType from "sharp";
import type { SiteIcons } from "../../shared/types.ts";
import { cardColours } from "../cards/colours.ts";
import { mediaUrl } from "../content/media.ts";
import type { Output } from "../media/process.ts";

/**
 * content/site/favicon.svg or favicon.png: the icons browsers and phones ask for, derived at
 * build time with sharp: a 32 px PNG (tabs, and browsers without SVG icons), a 180 px
 * apple-touch-icon (iOS home screens; drawn on the blog's background, since iOS shows
 * transparency as black) and a web manifest naming them, with the blog's name and colours. Each is
 * published under a content-hashed name in /media/, so it is served `immutable`. Without a file,
 * the built-in icon (src/worker/views/favicon.ts) stays.
 */
export const FAVICON_NAMES = ["favicon.svg", "favicon.png"] as const;
/** A PNG is scaled down, never up: at least the largest icon made from it. */
export const FAVICON_MIN_PX = 180;
const SIZES = { png: 32, appleTouch: 180 } as const;
/** Bumped when what is made from an icon changes, so a cached icon is made again. */
const RECIPE = "favicon-1";

const sha256 = (...parts: (string | Uint8Array)[]) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest("hex");
};

export interface SiteFavicon {
  icons?: SiteIcons;
  outputs: Output[];
  problem?: { file: string; message: string };
}

/** `stylesheet`: the site's (for the manifest's colours and the touch icon's background). */
export async function siteFavicon(
  siteDir: string,
  cacheDir: string,
  site: { title: string; stylesheet: string },
): Promise<SiteFavicon> {
  const found = FAVICON_NAMES.filter((n) => existsSync(join(siteDir, n)));
  if (found.length === 0) return { outputs: [] };
  const name = found[0] as string;
  const fail = (message: string): SiteFavicon => ({ outputs: [], problem: { file: name, message } });
  if (found.length > 1) return fail("and favicon.png are both here: keep one");
  const bytes = readFileSync(join(siteDir, name));
  const svg = name.endsWith(".svg");
  // Loaded only for a blog with an icon of its own: sharp is a large native module.
  const { default: sharp } = await import("sharp");
  let meta: Awaited<ReturnType<ReturnType<typeof sharpType>["metadata"]>>;
  try {
    meta = await sharp(bytes).metadata();
  } catch {
    return fail(`could not be read as ${svg ? "an SVG" : "a PNG"} image`);
  }
  if (meta.format !== (svg ? "svg" : "png")) return fail(`is not ${svg ? "an SVG" : "a PNG"} image (it reads as ${meta.format})`);
  const { width = 0, height = 0 } = meta;
  if (width !== height) return fail(`is ${width}×${height} px; an icon must be square`);
  if (!svg && width < FAVICON_MIN_PX) {
    return fail(
      `is ${width}×${height} px; an icon needs at least ${FAVICON_MIN_PX}×${FAVICON_MIN_PX} px (the largest one made from it)`,
    );
  }

  const colours = cardColours(site.stylesheet);
  const key = sha256(RECIPE, "\n", colours.bg, "\n", bytes);
  const dir = join(cacheDir, "icons", key);
  // An SVG is drawn at the size asked for (sharp rasterises at 72 dpi by default: scale the density).
  const draw = (size: number) =>
    sharp(bytes, svg ? { density: Math.min(2400, Math.ceil((72 * size) / width)) } : {}).resize(size, size);
  // Made once per input and kept in the cache (a later build reads the files instead).
  const made = async (file: string, make: () => Promise<Buffer>, into = dir) => {
    const path = join(into, file);
    if (!existsSync(path)) {
      mkdirSync(into, { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, await make());
      renameSync(tmp, path);
    }
    return { path, url: mediaUrl(sha256(readFileSync(path)), file) };
  };
  try {
    const png = await made("favicon-32.png", () => draw(SIZES.png).png().toBuffer());
    const touch = await made("apple-touch-icon.png", () =>
      draw(SIZES.appleTouch).flatten({ background: colours.bg }).png().toBuffer(),
    );
    const source = svg ? { url: mediaUrl(sha256(bytes), "favicon.svg"), path: join(siteDir, name) } : undefined;
    const manifestJson = `${JSON.stringify(
      {
        name: site.title,
        short_name: site.title,
        start_url: "/",
        display: "browser",
        theme_color: colours.accent,
        background_color: colours.bg,
        icons: [
          ...(source ? [{ src: source.url, sizes: "any", type: "image/svg+xml" }] : []),
          { src: png.url, sizes: `${SIZES.png}x${SIZES.png}`, type: "image/png" },
          { src: touch.url, sizes: `${SIZES.appleTouch}x${SIZES.appleTouch}`, type: "image/png" },
        ],
      },
      null,
      2,
    )}\n`;
    // Its own entry: it changes with the title and colours, the images only with the file.
    const manifest = await made(
      "site.webmanifest",
      async () => Buffer.from(manifestJson),
      join(cacheDir, "icons", sha256(manifestJson)),
    );
    const icon = source ? { url: source.url, type: "image/svg+xml" } : { url: png.url, type: "image/png" };
    return {
      icons: { icon, png: png.url, appleTouch: touch.url, manifest: manifest.url },
      outputs: [...(source ? [source] : []), png, touch, manifest].map((o) => ({ url: o.url, from: o.path })),
    };
  } catch (e) {
    return fail(`could not be drawn as an icon: ${(e as Error).message}`);
  }
}
