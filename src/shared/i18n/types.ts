import type { en } from "./catalogues/en.ts";

/** A message that depends on a number: one text per Intl.PluralRules category the language uses. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** One message: plain text with `{name}` slots, or plural forms. */
export type Message = string | PluralForms;

/** The keys every catalogue has: English's. */
export type MessageKey = keyof typeof en;

/** A language's strings: every key, each a message of the same kind as English's. */
export type Catalogue = Record<MessageKey, Message>;
