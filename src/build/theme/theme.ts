import { STYLES } from "../../shared/styles.ts";
import type { BuildError } from "../../shared/types.ts";
import { unknownFieldMessage } from "../content/suggest.ts";
import { AA_NON_TEXT, AA_TEXT, contrastRatio, formatRatio, parseHex } from "./contrast.ts";

/**
 * `theme:` in content/site.yaml: the blog's colours for light and dark, a font and a code
 * highlighting theme, validated like the rest of site.yaml and turned into CSS appended to the
 * built-in stylesheet. Every colour pair a page draws is checked against WCAG 2.2 AA here, so a
 * theme that would be hard to read never builds.
 */

const COLOURS = ["accent", "background", "text", "link"] as const;
type Colour = (typeof COLOURS)[number];
type Scheme = Partial<Record<Colour, string>>;
const SCHEMES = ["light", "dark"] as const;
type SchemeName = (typeof SCHEMES)[number];

/** System font stacks: no web font is fetched (the CSP has no font-src, and none is needed). */
export const FONTS = {
  sans: null,
  serif: 'ui-serif,Georgia,Cambria,"Times New Roman",Times,serif',
  mono: "ui-monospace,SFMono-Regular,Menlo,Consolas,monospace",
} as const;
type Font = keyof typeof FONTS;

/** Token colours, and the markers of a diff's inserted and deleted lines (code-blocks.ts). */
type Tokens = { codeBg: string; k: string; s: string; c: string; n: string; f: string; t: string; ins: string; del: string };
/**
 * The code-highlighting themes, each with a light and a dark variant, every token readable
 * (4.5:1) on its code background (test/node/theme.test.ts checks each). `github` is the
 * built-in stylesheet's own, so choosing it changes nothing.
 */
const GITHUB: Record<SchemeName, Tokens> = {
  light: {
    codeBg: "#f3f4f6",
    k: "#cf222e",
    s: "#0a3069",
    c: "#57606a",
    n: "#0550ae",
    f: "#8250df",
    t: "#953800",
    ins: "#116329",
    del: "#b3261e",
  },
  dark: {
    codeBg: "#1b2028",
    k: "#ff7b72",
    s: "#a5d6ff",
    c: "#9da7b3",
    n: "#79c0ff",
    f: "#d2a8ff",
    t: "#ffa657",
    ins: "#3fb950",
    del: "#ff7b72",
  },
};
export const CODE_THEMES: Record<string, Record<SchemeName, Tokens>> = {
  github: GITHUB,
  solarized: {
    light: {
      codeBg: "#fdf6e3",
      k: "#5f7a00",
      s: "#1f6f69",
      c: "#5c6f76",
      n: "#b3261e",
      f: "#1f5fa8",
      t: "#8a5a00",
      ins: "#4a6000",
      del: "#b3261e",
    },
    dark: {
      codeBg: "#002b36",
      k: "#b5c93a",
      s: "#4fd1c5",
      c: "#93a1a1",
      n: "#ff8a80",
      f: "#7fb8ff",
      t: "#e0b34a",
      ins: "#b5c93a",
      del: "#ff8a80",
    },
  },
  nord: {
    light: {
      codeBg: "#eceff4",
      k: "#5e3b8c",
      s: "#2f6b2f",
      c: "#4c566a",
      n: "#9b3b1f",
      f: "#1f5f8b",
      t: "#7a4f00",
      ins: "#2f6b2f",
      del: "#9b3b1f",
    },
    dark: {
      codeBg: "#2e3440",
      k: "#81a1c1",
      s: "#a3be8c",
      c: "#a7b1c2",
      n: "#d9a0c8",
      f: "#88c0d0",
      t: "#ebcb8b",
      ins: "#a3be8c",
      del: "#e49b8a",
    },
  },
  mono: {
    light: {
      codeBg: "#f3f4f6",
      k: "#1f2328",
      s: "#1f2328",
      c: "#57606a",
      n: "#1f2328",
      f: "#1f2328",
      t: "#1f2328",
      ins: "#1f2328",
      del: "#1f2328",
    },
    dark: {
      codeBg: "#1b2028",
      k: "#e6edf3",
      s: "#e6edf3",
      c: "#9da7b3",
      n: "#e6edf3",
      f: "#e6edf3",
      t: "#e6edf3",
      ins: "#e6edf3",
      del: "#e6edf3",
    },
  },
};
const TOKEN_NAMES = {
  k: "keywords",
  s: "strings",
  c: "comments",
  n: "numbers",
  f: "titles",
  t: "types",
  ins: "inserted lines",
  del: "deleted lines",
} as const;

