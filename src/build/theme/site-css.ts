/**
 * content/site/style.css: the author's own CSS, appended to the built-in stylesheet and inlined
 * in every page under the same CSP hash. The page's CSP lets nothing load (no font-src, images
 * from this site only), so anything that would fetch is refused here, with its line, instead of
 * failing silently in the reader's browser:
 * - `@import` (another stylesheet) and every `url()`/`image-set()`/`src()`, even a relative or
 *   `data:` one: relative names are not published files, and the CSP blocks `data:` fonts and
 *   images alike. Colours, gradients and system fonts need none of them.
 * - a backslash escape, which could spell `url(` or `@import` past this check;
 * - `</style`, which would end the inline `<style>` element and let the rest be read as HTML.
 */
const REFUSED: [RegExp, string][] = [
  [/@import\b/i, "@import is not allowed: the page's CSP loads no other stylesheet; put the rules in style.css"],
  [
    /\b(url|image-set|src)\s*\(/i,
    "url() is not allowed: the page's CSP loads no fonts or images from CSS; use colours, gradients and system fonts",
  ],
  [/\\/, "backslash escapes are not allowed (they could spell url( or @import); write the character itself"],
  [/<\/style/i, "</style would end the page's stylesheet early"],
];

/** At most this much CSS: it is inlined in every page. */
export const SITE_CSS_MAX_BYTES = 16 * 1024;

/** Problems in style.css, `field` being `line N` (or `file`), in line order; empty when it can be used. */
export function siteCssProblems(css: string): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const bytes = new TextEncoder().encode(css).length;
  if (bytes > SITE_CSS_MAX_BYTES) {
    problems.push({ field: "file", message: `is ${bytes} bytes, more than ${SITE_CSS_MAX_BYTES}: every page inlines it` });
  }
  // Comments are stripped first (keeping their line breaks), so a commented-out rule is no problem.
  const text = css.replace(/\/\*[\s\S]*?(\*\/|$)/g, (c) => c.replace(/[^\n]/g, " "));
  text.split("\n").forEach((line, i) => {
    // The first reason a line is refused is enough: `@import url(…)` is one mistake, not two.
    const refused = REFUSED.find(([pattern]) => pattern.test(line));
    if (refused) problems.push({ field: `line ${i + 1}`, message: refused[1] });
  });
  return problems;
}
