/**
 * HTMLRewriter (lol-html) gives attribute values as the source wrote them, character references
 * and all: `href="?a=1&amp;b=2"` reads as `?a=1&amp;b=2`. A URL taken from one is decoded here
 * first. Only what a URL may hold is decoded (numeric references and the five XML names); any
 * other named reference stays as written, which at worst makes a URL not match.
 */
const NAMED: Record<string, string> = { amp: "&", quot: '"', apos: "'", lt: "<", gt: ">" };

export function attributeValue(raw: string): string {
  return raw.replace(/&(#x[0-9a-f]+|#\d+|amp|quot|apos|lt|gt);/gi, (whole, ref: string) => {
    const r = ref.toLowerCase();
    if (r.startsWith("#")) {
      const code = r[1] === "x" ? Number.parseInt(r.slice(2), 16) : Number(r.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[r] ?? whole;
  });
}
