import { CATALOGUES, MESSAGE_KEYS, type Message, type MessageKey, pickCatalogue } from "../../shared/i18n/index.ts";
import type { BuildError } from "../../shared/types.ts";
import { singleLineProblem } from "./fields.ts";
import { closest } from "./suggest.ts";

/**
 * `strings:` in site.yaml: the author's own words for any of the interface's, by catalogue key
 * (`relatedPosts: Leia também`). A key the catalogues do not have is an error with the nearest
 * key, so a typo never silently leaves the default in place. A message with plural forms takes
 * either one text for every number or a mapping of the language's plural categories.
 */
export function parseStrings(
  value: unknown,
  language: string,
  at: (field: string, message: string) => void,
): Partial<Record<MessageKey, Message>> {
  const out: Partial<Record<MessageKey, Message>> = {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    at("strings", "must be a mapping of `key: text` lines, keys as listed in docs/customising.md");
    return out;
  }
  const english = CATALOGUES.en as Record<MessageKey, Message>;
  let categories: string[] = ["other"];
  try {
    categories = [...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort();
  } catch {
    // An invalid language is reported on its own field; English's categories stand in.
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const field = `strings.${key}`;
    if (!MESSAGE_KEYS.includes(key as MessageKey)) {
      const guess = closest(key, MESSAGE_KEYS);
      at(field, `unknown string${guess ? ` (did you mean ${guess}?)` : ""}; the keys are listed in docs/customising.md`);
      continue;
    }
    const k = key as MessageKey;
    const text = (t: unknown, where: string): string | undefined => {
      if (typeof t !== "string" || t.trim() === "") {
        at(where, "must be non-empty text");
        return undefined;
      }
      const line = singleLineProblem(t);
      if (line) at(where, line);
      return t;
    };
    if (typeof english[k] === "string" || typeof v === "string") {
      const t = text(v, field);
      if (t !== undefined) out[k] = t;
      continue;
    }
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
      at(field, `must be text, or a mapping of plural forms (${categories.join(", ")})`);
      continue;
    }
    const forms: Record<string, string> = {};
    for (const [category, form] of Object.entries(v as Record<string, unknown>)) {
      if (!categories.includes(category)) {
        at(`${field}.${category}`, `is not a plural form of ${language}; its forms are ${categories.join(", ")}`);
        continue;
      }
      const t = text(form, `${field}.${category}`);
      if (t !== undefined) forms[category] = t;
    }
    if (forms.other === undefined) at(field, "must give the `other` form, used for every number without its own");
    else out[k] = forms as Message;
  }
  return out;
}

/** The warning for a language with no catalogue of its own or of its base: English stands in. */
export function catalogueWarning(file: string, language: string): BuildError | undefined {
  if (!pickCatalogue(language).fallback) return undefined;
  const shipped = Object.keys(CATALOGUES).join(", ");
  return {
    file,
    field: "language",
    message: `no interface strings for "${language}", so the interface is in English (dates are still in ${language}); shipped: ${shipped}. Give your own under strings:`,
  };
}
