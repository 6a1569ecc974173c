/**
 * Starts a post: `npm run new -- "My Title"` writes content/posts/my-title.md as a draft
 * dated today, and prints its path. It never overwrites: an existing post, in any letter case,
 * is an error.
 *
 *   node scripts/new-post.ts [--content DIR] <title words…>
 */
import { readdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { newPost } from "./new-post-template.ts";

const root = resolve(import.meta.dirname, "..");
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { content: { type: "string", default: join(root, "content") } },
});

function fail(message: string): never {
  console.error(`✗ ${message}\n\n  usage: npm run new -- "My Title"`);
  process.exit(1);
}

const made = newPost(positionals.join(" "), new Date());
if (!made.ok) fail(made.message);

const dir = join(resolve(values.content), "posts");
const path = join(dir, `${made.slug}.md`);
const display = relative(process.cwd(), path) || path;
const taken = readdirSync(dir).find((name) => name.toLowerCase() === `${made.slug}.md`);
if (taken) fail(`${relative(process.cwd(), join(dir, taken))} already exists: edit it, or choose another title`);

try {
  // "wx": fail rather than overwrite, even if the file appeared since the check above.
  writeFileSync(path, made.text, { flag: "wx" });
} catch (e) {
  if ((e as NodeJS.ErrnoException).code === "EEXIST") fail(`${display} already exists: edit it, or choose another title`);
  throw e;
}
console.log(display);
