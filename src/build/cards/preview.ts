/**
 * One card, to look at: `node src/build/cards/preview.ts --title "A title" --out card.png`
 * (also --date, --site, --lang). Writes the PNG, or the SVG when --out ends in .svg.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { renderCard } from "./render.ts";
import { cardSvg } from "./template.ts";

const { values } = parseArgs({
  options: {
    title: { type: "string" },
    date: { type: "string", default: new Date().toISOString() },
    site: { type: "string", default: "Edge Blog" },
    lang: { type: "string", default: "en" },
    out: { type: "string", default: "card.png" },
  },
});
if (!values.title) {
  console.error(
    'usage: node src/build/cards/preview.ts --title "A title" [--date 2025-12-01] [--site "Name"] [--lang en] [--out card.png]',
  );
  process.exit(2);
}
const input = { title: values.title, date: values.date, siteName: values.site, lang: values.lang };
try {
  writeFileSync(values.out, values.out.endsWith(".svg") ? cardSvg(input) : await renderCard(input));
  console.log(`wrote ${values.out}`);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
