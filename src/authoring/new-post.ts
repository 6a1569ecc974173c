/**
 * Starts a post or a page, as a draft, and prints its path. It never overwrites: a slug already
 * used by a post (file or folder) or a page, in any letter case, is an error.
 *
 *   npm run new -- "My Title"            content/posts/my-title.md, dated today
 *   npm run new -- --folder "My Title"   content/posts/my-title/index.md, images go next to it
 *   npm run new -- --page "About"        content/pages/about.md, served at /about
 *   npm run new -- --page --folder "About"   content/pages/about/index.md, a photo goes next to it
 *   npm run new -- --slug nihongo "日本語のタイトル"   content/posts/nihongo.md: the file's name
 *                                        given (a title in Latin, Greek or Cyrillic letters makes one)
 *   npm run new -- --translate pt-BR my-title   content/posts/my-title.pt-br.md: a copy of the post
 *                                        to translate, as a draft (--page for a page's translation)
 *
 *   node src/authoring/new-post.ts [--content DIR] [--page] [--folder] [--slug SLUG] <title words…>
 *   node src/authoring/new-post.ts [--content DIR] [--page] --translate LANG <slug>
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseSite } from "../build/content/site.ts";
import { LANGUAGE_TAG, languageNamed, languagesOf } from "../shared/languages.ts";
import {
  type EntryKind,
  entryPath,
  existingEntry,
  newPage,
  newPost,
  translationDraft,
  translationPath,
} from "./new-post-template.ts";

const root = resolve(import.meta.dirname, "../..");
const USAGE =
  'usage: npm run new -- [--page] [--folder] [--slug my-title] "My Title"\n         npm run new -- [--page] --translate pt-BR my-title';

function fail(message: string): never {
  console.error(`✗ ${message}\n\n  ${USAGE}`);
  process.exit(1);
}

const options = {
  content: { type: "string", default: join(root, "content") },
  page: { type: "boolean", default: false },
  folder: { type: "boolean", default: false },
  slug: { type: "string" },
  translate: { type: "string" },
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
    `${USAGE}\n\n  a post: content/posts/<slug>.md, as a draft dated today\n  --folder: content/posts/<slug>/index.md, with room for its images and files (with --page, content/pages/<slug>/index.md)\n  --page: content/pages/<slug>.md, a stand-alone page such as About\n  --slug: the file's name (made from the title when left out)\n  --translate LANG <slug>: a copy of the post (or, with --page, the page) to translate, beside it, as a draft`,
  );
  process.exit(0);
}
if (values.translate !== undefined) translate(values.translate, positionals);
const kind: EntryKind = values.page ? (values.folder ? "page folder" : "page") : values.folder ? "folder" : "post";
const folder = kind === "folder" || kind === "page folder";

const title = positionals.join(" ");
const made = values.page ? newPage(title, values.slug) : newPost(title, new Date(), values.slug);
if (!made.ok) fail(made.message);

const content = resolve(values.content);
const show = (path: string) => relative(process.cwd(), path) || path;
const list = (dir: string) => (existsSync(join(content, dir)) ? readdirSync(join(content, dir)) : []);
const taken = existingEntry(made.slug, { posts: list("posts"), pages: list("pages") });
if (taken) fail(`${show(join(content, taken))} already exists: edit it, or choose another title or --slug`);

const path = join(content, entryPath(kind, made.slug));
try {
  // Not recursive for a folder post or page: its folder must be new, even if it appeared since the check.
  if (folder) {
    mkdirSync(dirname(dirname(path)), { recursive: true });
    mkdirSync(dirname(path));
  } else mkdirSync(dirname(path), { recursive: true });
  // "wx": fail rather than overwrite, even if the file appeared since the check above.
  writeFileSync(path, made.text, { flag: "wx" });
} catch (e) {
  const where = folder ? dirname(path) : path;
  if ((e as NodeJS.ErrnoException).code === "EEXIST")
    fail(`${show(where)} already exists: edit it, or choose another title or --slug`);
  throw e;
}
console.log(show(path));

/**
 * `--translate LANG <slug>`: copies a post or page beside itself as its translation's draft
 * (`hello.pt-br.md`, `trip/index.pt-br.md`), never over an existing file.
 */
function translate(language: string, words: readonly string[]): never {
  if (!LANGUAGE_TAG.test(language)) fail(`"${language}" is not a language tag like pt-BR or ja`);
  const slug = words.join(" ").trim();
  if (!slug) fail("name the post to translate by its slug: npm run new -- --translate pt-BR my-title");
  if (values.folder) fail("--translate finds the post's folder itself: leave --folder out");
  const content = resolve(values.content);
  // A translation into a language the blog does not have would only fail the next build.
  const settings = existsSync(join(content, "site.yaml"))
    ? parseSite("content/site.yaml", readFileSync(join(content, "site.yaml"), "utf8"))
    : undefined;
  if (settings && !settings.site)
    fail(`content/site.yaml has ${settings.errors.length} problem(s) to fix first: npm run build lists them`);
  const site = settings?.site;
  if (site) {
    const named = languageNamed(site, language);
    if (named === site.language)
      fail(`${named} is the blog's default language: its posts are the files without a language (hello.md)`);
    if (named === undefined)
      fail(
        `${language} is not one of the blog's languages (${languagesOf(site).join(", ")}): add it to languages: in content/site.yaml first (docs/customising.md)`,
      );
  }
  const dir = values.page ? "pages" : "posts";
  const names = existsSync(join(content, dir)) ? readdirSync(join(content, dir)) : [];
  const found = existingEntry(slug.toLowerCase(), values.page ? { posts: [], pages: names } : { posts: names, pages: [] });
  if (!found)
    fail(
      `no ${values.page ? "page" : "post"} content/${dir}/${slug}.md to translate${values.page ? "" : " (a page: add --page)"}`,
    );
  // A file post or page is the file found; a folder post is its index.
  let original = join(content, found);
  if (statSync(original).isDirectory()) {
    const index = ["index.md", "index.markdown"].find((name) => existsSync(join(original, name)));
    if (!index) fail(`${relative(process.cwd(), original)} has no index.md to translate`);
    original = join(original, index);
  }
  const target = translationPath(original, language);
  try {
    writeFileSync(target, translationDraft(readFileSync(original, "utf8")), { flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") fail(`${relative(process.cwd(), target)} already exists: edit it`);
    throw e;
  }
  console.log(relative(process.cwd(), target) || target);
  process.exit(0);
}
