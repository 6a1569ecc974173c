import type { MarkedExtension, Tokens } from "marked";
import temml from "temml";
import { temmlSizeProblem } from "./math-limits.ts";

/**
 * TeX math to MathML at build time, with Temml: MathML Core renders in current browsers with
 * no script and no web font, so a page with formulas stays a static page.
 *
 * Temml writes some presentation as inline `style="…"` attributes and as classes that its own
 * stylesheet styles. The page's CSP (`style-src` with one hash, no 'unsafe-inline') blocks
 * every `style` attribute, and the site does not load Temml's stylesheet, so the output is
 * rewritten here against an allow-list: what MathML can say as an attribute or element becomes
 * that (`color` → `mathcolor`, `math-depth` → `<mstyle scriptlevel>`), what is only fine spacing is dropped (the browser's MathML defaults apply), two
 * alignment classes stay (styled in src/shared/styles.ts), and anything else would be drawn
 * wrong or not at all, so it is reported as a build error naming the formula rather than
 * shipped as a silently wrong page.
 */

export type MathResult = { ok: true; html: string } | { ok: false; reason: string };

/** Classes styled by src/shared/styles.ts: column alignment in `aligned`, `cases`, arrays. */
const KEPT_CLASSES = new Set(["tml-left", "tml-right"]);

/**
 * Classes of Temml's stylesheet that only fine-tune a glyph (italic correction, WebKit and
 * Firefox nudges, a font feature, row spacing): without them the formula still reads right.
 */
const COSMETIC_CLASS =
  /^(?:tml-display|tml-(?:sml|med|lrg)-pad|tml-prime|tml-vec|tml-jot|tml-small|mathcal|mathscr|(?:chr|wbk)-[a-z-]+|tml-(?:hat|tilde)-\d)$/;

/**
 * The MathML this site ships, for the build's own check and for any HTML sanitiser after it:
 * the presentation elements Temml writes that MathML Core renders, and their attributes.
 * Not allowed, so a formula needing them fails the build: `menclose` (Core has no notations;
 * Temml draws them with its stylesheet), HTML inside math (`<a>` from \ref, `<span>` in
 * numbered environments), `id` (from \label; it could collide with the page's ids), `href`.
 */
export const MATHML_ELEMENTS: ReadonlySet<string> = new Set([
  "math",
  "mrow",
  "mi",
  "mn",
  "mo",
  "mtext",
  "mspace",
  "mpadded",
  "mphantom",
  "mstyle",
  "mfrac",
  "msqrt",
  "mroot",
  "msub",
  "msup",
  "msubsup",
  "munder",
  "mover",
  "munderover",
  "mmultiscripts",
  "mprescripts",
  "none",
  "mtable",
  "mtr",
  "mtd",
  // The formula's TeX, which MathML Core never draws: search indexes and quotes it (src/search/doc.ts).
  "semantics",
  "annotation",
]);
export const MATHML_ATTRIBUTES: ReadonlySet<string> = new Set([
  "display",
  "displaystyle",
  "scriptlevel",
  "mathvariant",
  "mathcolor",
  "mathbackground",
  "mathsize",
  "accent",
  "fence",
  "form",
  "largeop",
  "linebreak",
  "lspace",
  "rspace",
  "maxsize",
  "minsize",
  "movablelimits",
  "separator",
  "stretchy",
  "symmetric",
  "linethickness",
  "width",
  "height",
  "depth",
  "voffset",
  "columnalign",
  "rowspacing",
  // On <annotation>: "application/x-tex".
  "encoding",
  // Only tml-left and tml-right survive (see KEPT_CLASSES).
  "class",
]);

/** Longest formula the build accepts: far beyond any real one, and bounds Temml's work. */
export const MAX_TEX_LENGTH = 10_000;

/** One line, at most 80 characters: how a formula is quoted in a build error. */
export function quoteTex(tex: string): string {
  const flat = tex.replace(/\s+/g, " ").trim();
  const chars = Array.from(flat);
  return chars.length <= 80 ? flat : `${chars.slice(0, 79).join("")}…`;
}

/** Temml's messages end with the formula again, underlined with combining marks: keep the sentence. */
function cleanReason(message: string): string {
  const first = (message.trim().split("\n")[0] ?? "").trim();
  const at = /^(.*? at (?:position \d+|end of input)):/.exec(first);
  return (at?.[1] ?? first).replace(/:$/, "") || "Temml could not parse it";
}

type Rewrite = { ok: true; attrs: string } | { ok: false; reason: string };

