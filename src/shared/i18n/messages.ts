import { pickCatalogue } from "./catalogues.ts";
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
  parts<T>(key: MessageKey, vars: Record<string, T | string | number>): (T | string)[];
}

const SLOT = /\{(\w+)\}/g;

/**
 * The messages of `language` (its catalogue, see pickCatalogue), with the site's `strings`
 * overrides on top. Numbers in slots are formatted by Intl.NumberFormat for the language, and
 * plural forms chosen by Intl.PluralRules, falling back to `other` where a catalogue (or an
 * override) gives fewer forms than the language has.
 */
export function messagesFor(language: string, overrides: Partial<Record<MessageKey, Message>> = {}): Messages {
  const { catalogue } = pickCatalogue(language);
  const messages: Catalogue = { ...catalogue, ...overrides } as Catalogue;
  const plurals = new Intl.PluralRules(language);
  const numbers = new Intl.NumberFormat(language);
  const template = (key: MessageKey, vars: Record<string, unknown> | undefined): string => {
    const m = messages[key];
    if (typeof m === "string") return m;
    const n = vars?.n;
    return (typeof n === "number" ? m[plurals.select(n)] : undefined) ?? m.other;
  };
  const show = (v: unknown) => (typeof v === "number" ? numbers.format(v) : v);
  return {
    language,
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
          out.push(v === undefined ? `{${piece}}` : typeof v === "number" ? numbers.format(v) : v);
        });
      return out;
    },
  };
}
