/**
 * highlight.ts for workerd, where the engine's tests run the pipeline and no grammar can be
 * loaded on demand: the main module, every language registered. vitest.config.ts swaps it in.
 */
import hljs from "highlight.js";

/** `code` as highlight.js's HTML in `lang` (a name or alias, any case), or as plain text for one it does not know. */
export function highlightCode(code: string, lang: string): string {
  const language = lang && hljs.getLanguage(lang) ? lang : "plaintext";
  return hljs.highlight(code, { language }).value;
}