/** One start tag's attributes, rewritten to what the CSP and the stylesheet allow. */
function rewriteAttributes(element: string, attrs: string): Rewrite {
  const out: [string, string][] = [];
  const classes: string[] = [];
  const ATTRIBUTE = /\s([a-z-]+)="([^"]*)"/g;
  // Anything but double-quoted attributes (Temml writes \ref's href in single quotes) is refused.
  if (attrs.replace(ATTRIBUTE, "").trim() !== "") {
    return { ok: false, reason: `produces markup this site does not allow in math (<${element}${attrs}>)` };
  }
  for (const [, name = "", value = ""] of attrs.matchAll(ATTRIBUTE)) {
    if (name !== "style" && !MATHML_ATTRIBUTES.has(name)) {
      return { ok: false, reason: `produces the attribute ${name} on <${element}>, which this site does not allow` };
    }
    if (name === "class") {
      for (const c of value.split(/\s+/).filter(Boolean)) {
        if (KEPT_CLASSES.has(c)) classes.push(c);
        else if (!COSMETIC_CLASS.test(c)) {
          return { ok: false, reason: `needs Temml's stylesheet (class "${c}"), which this site does not load` };
        }
      }
    } else if (name === "style") {
      for (const declaration of value.split(";")) {
        const colon = declaration.indexOf(":");
        if (colon < 0) continue;
        const prop = declaration.slice(0, colon).trim();
        const val = declaration.slice(colon + 1).trim();
        if (element === "math" && prop === "display" && val === "block math") continue; // from display="block"
        if (element === "mtd" && /^padding(?:-(?:left|right|top|bottom))?$/.test(prop)) continue; // browser default
        if (element === "mtd" && prop === "text-align" && /^(?:left|right)$/.test(val)) classes.push(`tml-${val}`);
        else if (prop === "color" && /^(?:#[0-9a-fA-F]{3,8}|[a-zA-Z]+)$/.test(val) && val !== "undefined") {
          out.push(["mathcolor", val]);
        } else {
          return {
            ok: false,
            reason: `needs an inline style ("${prop}:${val}") that the page's Content-Security-Policy blocks`,
          };
        }
      }
    } else out.push([name, value]);
  }
  const unique = [...new Set(classes)];
  if (unique.length > 0) out.push(["class", unique.join(" ")]);
  return { ok: true, attrs: out.map(([n, v]) => ` ${n}="${v}"`).join("") };
}

/**
 * Temml's markup checked against the allow-lists, with every `style` attribute and unstyled
 * class resolved. Temml escapes text and attribute values, so `<` and `>` occur only in tags
 * and the tag patterns are exact.
 */
export function cspSafeMathML(mathml: string): MathResult {
  let failure: string | undefined;
  // Accents and braces keep their size with `math-depth:0` on the `<mo>`: an `<mstyle
  // scriptlevel>` around it says the same in MathML (the Nu checker allows scriptlevel
  // only on mstyle). An `<mo>` holds only text, so its end tag is the next `</mo>`.
  const wrapped = mathml.replace(
    /<mo((?:\s[^<>]*?)?) style="math-depth:(\d+);"((?:\s[^<>]*)?)>([^<]*)<\/mo>/g,
    '<mstyle scriptlevel="$2"><mo$1$3>$4</mo></mstyle>',
  );
  // Every tag must be a start or end tag the pattern below sees: no comments, no odd markup.
  const stray = /[<>]/.exec(wrapped.replace(/<\/?[a-z]+(?:\s[^<>]*)?>/g, ""));
  if (stray) return { ok: false, reason: "produces markup this site does not allow in math" };
  const html = wrapped.replace(/<([a-z]+)((?:\s[^<>]*)?)>/g, (tag, element: string, attrs: string) => {
    if (failure) return tag;
    if (!MATHML_ELEMENTS.has(element)) {
      failure = `produces <${element}>, which is not in the MathML this site allows`;
      return tag;
    }
    if (attrs === "") return tag;
    const rewritten = rewriteAttributes(element, attrs);
    if (!rewritten.ok) {
      failure = rewritten.reason;
      return tag;
    }
    return `<${element}${rewritten.attrs}>`;
  });
  return failure ? { ok: false, reason: failure } : { ok: true, html };
}

/**
 * TeX to MathML, or the reason it cannot be shown. Never throws. `annotate` keeps the TeX in
 * <annotation encoding="application/x-tex">, which MathML Core never draws: search indexes and
 * quotes it (src/search/doc.ts) instead of the formula flattened ("E = m c 2").
 */
