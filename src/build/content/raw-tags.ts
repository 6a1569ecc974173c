/**
 * The start tags in a piece of raw HTML an author wrote in Markdown, with where each attribute's
 * value is: enough to find the URLs a browser would fetch (media-refs.ts) and to put the
 * published ones in their place (media-render.ts). It reads tags the way the HTML tokenizer
 * does for the common cases; it does not need to be perfect, because what comes out is checked
 * again by the allow-list (sanitize.ts), which parses with a real HTML parser.
 */

export interface RawAttribute {
  /** Lower-cased, as HTML compares them. */
  name: string;
  /** As written, without its quotes; "" for a bare attribute (`<input disabled>`). */
  value: string;
  /** Where the value is in the HTML (without quotes); absent for a bare attribute. */
  at?: { start: number; end: number };
}

export interface RawTag {
  /** Lower-cased tag name. */
  name: string;
  /** Where the whole tag is, `<` to `>` included. */
  start: number;
  end: number;
  attributes: RawAttribute[];
}

const TAG = /<([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /\s+([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Every start tag in `html`, in order. Comments are skipped: nothing in them is fetched. */
export function rawTags(html: string): RawTag[] {
  const tags: RawTag[] = [];
  const comments = [...html.matchAll(/<!--[\s\S]*?(?:-->|$)/g)].map((m) => [m.index, m.index + m[0].length] as const);
  for (const m of html.matchAll(TAG)) {
    if (comments.some(([s, e]) => m.index >= s && m.index < e)) continue;
    const attributes: RawAttribute[] = [];
    const list = m[2] ?? "";
    const listStart = m.index + 1 + (m[1] as string).length;
    for (const a of list.matchAll(ATTRIBUTE)) {
      const value = a[2] ?? a[3] ?? a[4];
      const name = (a[1] as string).toLowerCase();
      if (value === undefined) {
        attributes.push({ name, value: "" });
        continue;
      }
      // The value is the last thing the match holds (a closing quote after it, if quoted).
      const quoted = a[2] !== undefined || a[3] !== undefined;
      const end = listStart + a.index + a[0].length - (quoted ? 1 : 0);
      attributes.push({ name, value, at: { start: end - value.length, end } });
    }
    tags.push({ name: (m[1] as string).toLowerCase(), start: m.index, end: m.index + m[0].length, attributes });
  }
  return tags;
}

/** The value of `name` on `tag`, if it has it. */
export const attributeOf = (tag: RawTag, name: string): RawAttribute | undefined => tag.attributes.find((a) => a.name === name);
