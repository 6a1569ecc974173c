/**
 * How large MathML in a post may draw. A length or a size is only text to the allow-list, so
 * `\rule{100000em}{100000em}` (an `<mspace>` 100,000em square with a black `mathbackground`)
 * covered the whole page, and in feeds the reader's window. Every length a MathML attribute or
 * inline style gives is held to MAX_MATH_LENGTH_EM, and every font size to MAX_MATH_SCALE, both
 * measured against the text around the formula: sizes nest (`mathsize="3em"` inside another is
 * 9em), so the check carries the scale down the tree (sanitize.ts).
 *
 * Pure, with no Node API: it runs in the build and in workerd's tests.
 */

/** The largest length (width, height, depth, offset, spacing) in ems of the surrounding text. */
export const MAX_MATH_LENGTH_EM = 10;
/** The largest font size, in ems of the surrounding text: above Temml's `\Huge` (2.488em). */
export const MAX_MATH_SCALE = 3;

/** Ems per unit, at the CSS reference sizes (16px text, 96 px to the inch); `mu` is TeX's 1/18em. */
const EM_PER_UNIT: Readonly<Record<string, number>> = {
  em: 1,
  ex: 0.5,
  px: 1 / 16,
  pt: 1 / 12,
  pc: 1,
  in: 6,
  cm: 6 / 2.54,
  mm: 0.6 / 2.54,
  q: 0.15 / 2.54,
  mu: 1 / 18,
};

/** MathML attributes that hold one length (or, for `mathsize`, a font size). */
const LENGTH_ATTRIBUTES = new Set([
  "width",
  "height",
  "depth",
  "voffset",
  "lspace",
  "rspace",
  "minsize",
  "maxsize",
  "linethickness",
]);
/** MathML attributes that hold a list of lengths, one per row or column. */
const LENGTH_LIST_ATTRIBUTES = new Set(["columnspacing", "rowspacing", "framespacing"]);
const COLOUR_ATTRIBUTES = new Set(["mathcolor", "mathbackground"]);

/** `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa` or a CSS colour keyword: nothing that is a function. */
const PLAIN_COLOUR = /^(?:#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})|[a-z]+)$/i;
const NUMBER_AND_UNIT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)([a-z%]*)$/i;

/**
 * A length's size in ems of its element's text, as a magnitude; undefined when it is not a
 * length. A percentage or a pseudo-unit (`-0.5width`: mpadded's own size) is a fraction of
 * something the check has bounded already, so it counts as that fraction (1 for 100%) of
 * `whole`; a bare number only as zero.
 */
export function lengthInEm(value: string, whole: number): number | undefined {
  const m = NUMBER_AND_UNIT.exec(value.trim());
  if (!m) return undefined;
  const n = Math.abs(Number(m[1]));
  const unit = (m[2] ?? "").toLowerCase();
  if (!Number.isFinite(n)) return undefined;
  if (unit === "") return n === 0 ? 0 : undefined;
  if (unit === "%") return (n / 100) * whole;
  if (unit === "width" || unit === "height" || unit === "depth") return n * whole;
  const per = EM_PER_UNIT[unit];
  return per === undefined ? undefined : n * per;
}

/** Whether a length is relative to a bounded size (a percentage, a pseudo-unit) rather than to the text. */
const relative = (value: string) => /(?:%|width|height|depth)$/i.test(value.trim());

/** The problem with one length at font size `scale`, quoted as `quoted`; undefined when it is small enough. */
function lengthProblem(quoted: string, value: string, scale: number): string | undefined {
  // Relative lengths: at most the whole (100%, 1width), whatever the font size.
  const em = lengthInEm(value, MAX_MATH_LENGTH_EM);
  if (em === undefined) return `${quoted} is not a length`;
  const drawn = relative(value) ? em : em * scale;
  return drawn > MAX_MATH_LENGTH_EM ? tooLarge(quoted, drawn) : undefined;
}

