import { DECORATIVE } from "./decorative.ts";
import { extensionOf, PLAYABLE_TYPES } from "./media.ts";
import type { MediaRef } from "./media-refs.ts";

/**
 * Every image says what it shows, whatever its URL and whatever kind of post it is in: a screen
 * reader reads the alt text, and a reader whose image does not load sees it. An image that adds
 * nothing is marked so on purpose (`{decorative}`, or `alt=""` on a raw `<img>`), so empty
 * brackets, often a slip, are never taken for one.
 */

/** Alt text as plain text: Markdown's backslash escapes and emphasis marks dropped, spaces collapsed. */
export const plainAlt = (alt: string) =>
  alt
    .replace(/\\([!-/:-@[-`{-~])/g, "$1")
    .replace(/[*_`]+/g, "")
    .replace(/\s+/g, " ")
    .trim();

/**
 * What is wrong with a reference's alt text, if it shows an image (`![alt](…)`, a raw
 * `<img src>`). `playable`: the file is a video or audio file, which the build turns into a
 * player, and a player has no empty name: there is no decorative video. A file the build did not
 * read (missing, or in a post without a folder) is taken for what its name says.
 */
export function altTextProblem(ref: MediaRef, read?: "video" | "audio"): string | undefined {
  const alt = plainAlt(ref.alt ?? "");
  const playable = read ?? ("path" in ref.target ? PLAYABLE_TYPES[extensionOf(ref.target.path)]?.kind : undefined);
  if (playable && ref.kind === "image") {
    return ref.decorative || alt === ""
      ? `${playable} ${ref.href} needs a description: say what it is, ![a short description](${ref.href})`
      : undefined;
  }
  if (ref.kind === "html" && ref.tag === "img" && ref.attribute === "src" && ref.alt === undefined) {
    return `image ${ref.href} has no alt text: say what it shows, <img src="${ref.href}" alt="a short description">, or write alt="" for an image that adds nothing`;
  }
  if (ref.kind === "image" && ref.decorative && alt !== "")
    return `image ${ref.href} is marked {decorative} but has alt text: drop one or the other`;
  if (ref.kind === "image" && !ref.decorative && alt === "") {
    return `image ${ref.href} has no alt text: say what it shows, ![a short description](${ref.href}), or mark an image that adds nothing ![](${ref.href})${DECORATIVE}`;
  }
  return undefined;
}
