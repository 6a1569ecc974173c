/**
 * What names a card: a hash of everything that decides its pixels. That is its inputs (title,
 * date, site name, language, colours) and what draws them: the card code, the site's default
 * styles and date format, the renderer's and the fonts' packages, and ICU, which formats the
 * date and breaks the title's lines. The same inputs drawn by the same code give the same
 * pixels, so a card is named before it is drawn, without loading a font: the pages can name
 * their cards while the cards are drawn on other threads (src/build/cards/stage.ts).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import type { CardInput } from "./input.ts";

const root = resolve(import.meta.dirname, "../../..");
const CODE = [
  join(root, "src", "build", "cards"),
  join(root, "src", "shared", "styles.ts"),
  join(root, "src", "shared", "dates.ts"),
];
const PACKAGES = [
  "@resvg/resvg-js",
  "fontkit",
  "sharp",
  "@expo-google-fonts/noto-sans",
  "@expo-google-fonts/noto-sans-sc",
  "@expo-google-fonts/noto-sans-arabic",
  "@expo-google-fonts/noto-sans-hebrew",
];

let code: string | undefined;

/** The hash of the card code, the packages that draw and ICU's version; once a process. */
export function codeKey(): string {
  if (code !== undefined) return code;
  const h = createHash("sha256");
  for (const path of CODE) {
    const files = path.endsWith(".ts")
      ? [path]
      : readdirSync(path)
          .filter((f) => f.endsWith(".ts"))
          .sort()
          .map((f) => join(path, f));
    for (const file of files) h.update(file.slice(root.length)).update(readFileSync(file));
  }
  const require = createRequire(import.meta.url);
  for (const pkg of PACKAGES) {
    try {
      h.update(`${pkg}@${(require(`${pkg}/package.json`) as { version: string }).version}`);
    } catch {
      h.update(`${pkg}: not installed`);
    }
  }
  h.update(`icu ${process.versions.icu}`);
  code = h.digest("hex");
  return code;
}

/** SHA-256 (hex) of a card's inputs and the code that draws them: its name's hash, and its cache key. */
export function cardHash(input: CardInput): string {
  const { title, date, siteName, lang, colours } = input;
  return createHash("sha256")
    .update(`${codeKey()}\n${JSON.stringify([title, date, siteName, lang, colours ?? null])}`)
    .digest("hex");
}
