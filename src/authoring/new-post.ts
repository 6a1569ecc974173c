/**
 * Starts a post or a page, as a draft, and prints its path. It never overwrites: a slug already
 * used by a post (file or folder) or a page, in any letter case, is an error.
 *
 *   npm run new -- "My Title"            content/posts/my-title.md, dated today
 *   npm run new -- --folder "My Title"   content/posts/my-title/index.md, images go next to it
 *   npm run new -- --page "About"        content/pages/about.md, served at /about
 *   npm run new -- --slug nihongo "日本語のタイトル"   content/posts/nihongo.md: the file's name
 *                                        given (a title in Latin, Greek or Cyrillic letters makes one)
 *
 *   node src/authoring/new-post.ts [--content DIR] [--page | --folder] [--slug SLUG] <title words…>
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { type EntryKind, entryPath, existingEntry, newPage, newPost } from "./new-post-template.ts";

const root = resolve(import.meta.dirname, "../..");
const USAGE = 'usage: npm run new -- [--page | --folder] [--slug my-title] "My Title"';

function fail(message: string): never {
  console.error(`✗ ${message}\n\n  ${USAGE}`);
  process.exit(1);
}

const options = {
  content: { type: "string", default: join(root, "content") },
  page: { type: "boolean", default: false },
  folder: { type: "boolean", default: false },
  slug: { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;
let args: ReturnType<typeof parseArgs<{ allowPositionals: true; options: typeof options }>>;
try {
  args = parseArgs({ allowPositionals: true, options });
} catch (e) {
  // An unknown option (--pages) is the author's typo: say so, without a stack trace.
  fail((e as Error).message);
}
const { values, positionals } = args;
if (values.help) {
  console.log(
    `${USAGE}\n\n  a post: content/posts/<slug>.md, as a draft dated today\n  --folder: content/posts/<slug>/index.md, with room for its images and files\n  --page: content/pages/<slug>.md, a stand-alone page such as About\n  --slug: the file's name (made from the title when left out)`,
  );
  process.exit(0);
}
if (values.page && values.folder) fail("choose --page or --folder, not both");
const kind: EntryKind = values.page ? "page" : values.folder ? "folder" : "post";

const title = positionals.join(" ");
const made = kind === "page" ? newPage(title, values.slug) : newPost(title, new Date(), values.slug);
if (!made.ok) fail(made.message);

const content = resolve(values.content);
const show = (path: string) => relative(process.cwd(), path) || path;
const list = (dir: string) => (existsSync(join(content, dir)) ? readdirSync(join(content, dir)) : []);
const taken = existingEntry(made.slug, { posts: list("posts"), pages: list("pages") });
if (taken) fail(`${show(join(content, taken))} already exists: edit it, or choose another title or --slug`);

const path = join(content, entryPath(kind, made.slug));
try {
  // Not recursive for a folder post: its folder must be new, even if it appeared since the check.
  if (kind === "folder") {
    mkdirSync(join(content, "posts"), { recursive: true });
    mkdirSync(dirname(path));
  } else mkdirSync(dirname(path), { recursive: true });
  // "wx": fail rather than overwrite, even if the file appeared since the check above.
  writeFileSync(path, made.text, { flag: "wx" });
} catch (e) {
  const where = kind === "folder" ? dirname(path) : path;
  if ((e as NodeJS.ErrnoException).code === "EEXIST")
    fail(`${show(where)} already exists: edit it, or choose another title or --slug`);
  throw e;
}
console.log(show(path));