export function renderTex(tex: string, display: boolean, annotate = true): MathResult {
  if (tex.length > MAX_TEX_LENGTH) return { ok: false, reason: `is longer than ${MAX_TEX_LENGTH} characters` };
  let mathml: string;
  try {
    // throwOnError: bad TeX must fail the build, not render in red on the page.
    // trust stays false: no \href, \class, \includegraphics from post sources.
    mathml = temml.renderToString(tex, { displayMode: display, throwOnError: true, trust: false, annotate });
  } catch (e) {
    // A ParseError explains itself; anything else is Temml tripping over the input.
    if (e instanceof temml.ParseError) return { ok: false, reason: cleanReason((e as Error).message) };
    return { ok: false, reason: `Temml failed on it (${e instanceof Error ? e.message : String(e)})` };
  }
  const safe = cspSafeMathML(mathml);
  if (!safe.ok) return safe;
  // The sizes and colours every post's HTML is held to (math-limits.ts; the sanitiser checks
  // them again), here so that the build error names the formula: `\rule{100000em}{100000em}`
  // would cover the page.
  const problem = temmlSizeProblem(safe.html);
  return problem ? { ok: false, reason: problem } : safe;
}

interface MathToken extends Tokens.Generic {
  type: "inlineMath" | "blockMath";
  text: string;
  display: boolean;
  /** In a heading, whose id is made from its text: no annotation, or the TeX would be in the id twice. */
  inHeading?: boolean;
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/*
 * Delimiters, as Pandoc's tex_math_dollars reads them:
 * - `$…$` inline: the opening `$` is not followed by white space, the closing `$` is not
 *   preceded by white space nor followed by a digit, so "$5 and $10" stays prose;
 * - `$$…$$` display, either as a block of its own (lines starting and ending with `$$`) or
 *   inside a paragraph;
 * - `\$` is a literal dollar everywhere (marked's own escape rule outside math; inside, a
 *   backslash pair is TeX's and never ends the formula);
 * - code spans and code blocks are tokenised before text, so a `$` in code is never math;
 *   and a formula never contains a backtick, so "$10 and `$x$`" cannot swallow a code span
 *   that starts after a stray dollar (TeX needs no backtick in math).
 */
const BLOCK = /^ {0,3}\$\$((?:\\[^`]|[^\\$`]|\$(?!\$))+?)\$\$[ \t]*(?:\n+|$)/;
const DISPLAY = /^\$\$((?:\\[^`]|[^\\$`]|\$(?!\$))+?)\$\$/;
const INLINE = /^\$(?![\s$])((?:\\[^`]|[^\\$`])+?)(?<!\s)\$(?!\d)/;

/**
 * A marked extension for `$…$` and `$$…$$`. A formula that cannot be shown is passed to
 * `onError` (the build reports it against the file) and rendered as its escaped source.
 */
export function markedMath(onError: (tex: string, reason: string) => void): MarkedExtension {
  const render = (token: MathToken) => {
    const result = renderTex(token.text, token.display, !token.inHeading);
    if (result.ok) return result.html;
    onError(token.text, result.reason);
    return `<code>${escapeHtml(token.text)}</code>`;
  };
  const markHeadings = (tokens: Tokens.Generic[] | undefined) => {
    for (const t of tokens ?? []) {
      if (t.type === "inlineMath") (t as MathToken).inHeading = true;
      markHeadings(t.tokens);
    }
  };
  return {
    walkTokens(token) {
      if (token.type === "heading") markHeadings(token.tokens);
    },
    extensions: [
      {
        name: "blockMath",
        level: "block",
        tokenizer(src) {
          const m = BLOCK.exec(src);
          if (!m?.[1]?.trim()) return undefined;
          return { type: "blockMath", raw: m[0], text: m[1].trim(), display: true } satisfies MathToken;
        },
        renderer: (token) => `${render(token as MathToken)}\n`,
      },
      {
        name: "inlineMath",
        level: "inline",
        start: (src) => {
          const i = src.indexOf("$");
          return i < 0 ? undefined : i;
        },
        tokenizer(src) {
          const display = DISPLAY.exec(src);
          if (display?.[1]?.trim()) {
            return { type: "inlineMath", raw: display[0], text: display[1].trim(), display: true } satisfies MathToken;
          }
          const inline = INLINE.exec(src);
          if (!inline?.[1]) return undefined;
          return { type: "inlineMath", raw: inline[0], text: inline[1], display: false } satisfies MathToken;
        },
        renderer: (token) => render(token as MathToken),
      },
    ],
  };
}
