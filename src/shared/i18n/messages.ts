import { pickCatalogue } from "./catalogues.ts";
import { isSpellable, type NumberSpelling, spell } from "./numbers.ts";
import type { Catalogue, Message, MessageKey } from "./types.ts";

/** What fills a message's `{name}` slots; `n` also picks a plural form. */
export type Vars = Record<string, string | number>;

/**
 * A language's messages, ready for the views: `text` for strings, `parts` for messages with a
 * component in a slot (a date, a link), kept in the language's own word order. Views take one
 * through their props, so a page may one day be in another language than the site's.
 */
export interface Messages {
  /** The BCP 47 tag the messages are for (plural rules and numbers follow it). */
  readonly language: string;
  text(key: MessageKey, vars?: Vars): string;
  /** A number as the language writes it (a count in a list of tags). */
  number(n: number): string;
  parts<T>(key: MessageKey, vars: Record<string, T | string | number>): (T | string)[];
}

const SLOT = /\{(\w+)\}/g;

/**
 * The messages of `language` (its catalogue, see pickCatalogue), with the site's `strings`
 * overrides on top. Numbers in slots are formatted by Intl.NumberFormat for the language, and
 * plural forms chosen by Intl.PluralRules, falling back to `other` where a catalogue (or an
 * override) gives fewer forms than the language has.
 *
 * `spelling` (SiteConfig.numbers, found by the build) writes the whole numbers pages show
 * without Intl.NumberFormat, whose first use in a Worker isolate costs more CPU than the rest of
 * its start-up (numbers.ts). Both Intl objects are made on first use, never at start-up.
 */
export function messagesFor(
  language: string,
  overrides: Partial<Record<MessageKey, Message>> = {},
  spelling?: NumberSpelling,
): Messages {
  return messagesIn(pickCatalogue(language).catalogue, language, overrides, spelling);
}

/** messagesFor with the catalogue given: the Worker's way, whose script holds its blog's catalogues only (messagesOf). */
export function messagesIn(
  catalogue: Catalogue,
  language: string,
  overrides: Partial<Record<MessageKey, Message>> = {},
  spelling?: NumberSpelling,
): Messages {
  const messages: Catalogue = { ...catalogue, ...overrides } as Catalogue;
  let plurals: Intl.PluralRules | undefined;
  let numbers: Intl.NumberFormat | undefined;
  const template = (key: MessageKey, vars: Record<string, unknown> | undefined): string => {
    const m = messages[key];
    if (typeof m === "string") return m;
    const n = vars?.n;
    if (typeof n !== "number") return m.other;
    plurals ??= new Intl.PluralRules(language);
    return m[plurals.select(n)] ?? m.other;
  };
  const format = (n: number): string => {
    if (spelling !== undefined && isSpellable(n)) return spell(n, spelling);
    numbers ??= new Intl.NumberFormat(language);
    return numbers.format(n);
  };
  const show = (v: unknown) => (typeof v === "number" ? format(v) : v);
  return {
    language,
    number: format,
    text(key, vars) {
      return template(key, vars).replace(SLOT, (whole, name: string) => {
        const v = vars?.[name];
        return v === undefined ? whole : String(show(v));
      });
    },
    parts<T>(key: MessageKey, vars: Record<string, T | string | number>) {
      const out: (T | string)[] = [];
      // split with a capture group alternates text and slot names: odd indexes are slots.
      template(key, vars)
        .split(SLOT)
        .forEach((piece, i) => {
          if (i % 2 === 0) {
            if (piece !== "") out.push(piece);
            return;
          }
          const v = vars[piece];
          out.push(v === undefined ? `{${piece}}` : typeof v === "number" ? format(v) : v);
        });
      return out;
    },
  };
}

/** One Messages per site record: a blog (or, one day, each of its languages) is rendered with its own. */
const bySite = new WeakMap<object, Messages>();

/**
 * The messages a site record is rendered in: its `language`, its catalogue and its `strings`
 * overrides. The representations take them from the record they render, never from a global, so
 * a record for another language renders in that language.
 *
 * The catalogue is the record's own: the build writes each language's into its site record
 * (src/build/content/module.ts), so the Worker's script holds the blog's languages only, not
 * every catalogue (about a quarter of the script, all of it compiled at start-up). Nothing here
 * picks one, so a record without one is a mistake, said as one.
 */
export function messagesOf(site: {
  language: string;
  strings?: Partial<Record<MessageKey, Message>>;
  numbers?: NumberSpelling;
  catalogue?: Catalogue;
}): Messages {
  let m = bySite.get(site);
  if (m === undefined) {
    if (!site.catalogue) {
      throw new Error(`the site record for "${site.language}" has no catalogue: the build writes one (catalogueFor)`);
    }
    m = messagesIn(site.catalogue, site.language, site.strings, site.numbers);
    bySite.set(site, m);
  }
  return m;
}