export interface Theme {
  light: Scheme;
  dark: Scheme;
  font?: Font;
  code?: string;
}

const KNOWN = ["light", "dark", "font", "code"];

/** The built-in stylesheet's own value of a custom property, light (`:root{}`) or dark (the media query's). */
function builtIn(scheme: SchemeName, property: string): string {
  const block =
    scheme === "light"
      ? /^:root\{([^}]*)\}/.exec(STYLES)?.[1]
      : /prefers-color-scheme:dark\)\{:root\{([^}]*)\}/.exec(STYLES)?.[1];
  const value = new RegExp(`--${property}:(#[0-9a-f]{3,6})`, "i").exec(block ?? "")?.[1];
  if (!value) throw new Error(`src/shared/styles.ts has no --${property} for ${scheme}`);
  return value;
}

/** Validates `theme:` (its value in site.yaml); problems go to `at` as `theme.…` fields. */
export function parseTheme(value: unknown, at: (field: string, message: string) => void): Theme | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    at("theme", "must be a mapping with light, dark, font or code");
    return undefined;
  }
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v)) if (!KNOWN.includes(key)) at(`theme.${key}`, unknownFieldMessage(key, KNOWN));
  const theme: Theme = { light: {}, dark: {} };
  for (const name of SCHEMES) {
    const s = v[name];
    if (s === undefined || s === null) continue;
    if (typeof s !== "object" || Array.isArray(s)) {
      at(`theme.${name}`, `must be a mapping with ${COLOURS.join(", ")}`);
      continue;
    }
    for (const [key, colour] of Object.entries(s as Record<string, unknown>)) {
      if (!(COLOURS as readonly string[]).includes(key)) {
        at(`theme.${name}.${key}`, unknownFieldMessage(key, COLOURS));
      } else if (typeof colour !== "string" || !parseHex(colour.trim())) {
        at(`theme.${name}.${key}`, `must be a colour like #0b57d0 or #fff, got ${JSON.stringify(colour)}`);
      } else {
        theme[name][key as Colour] = colour.trim().toLowerCase();
      }
    }
  }
  if (v.font !== undefined) {
    if (typeof v.font === "string" && v.font in FONTS) theme.font = v.font as Font;
    else at("theme.font", `must be one of ${Object.keys(FONTS).join(", ")}, got ${JSON.stringify(v.font)}`);
  }
  if (v.code !== undefined) {
    if (typeof v.code === "string" && v.code in CODE_THEMES) theme.code = v.code;
    else at("theme.code", `must be one of ${Object.keys(CODE_THEMES).join(", ")}, got ${JSON.stringify(v.code)}`);
  }
  return theme;
}

/** The colours a page is drawn with in one scheme: the theme's, else the built-in ones. */
function palette(theme: Theme, scheme: SchemeName) {
  const s = theme[scheme];
  const code = (CODE_THEMES[theme.code ?? "github"] ?? GITHUB)[scheme];
  const accent = s.accent ?? builtIn(scheme, "accent");
  return {
    background: s.background ?? builtIn(scheme, "bg"),
    text: s.text ?? builtIn(scheme, "fg"),
    accent,
    // Links are drawn in the accent unless a link colour is given: judged once, as the accent.
    link: s.link,
    muted: builtIn(scheme, "muted"),
    tagBg: builtIn(scheme, "tag-bg"),
    code,
  };
}

/**
 * Every pair of colours a themed page draws text with, checked against WCAG 2.2 AA (4.5:1);
 * each failure names the field to change, both colours and the ratio.
 */
