import { ar } from "./catalogues/ar.ts";
import { de } from "./catalogues/de.ts";
import { en } from "./catalogues/en.ts";
import { es } from "./catalogues/es.ts";
import { fr } from "./catalogues/fr.ts";
import { he } from "./catalogues/he.ts";
import { it } from "./catalogues/it.ts";
import { ja } from "./catalogues/ja.ts";
import { pt } from "./catalogues/pt.ts";
import { zh } from "./catalogues/zh.ts";
import type { Catalogue, MessageKey } from "./types.ts";

/** Every shipped catalogue, by base language (BCP 47 primary subtag). */
export const CATALOGUES: Readonly<Record<string, Catalogue>> = { en, pt, es, fr, de, it, ja, zh, ar, he };

/**
 * The keys a catalogue has, and that `strings:` in site.yaml may override. Marked pure so that
 * the Worker's bundle, which never reads it, drops it and English with it: a call at the top
 * level is otherwise kept, for all the bundler knows of its effects.
 */
export const MESSAGE_KEYS = /* @__PURE__ */ Object.keys(en) as MessageKey[];

/** Languages written right to left, by base language: `dir="rtl"` on `<html>`. */
const RTL = new Set(["ar", "he", "fa", "ur", "yi", "ps", "sd", "dv", "ug", "ckb"]);

export const isRightToLeft = (language: string): boolean => RTL.has(baseLanguage(language));

export const baseLanguage = (language: string): string => (language.split("-")[0] ?? language).toLowerCase();

/**
 * The catalogue for a language tag: the tag itself, then its base (`pt-BR` → `pt`), then
 * English. `fallback` says English stood in for a language with no catalogue, which the build
 * reports once. (A catalogue keyed by a full tag, `pt-PT`, would be found first.)
 */
export function pickCatalogue(language: string): { code: string; catalogue: Catalogue; fallback: boolean } {
  const exact = CATALOGUES[language.toLowerCase()];
  if (exact) return { code: language.toLowerCase(), catalogue: exact, fallback: false };
  const base = baseLanguage(language);
  const found = CATALOGUES[base];
  if (found) return { code: base, catalogue: found, fallback: false };
  return { code: "en", catalogue: en, fallback: true };
}
