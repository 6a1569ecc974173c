import type { MarkedExtension, Tokens } from "marked";

/**
 * Code blocks with more than a language, written in the fence's info string as Astro's Expressive
 * Code and rehype-pretty-code spell it:
 *
 *     ```rust title="src/main.rs" {3,5-7} showLineNumbers
 *     ```diff-rust
 *
 * - `title="…"`: the block becomes a `<figure>` whose `<figcaption>` is the title (its accessible
 *   name, and plain text in a feed).
 * - `{3,5-7}`: those lines are `<mark>`ed.
 * - `diff-<language>`: lines starting with `+` / `-` are `<ins>` / `<del>` (a screen reader says
 *   "inserted" / "deleted"; the `+` / `-` stays as text, so the meaning never rests on colour and a
 *   copied block is still a diff). The code after the markers is highlighted as `<language>`.
 * - `showLineNumbers`: numbers drawn by CSS counters (`.numbered`), so they are never part of
 *   the text and a copied block carries none.
 *
 * A block with only a language (or none) is left to marked-highlight, unchanged. Every element
 * here is on the allow-list (sanitize.ts); colours come from the stylesheet's custom properties,
 * which the theme sets and checks (src/build/theme/theme.ts).
 */

export interface CodeMeta {
  /** The highlight.js language ("" for none). */
  language: string;
  diff: boolean;
  title?: string;
  /** 1-based line numbers to mark. */
  marked: Set<number>;
  numbers: boolean;
}

/** The option names, as an author reads them in an error. */
const KNOWN_OPTIONS = 'title="…", {3,5-7}, showLineNumbers';

/** One option of the info string: a quoted title, a braced range list, or a bare word. */
const OPTION = /\s*(?:title=(?:"([^"]*)"|'([^']*)')|\{([^}]*)\}|(\S+))/y;

/** True when a fence's info string asks for nothing but a language: marked-highlight's case. */
export function isPlainInfo(info: string | undefined): boolean {
  const words = (info ?? "").trim().split(/\s+/);
  return words.length <= 1 && !/^diff-./.test(words[0] ?? "") && !/[{=]/.test(words[0] ?? "");
}

/**
 * Parses an info string; `lineCount` is the block's number of lines (a marked line past it is an
 * error). Returns the options, or the author's mistake as a message.
 */
export function parseCodeMeta(info: string, lineCount: number): CodeMeta | { error: string } {
  const text = info.trim();
  const first = /^[^\s{]*/.exec(text)?.[0] ?? "";
  const isLanguage = !first.includes("=");
  const word = isLanguage ? first : "";
  const diff = /^diff-./.test(word);
  const meta: CodeMeta = { language: diff ? word.slice(5) : word, diff, marked: new Set(), numbers: false };
  OPTION.lastIndex = word.length;
  while (OPTION.lastIndex < text.length) {
    const m = OPTION.exec(text);
    if (!m) break;
    const [, double, single, ranges, bare] = m;
    if (double !== undefined || single !== undefined) {
      if (meta.title !== undefined) return { error: "has two titles" };
      meta.title = (double ?? single ?? "").trim();
      if (meta.title === "") return { error: 'has an empty title="" (write the file name, or leave title out)' };
    } else if (ranges !== undefined) {
      const error = addRanges(ranges, lineCount, meta.marked);
      if (error) return { error };
    } else if (bare === "showLineNumbers") {
      meta.numbers = true;
    } else {
      const option = (bare ?? "").startsWith("title=") ? `${bare} (quote the title: title="…")` : `"${bare}"`;
      return { error: `has an unknown option ${option}; known: ${KNOWN_OPTIONS}` };
    }
  }
  return meta;
}

/** Adds `3,5-7` to `into`; the problem with it, if any. */
function addRanges(list: string, lineCount: number, into: Set<number>): string | undefined {
  for (const part of list.split(",").map((p) => p.trim())) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) return `has {${list}}: "${part}" is not a line or a range like 5-7`;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (from < 1) return `has {${list}}: lines count from 1`;
    if (to < from) return `has {${list}}: the range ${part} runs backwards (write ${to}-${from})`;
    if (to > lineCount)
      return `has {${list}}: line ${to} is past the end of the block (${lineCount} ${lineCount === 1 ? "line" : "lines"})`;
    for (let n = from; n <= to; n++) into.add(n);
  }
  return undefined;
}

