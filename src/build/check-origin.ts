/**
 * Run by `npm run deploy` before `wrangler deploy`: a blog whose origin is still a placeholder
 * (example.com, *.test, localhost…) deploys, but every feed, sitemap entry and canonical link
 * would point at an address that is not the blog's. Say so loudly; do not block the deploy,
 * since a first deploy to workers.dev before a domain is chosen is a fair thing to do.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { isPlaceholderOrigin, parseSite } from "./content/site.ts";

const { values } = parseArgs({
  options: { content: { type: "string", default: join(resolve(import.meta.dirname, "../.."), "content") } },
});
const file = join(values.content, "site.yaml");
// npm test has already validated the file; an invalid one is reported there, not here.
const origin = parseSite(file, readFileSync(file, "utf8")).site?.origin ?? "";

if (isPlaceholderOrigin(origin)) {
  const bar = "!".repeat(78);
  console.warn(
    [
      "",
      bar,
      `!! content/site.yaml → origin is still a placeholder: ${origin}`,
      "!! Feeds, the sitemap, JSON and canonical links will point there, not at your blog.",
      "!! Set origin to the address readers use (your custom domain, or the workers.dev URL",
      "!! that wrangler prints), then deploy again. See README → Deploying.",
      bar,
      "",
    ].join("\n"),
  );
}
