import { utf8Bytes } from "./bytes.ts";
import { lazyRegExp } from "./lazy-regexp.ts";

/**
 * Tags in any script (`café`, `天気`, `ملاحظات`), decided here once for the build and the Worker.
 *
 * A tag's identity is its canonical form: NFC, lower-cased where its script has case. So `Café`,
 * `CAFÉ` and `cafe\u0301` (e + combining acute) are one tag, `café`, and its URL is that form
 * percent-encoded (`/tags/caf%C3%A9`). The Worker answers another spelling of a tag's URL with a
 * 301 to the canonical one (src/worker/routes/pages.ts).
 */

/**
 * Letters, marks and digits of any script, in runs joined by single hyphens. ZWNJ and ZWJ are
 * letters' business in Persian and the Indic scripts. No space, `/`, `.`, `#` or control: a tag is
 * one URL segment that needs no explaining.
 */
const TAG = lazyRegExp(String.raw`^[\p{L}\p{M}\p{N}\u200c\u200d]+(?:-[\p{L}\p{M}\p{N}\u200c\u200d]+)*$`, "u");

/** At most this many bytes of UTF-8: a tag's corpus file name is twice as long (see tagKey). */
export const MAX_TAG_BYTES = 100;

/** The one spelling of a tag: NFC, lower-cased (toLowerCase leaves scripts without case alone). */
export function canonicalTag(raw: string): string {
  // Lower-casing can leave a sequence NFC would compose differently, so normalise after it too.
  return raw.trim().normalize("NFC").toLowerCase().normalize("NFC");
}

/** Whether `tag` has a tag's shape (letters, marks and digits joined by hyphens), whatever its length. */
export const hasTagShape = (tag: string): boolean => TAG().test(tag);

/** Whether `tag` is a tag in its canonical form, and short enough. */
export function isCanonicalTag(tag: string): boolean {
  return TAG().test(tag) && canonicalTag(tag) === tag && utf8Bytes(tag) <= MAX_TAG_BYTES;
}

/**
 * The canonical tag when `tag` is another spelling of one (`Café`, `cafe\u0301`): the Worker
 * answers its URL with a 301. Undefined when `tag` is canonical already, or no tag at all.
 */
export function otherSpelling(tag: string): string | undefined {
  const canonical = canonicalTag(tag);
  return canonical !== tag && isCanonicalTag(canonical) ? canonical : undefined;
}

const ASCII_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A tag as ASCII, for what must be ASCII: its corpus file names and its `Cache-Tag`. An ASCII
 * tag is itself (so today's blogs keep their files); any other is `~` and the hex of its UTF-8,
 * which no ASCII tag can start with.
 */
export function tagKey(tag: string): string {
  if (ASCII_SLUG.test(tag)) return tag;
  let hex = "~";
  for (const byte of new TextEncoder().encode(tag)) hex += byte.toString(16).padStart(2, "0");
  return hex;
}