/**
 * Highlighted HTML split into lines, each line's HTML balanced: a span that crosses a line break
 * (a multi-line comment or string) is closed at the end of the line and opened again on the next,
 * so each line can be wrapped in an element of its own.
 */
export function splitHighlighted(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let line = "";
  for (const [piece] of html.matchAll(/<span[^>]*>|<\/span>|\n|[^<\n]+|</g)) {
    if (piece === "\n") {
      lines.push(line + "</span>".repeat(open.length));
      line = open.join("");
    } else {
      if (piece.startsWith("<span")) open.push(piece);
      else if (piece === "</span>") open.pop();
      line += piece;
    }
  }
  lines.push(line);
  return lines;
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A diff line's marker and the code after it (a line with neither marker is context). */
function diffLine(line: string): { marker: "+" | "-" | " " | ""; code: string } {
  const c = line[0];
  if (c === "+" || c === "-" || c === " ") return { marker: c, code: line.slice(1) };
  return { marker: "", code: line };
}

/**
 * The block's HTML. `highlight` turns code in a language into highlight.js's HTML (markdown.ts
 * owns the highlighter, so the plain and the rich blocks colour code the same way).
 */
export function renderCodeBlock(code: string, meta: CodeMeta, highlight: (code: string, language: string) => string): string {
  const source = code.replace(/\n$/, "").split("\n");
  const parts = meta.diff ? source.map(diffLine) : source.map((l) => ({ marker: "", code: l }));
  // The whole block at once, markers removed, so a construct spanning lines is coloured right.
  const lines = splitHighlighted(highlight(parts.map((p) => p.code).join("\n"), meta.language));
  const body = parts
    .map((p, i) => {
      const tag = p.marker === "+" ? "ins" : p.marker === "-" ? "del" : meta.marked.has(i + 1) ? "mark" : "span";
      const cls = tag !== "mark" && meta.marked.has(i + 1) ? "line hl" : "line";
      const marker = p.marker ? `<span class="diff-mark">${p.marker}</span>` : "";
      return `<${tag} class="${cls}">${marker}${lines[i] ?? ""}\n</${tag}>`;
    })
    .join("");
  const language = meta.language ? ` language-${escapeHtml(meta.language)}` : "";
  const classes = [meta.diff ? "diff" : "", meta.numbers ? "numbered" : ""].filter(Boolean).join(" ");
  const pre = `<pre${classes ? ` class="${classes}"` : ""}><code class="hljs${language}">${body}</code></pre>`;
  if (meta.title === undefined) return `${pre}\n`;
  return `<figure class="code"><figcaption>${escapeHtml(meta.title)}</figcaption>${pre}</figure>\n`;
}

/**
 * The marked extension. `highlight` as for renderCodeBlock; `report` receives an author's mistake
 * with the fence's source (markdown.ts finds its line), and the block is then drawn plain.
 */
export function markedCodeBlocks(
  highlight: (code: string, language: string) => string,
  report: (message: string, raw: string) => void,
): MarkedExtension {
  return {
    renderer: {
      code(token: Tokens.Code) {
        if (isPlainInfo(token.lang)) return false;
        const lineCount = token.text.replace(/\n$/, "").split("\n").length;
        const meta = parseCodeMeta(token.lang ?? "", lineCount);
        if ("error" in meta) {
          report(`the code block \`\`\`${token.lang} ${meta.error}`, token.raw);
          return `<pre><code>${escapeHtml(token.text)}\n</code></pre>\n`;
        }
        return renderCodeBlock(token.text, meta, highlight);
      },
    },
  };
}
