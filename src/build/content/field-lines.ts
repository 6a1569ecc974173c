import { type Document, isMap, isNode, isScalar, isSeq, type LineCounter } from "yaml";

/**
 * Where each field of a YAML document is written, by the names the validators report problems
 * under (`date`, `tags[1]`, `translations.pt-BR.strings.readMore.one`), so a field's problem says
 * the line to fix, as the body's do.
 */

/** A field's line in the file, or undefined. */
export type LineOf = (field: string) => number | undefined;

/** `message (line N)`, the form every located problem takes; the message alone without a line. */
export function withLine(message: string, line: number | undefined): string {
  return line === undefined ? message : `${message} (line ${line})`;
}

/**
 * The lines of `doc`'s fields, found when first asked for: a mapping's entry is on its key's
 * line, a list's item on its own. `counter` is the one the document was parsed with; `before` is
 * how many lines of the file precede its YAML (1 for front matter, after the opening `---`).
 *
 * A field that is not written (a missing `fediverse.handle`) is on the line of the mapping it
 * belongs in; a missing top-level field has no line, since no line of the file is wrong.
 */
export function fieldLines(doc: Document, counter: LineCounter, before = 0): LineOf {
  let lines: Map<string, number> | undefined;
  const find = () => {
    const found = new Map<string, number>();
    const mark = (field: string, node: unknown) => {
      const offset = isNode(node) ? node.range?.[0] : undefined;
      // The first spelling wins: keys are unique, so only a dotted key (`a.b: 1`) could repeat a name.
      if (offset !== undefined && !found.has(field)) found.set(field, counter.linePos(offset).line + before);
    };
    const walk = (node: unknown, name: string) => {
      if (isMap(node)) {
        for (const pair of node.items) {
          if (!isScalar(pair.key)) continue;
          const field = name === "" ? String(pair.key.value) : `${name}.${String(pair.key.value)}`;
          mark(field, pair.key);
          walk(pair.value, field);
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => {
          mark(`${name}[${i}]`, item);
          walk(item, `${name}[${i}]`);
        });
      }
    };
    walk(doc.contents, "");
    return found;
  };
  return (field) => {
    lines ??= find();
    // `fediverse.handle` → `fediverse`, `tags[3]` → `tags`: the nearest enclosing field written.
    let name = field;
    while (name !== "") {
      const line = lines.get(name);
      if (line !== undefined) return line;
      const parent = name.replace(/(?:\[\d+\]|\.[^.[\]]*|[^.[\]]+)$/, "");
      if (parent === name) return undefined;
      name = parent;
    }
    return undefined;
  };
}