export function contrastErrors(file: string, theme: Theme): BuildError[] {
  const errors: BuildError[] = [];
  for (const scheme of SCHEMES) {
    const p = palette(theme, scheme);
    const pairs: [field: string, fg: string, bg: string, what?: string][] = [
      [`theme.${scheme}.text`, p.text, p.background],
      ...(p.link ? [[`theme.${scheme}.link`, p.link, p.background] as [string, string, string]] : []),
      [`theme.${scheme}.accent`, p.accent, p.background],
      [`theme.${scheme}.background`, p.muted, p.background, "the muted text (dates, footer)"],
      [`theme.${scheme}.text`, p.text, p.tagBg, "on the tags' background"],
      [`theme.${scheme}.text`, p.text, p.code.codeBg, "on the code background"],
    ];
    // The markers of a diff's lines are text too: checked with the tokens.
    for (const [token, name] of Object.entries(TOKEN_NAMES)) {
      pairs.push([`theme.code`, p.code[token as keyof typeof TOKEN_NAMES], p.code.codeBg, `${scheme} ${name}`]);
    }
    for (const [field, fg, bg, what] of pairs) {
      const ratio = contrastRatio(fg, bg);
      if (ratio < AA_TEXT) {
        const subject = what ? `${what}: ` : "";
        errors.push({ file, field, message: `${subject}${fg} on ${bg} is ${formatRatio(ratio)}, needs ${AA_TEXT}:1` });
      }
    }
    // A marked code line is shown by a bar in the accent beside it (code-blocks.ts): not text, but
    // it is the only sign, so it must be seen on the code background.
    const bar = contrastRatio(p.accent, p.code.codeBg);
    // Said once: an accent already too faint on the page is one problem, not two.
    if (bar < AA_NON_TEXT && !errors.some((e) => e.field === `theme.${scheme}.accent`)) {
      errors.push({
        file,
        field: `theme.${scheme}.accent`,
        message: `the bar of a marked code line: ${p.accent} on ${p.code.codeBg} is ${formatRatio(bar)}, needs ${AA_NON_TEXT}:1`,
      });
    }
  }
  // One pair can be named twice (text on a background it shares); say it once.
  return errors.filter((e, i) => errors.findIndex((o) => o.field === e.field && o.message === e.message) === i);
}

/** The CSS a theme adds after the built-in stylesheet: only what it changes (empty for none). */
export function themeCss(theme: Theme): string {
  const linked = Boolean(theme.light.link || theme.dark.link);
  const vars = (scheme: SchemeName): string => {
    const s = theme[scheme];
    const parts: string[] = [];
    // The light values are set on :root, after the built-in stylesheet, so they would win in dark
    // mode too: a colour given only for light is set back to the built-in dark one, which is the
    // colour the contrast check judged.
    const own = (colour: "background" | "text" | "accent", property: string) => {
      const value = s[colour] ?? (scheme === "dark" && theme.light[colour] ? builtIn("dark", property) : undefined);
      if (value) parts.push(`--${property}:${value}`);
    };
    own("background", "bg");
    own("text", "fg");
    own("accent", "accent");
    if (linked) parts.push(`--link:${s.link ?? "var(--accent)"}`);
    if (theme.code) {
      const t = CODE_THEMES[theme.code]?.[scheme];
      if (t)
        parts.push(
          `--code-bg:${t.codeBg};--k:${t.k};--s:${t.s};--c:${t.c};--n:${t.n};--f:${t.f};--t:${t.t};--ins:${t.ins};--del:${t.del}`,
        );
    }
    return parts.join(";");
  };
  let css = "";
  const light = vars("light");
  const dark = vars("dark");
  if (light) css += `:root{${light}}`;
  if (dark) css += `@media (prefers-color-scheme:dark){:root{${dark}}}`;
  // Links follow the accent unless a link colour is given (set in both schemes, so a light
  // link colour never leaks into dark).
  if (linked) css += "a{color:var(--link)}";
  // Paper is white and ink black, whatever the screen's colours (the built-in print rule, restated
  // because the theme's :root comes after it).
  if (light || dark) css += "@media print{:root{--bg:#fff;--fg:#000;--accent:#000;--link:#000}}";
  if (theme.font && FONTS[theme.font]) css += `body{font-family:${FONTS[theme.font]}}`;
  return css;
}
