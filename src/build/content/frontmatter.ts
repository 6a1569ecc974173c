import { LineCounter, parseDocument, visit, type YAMLError } from "yaml";
import { fieldLines, type LineOf } from "./field-lines.ts";

/**
 * Splits a post into its YAML front matter and markdown body, and parses the YAML.
 * A BOM and CRLF line endings are accepted (editors on Windows write them).
 * `lineOf`: the line of the file each field is written on (./field-lines.ts), for its problems.
 */
export type FrontMatterResult =
  | { ok: true; data: Record<string, unknown>; body: string; source: string; lineOf: LineOf }
  | { ok: false; message: string };

// The closing fence must be a line of its own: `title: Pros and cons ---` does not close it.
const FENCE = /^---[ \t]*\n(?:([\s\S]*?)\n)?---[ \t]*(?:\n|$)/;

/** The source as we keep it: no BOM, LF line endings. */
export function normalizeSource(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

export function splitFrontMatter(text: string): FrontMatterResult {
  const source = normalizeSource(text);
  if (source.trim() === "") return { ok: false, message: "the file is empty" };
  const match = FENCE.exec(source);
  if (!match) {
    return {
      ok: false,
      message: "missing front matter: the file must start with a line `---`, the YAML fields, and a closing `---`",
    };
  }
  // YAML 1.2 core schema: `2025-12-01` stays a string, so dates are validated by us, not guessed.
  let doc: ReturnType<typeof parseDocument>;
  let data: unknown;
  const counter = new LineCounter();
  try {
    doc = parseDocument(match[1] ?? "", { prettyErrors: true, uniqueKeys: true, lineCounter: counter });
    // toJS resolves aliases: a "billion laughs" document throws here (yaml's maxAliasCount),
    // and deep nesting can exhaust the stack. Either is this file's problem, not the build's.
    data = doc.errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { ok: false, message: `invalid YAML: ${(e as Error).message.split("\n")[0]}` };
  }
  const first = doc.errors[0];
  if (first) {
    const { line, reason } = explainYamlError(first, match[1] ?? "", doc);
    // +1: the opening `---` is the file's first line, so authors can jump straight to it.
    return { ok: false, message: `invalid YAML${line ? ` at line ${line + 1}` : ""}: ${reason}` };
  }
  // The YAML starts on the file's second line, after the opening `---`.
  const lineOf = fieldLines(doc, counter, 1);
  if (data === null || data === undefined) return { ok: true, data: {}, body: source.slice(match[0].length), source, lineOf };
  if (typeof data !== "object" || Array.isArray(data)) {
    return { ok: false, message: "invalid YAML: the front matter must be a mapping of `field: value` lines" };
  }
  return { ok: true, data: data as Record<string, unknown>, body: source.slice(match[0].length), source, lineOf };
}

/**
 * A YAML error as an author can act on it: the line to look at (1-based, in the YAML) and why.
 * The parser places two common slips where it noticed them, not where they are:
 * - an unclosed quote is reported where the document ends; the line is the quote's own;
 * - `date 2026-12-03` (no colon) reads as a key spread over lines; the hint names the colon.
 */
function explainYamlError(
  error: YAMLError,
  yaml: string,
  doc: ReturnType<typeof parseDocument>,
): { line?: number; reason: string } {
  const reason = (error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:$/, "");
  const lineAt = (offset: number) => yaml.slice(0, offset).split("\n").length;
  let line = error.linePos?.[0]?.line;
  if (error.code === "MISSING_CHAR" && /quote$/.test(reason)) {
    let opened: number | undefined;
    visit(doc, {
      Scalar(_, node) {
        const quoted = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE";
        if (quoted && node.range && node.range[0] < error.pos[0] && node.range[1] >= error.pos[0]) opened = node.range[0];
      },
    });
    if (opened !== undefined) return { line: lineAt(opened), reason: `${reason}: the quote opened on this line is never closed` };
  }
  if (error.code === "MULTILINE_IMPLICIT_KEY" || (error.code === "MISSING_CHAR" && /map values$/.test(reason))) {
    line = lineAt(error.pos[0]);
    const key = /^([A-Za-z_][\w-]*)[ \t]+\S/.exec(yaml.split("\n")[line - 1] ?? "")?.[1];
    if (key) return { line, reason: `${reason} (missing \`:\` after \`${key}\`?)` };
  }
  return { line, reason };
}
