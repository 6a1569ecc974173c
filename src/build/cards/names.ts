import { TAG_PATTERN } from "../../shared/languages.ts";
import { isSlug } from "../content/fields.ts";

/**
 * What a card is called: the post's name in its language (src/shared/languages.ts `nameIn`:
 * `hello`, `hello.pt-br`); its file is that name and a hash of its pixels' inputs
 * (`cards/hello.pt-br-0123abcd.png`). One place for the rule, for drawing cards and for pruning
 * the ones no post has any more.
 */

/** The folder of the assets directory the published cards are in: `/cards/<name>-<hash8>.png`. */
export const CARDS_DIR = "cards";

/** Whether a name is a card's (src/shared/languages.ts `nameIn`): a slug, and perhaps a lower-cased language tag. */
export function isCardName(name: string): boolean {
  const [slug = "", language, ...rest] = name.split(".");
  return isSlug(slug) && rest.length === 0 && (language === undefined || LOWER_TAG.test(language));
}

const LOWER_TAG = new RegExp(`^${TAG_PATTERN}$`);

const CARD = `[a-z0-9]+(?:-[a-z0-9]+)*(?:\\.${TAG_PATTERN})?-[0-9a-f]{8}\\.png`;

/** A card's file in cards/, of any post in any language: anything else there is not the build's. */
export const CARD_FILE: RegExp = new RegExp(`^${CARD}$`);

/**
 * A card being written, in cards/ or the cache (`<file>.<pid>.<thread>.tmp`, renamed when whole):
 * one that is still there was left by a build that failed or was stopped, and goes.
 */
export const CARD_TEMP: RegExp = new RegExp(`^(?:${CARD}|[0-9a-f]{64}\\.png)\\.\\d+(?:\\.\\d+)?\\.tmp$`);
