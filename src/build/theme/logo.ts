import { existsSync } from "node:fs";
import { join } from "node:path";
import { processFile } from "../media/process.ts";

/**
 * content/site/logo.svg or logo.png: published under a content-hashed name (served
 * `immutable`, like a post's images) and shown in the header at its own aspect ratio, with its
 * width and height read here so the header never shifts while it loads.
 */
export const LOGO_NAMES = ["logo.svg", "logo.png"] as const;
/** Smaller than this, a logo is a mistake (a favicon-sized file, a 1×1 placeholder). */
export const LOGO_MIN_PX = 16;

/**
 * Added to the stylesheet only when there is a logo (a blog without one keeps its bytes): the
 * header's height whatever the file's size; width and height attributes keep its aspect ratio.
 */
export const LOGO_CSS = ".brand img{display:block;height:2.5rem;width:auto;max-width:100%}";

export interface Logo {
  url: string;
  width: number;
  height: number;
}

export async function siteLogo(
  siteDir: string,
  cacheDir: string,
): Promise<{
  logo?: Logo;
  outputs: { url: string; from: string }[];
  cacheKey?: string;
  problem?: { file: string; message: string };
}> {
  const found = LOGO_NAMES.filter((n) => existsSync(join(siteDir, n)));
  if (found.length === 0) return { outputs: [] };
  const name = found[0] as string;
  if (found.length > 1) return { outputs: [], problem: { file: name, message: "and logo.png are both here: keep one" } };
  const result = await processFile(join(siteDir, name), `logo.${name.split(".")[1]}`, "image", cacheDir);
  const image = result.record.image;
  if (result.record.problem || !image) {
    return { outputs: [], problem: { file: name, message: result.record.problem ?? "could not be read as an image" } };
  }
  if (image.width < LOGO_MIN_PX || image.height < LOGO_MIN_PX) {
    return {
      outputs: [],
      problem: { file: name, message: `is ${image.width}×${image.height} px; a logo needs at least ${LOGO_MIN_PX} px each way` },
    };
  }
  return {
    logo: { url: result.record.url, width: image.width, height: image.height },
    outputs: result.outputs,
    ...(result.cacheKey ? { cacheKey: result.cacheKey } : {}),
  };
}
