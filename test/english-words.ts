import { CATALOGUES, MESSAGE_KEYS, type Message, type MessageKey } from "../src/shared/i18n/index.ts";

/** Whether `words` occurs in `text` as whole words (so "Part" is not found in "Parte"). */
export const hasWords = (text: string, words: string) =>
  new RegExp(`(?<!\\p{L})${words.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?!\\p{L})`, "u").test(text);

/** The words of an English message that no other text on a page could contain. */
export function englishWords(key: MessageKey): string[] {
  const m = CATALOGUES.en?.[key] as Message;
  return (typeof m === "string" ? [m] : Object.values(m))
    .flatMap((v) => (v ?? "").split(/\{\w+\}|[←→#:.,“”()`]/))
    .map((s) => s.trim())
    .filter((s) => /[a-z]{3}/i.test(s));
}

/**
 * The English interface words found in `texts`, as `key: words`, but for the loanwords the
 * language shares with English (`shared`).
 */
export function englishFound(texts: readonly string[], shared: ReadonlySet<string>): string[] {
  return MESSAGE_KEYS.flatMap((key) =>
    englishWords(key)
      .filter((w) => !shared.has(w) && texts.some((text) => hasWords(text, w)))
      .map((w) => `${key}: ${w}`),
  );
}
