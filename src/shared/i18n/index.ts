/** The interface's words in the blog's language: catalogues, plural rules, writing direction. */
export { baseLanguage, CATALOGUES, isRightToLeft, MESSAGE_KEYS, pickCatalogue } from "./catalogues.ts";
export { type Messages, messagesFor, messagesIn, messagesOf, type Vars } from "./messages.ts";
export type { Catalogue, Message, MessageKey, PluralForms } from "./types.ts";