/** What an attribute does to the font size of its element's content (mathsize, scriptlevel). */
export interface MathCheck {
  problem?: string;
  /** The element's font size, in ems of the text around the formula. */
  scale: number;
}

/**
 * Checks one attribute of a MathML element whose parent's font size is `scale` ems of the text
 * around the formula. Attributes it does not know are not its business (the allow-list's).
 */
export function checkMathAttribute(tag: string, name: string, value: string, scale: number): MathCheck {
  const quoted = `${name}="${value}" on <${tag}>`;
  if (COLOUR_ATTRIBUTES.has(name)) {
    return PLAIN_COLOUR.test(value.trim())
      ? { scale }
      : { problem: `${quoted} is not a plain colour (#rrggbb or a name)`, scale };
  }
  if (name === "mathsize") {
    const size = lengthInEm(value, 1);
    if (size === undefined) return { problem: `${quoted} is not a font size`, scale };
    const next = size * scale;
    if (next > MAX_MATH_SCALE)
      return { problem: `${quoted} makes text ${round(next)} times its size; at most ${MAX_MATH_SCALE}`, scale };
    return { scale: next };
  }
  // Only a script level that shrinks (or sets an absolute level, never above the formula's own):
  // a negative one enlarges the text by 1/0.71 per step.
  if (name === "scriptlevel") {
    return /^\+?\d{1,2}$/.test(value.trim()) ? { scale } : { problem: `${quoted} would enlarge the text: use 0 or more`, scale };
  }
  const values = LENGTH_LIST_ATTRIBUTES.has(name) ? value.trim().split(/\s+/) : LENGTH_ATTRIBUTES.has(name) ? [value] : [];
  const problem = values.map((v) => lengthProblem(quoted, v, scale)).find((p) => p !== undefined);
  return problem ? { problem, scale } : { scale };
}

/** Checks the lengths in an inline style's value (`padding:0.3em 0 0 0`, `border:0.06em solid`). */
export function checkMathStyleLengths(tag: string, declaration: string, scale: number): string | undefined {
  const value = declaration.slice(declaration.indexOf(":") + 1);
  for (const token of value.trim().split(/\s+/)) {
    if (!/^[+-]?[\d.]/.test(token)) continue; // a keyword: solid, auto, block
    const problem = lengthProblem(`style "${declaration.trim()}" on <${tag}>`, token, scale);
    if (problem) return problem;
  }
  return undefined;
}

const round = (n: number) => (n >= 100_000 ? n.toExponential(1) : String(Math.round(n * 100) / 100));
const tooLarge = (quoted: string, em: number) =>
  `${quoted} is ${round(em)}em; math in a post may draw at most ${MAX_MATH_LENGTH_EM}em in any direction`;

/**
 * The first size or colour problem in MathML as Temml writes it (every tag a plain start or end
 * tag, every attribute double-quoted, no `style` left after math.ts's rewrite), found with a
 * stack of font sizes rather than a parser: the same checks as the sanitiser's walk, at a small
 * part of its cost per formula.
 */
export function temmlSizeProblem(mathml: string): string | undefined {
  const scales = [1];
  for (const [, end, tag = "", attrs = ""] of mathml.matchAll(/<(\/?)([a-z]+)((?:\s[^<>]*)?)>/g)) {
    if (end) {
      scales.pop();
      continue;
    }
    const parent = scales[scales.length - 1] ?? 1;
    const pairs = [...attrs.matchAll(/\s([a-z-]+)="([^"]*)"/g)].map(([, name = "", value = ""]) => [name, value] as const);
    const size = pairs.find(([name]) => name === "mathsize");
    const sized = size ? checkMathAttribute(tag, "mathsize", size[1], parent) : { scale: parent };
    if (sized.problem) return sized.problem;
    for (const [name, value] of pairs) {
      const problem = name === "mathsize" ? undefined : checkMathAttribute(tag, name, value, sized.scale).problem;
      if (problem) return problem;
    }
    scales.push(sized.scale);
  }
  return undefined;
}
