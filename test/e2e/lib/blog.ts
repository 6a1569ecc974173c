// The blog the end-to-end suite serves: the engine's fixture blog, plus the posts that exercise
// what only a browser can check (footnotes and math, a folder post's images). Assembled afresh
// in test/e2e/.blog before the server starts.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";

export const ROOT = join(import.meta.dirname, "..", "..", "..");
export const BLOG = join(ROOT, "test", "e2e", ".blog");

export async function assembleBlog(): Promise<void> {
  rmSync(BLOG, { recursive: true, force: true });
  cpSync(join(ROOT, "test", "fixtures", "blog"), BLOG, { recursive: true });
  cpSync(join(ROOT, "test", "fixtures", "reader-features.md"), join(BLOG, "posts", "reader-features.md"));
  const walk = join(BLOG, "posts", "a-walk");
  mkdirSync(walk, { recursive: true });
  // Two pictures drawn here, so the suite needs no binary fixtures: a gradient sky and a field.
  const picture = (top: string, bottom: string) =>
    sharp(
      Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs><rect width="1600" height="900" fill="url(#g)"/></svg>`,
      ),
    )
      .jpeg({ quality: 80 })
      .toBuffer();
  writeFileSync(join(walk, "sky.jpg"), await picture("#7fb2e5", "#f3d9a4"));
  writeFileSync(join(walk, "field.jpg"), await picture("#9bc26b", "#4d6b2f"));
  writeFileSync(
    join(walk, "index.md"),
    [
      "---",
      'title: "A walk, in two pictures"',
      "date: 2025-05-01",
      "description: A folder post with its images beside it, for the end-to-end suite.",
      "tags: [walks]",
      "---",
      "",
      "We set out early.",
      "",
      "![A pale blue sky turning gold near the horizon](./sky.jpg)",
      "",
      "By noon the path ran between fields.",
      "",
      "![A green field darkening towards the bottom](field.jpg)",
      "",
    ].join("\n"),
  );
}
