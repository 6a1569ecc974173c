/**
 * The content build (src/build/index.ts says how it is run, and what it writes).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { CORPUS_PREFIX, type CorpusSource, corpusManifest, corpusRoot, corpusSources } from "../shared/corpus.ts";
import { languagePrefix, languagesOf, nameIn, siteIn } from "../shared/languages.ts";
import { inLanguage } from "../shared/paths.ts";
import { isPublished } from "../shared/schedule.ts";
import { STYLES } from "../shared/styles.ts";
import { buildArgs } from "./args.ts";
import { cardColours } from "./cards/colours.ts";
import { placeCards } from "./cards/hidden.ts";
import { buildCards, drawAhead, endDrawingAhead, removeCards } from "./cards/stage.ts";
import type { BuildError, ModuleContent, ParsedPost, SiteConfig, SourceFile } from "./content/index.ts";
import {
  buildCollection,
  classifyPageEntry,
  classifyPostEntry,
  fallbackSite,
  formatError,
  generateBuildModule,
  generateContentModule,
  parseSite,
  scheduledNote,
  slugOf,
} from "./content/index.ts";
import { fileLanguage, languageOfFile } from "./content/languages.ts";
import { pageSlugOf } from "./content/pages.ts";
import { aliasSpaces, linkTranslations, translationProblems } from "./content/translations.ts";
import { generateFederationModule } from "./federation-module.ts";
import {
  buildFolderMedia,
  type FolderPost,
  type Output,
  prepareAssets,
  pruneCache,
  publishMedia,
  siteImage,
} from "./media/index.ts";
import { parseCache, pipelineVersion } from "./parse-cache.ts";
import { parseAhead } from "./parse-pool.ts";
import { generateSearchModule } from "./search/module.ts";
import { type LanguageSearch, type SearchJob, searchIndexes } from "./search/threaded.ts";
import { sourceReader } from "./source-files.ts";
import { symlinkErrors } from "./symlinks.ts";
import { siteFavicon } from "./theme/favicon.ts";
import { LOGO_CSS, siteLogo } from "./theme/logo.ts";
import { REPLIES_CSS } from "./theme/replies-css.ts";
import { siteCssProblems } from "./theme/site-css.ts";
import { corpusKey, writeCorpus } from "./write-corpus.ts";

const root = resolve(import.meta.dirname, "../..");
const { values, contentDir, outDir, assetsDir, cacheDir } = buildArgs();

// Paths as the author knows them: relative to where the build runs (one prefix test per file
// for the common case, content/ below the working directory).
const cwd = `${process.cwd()}${sep}`;
const display = (p: string) => (p.startsWith(cwd) ? p.slice(cwd.length) : relative(process.cwd(), p) || p);

const errors: BuildError[] = [];
// Each source as it was read, kept in the cache: an unchanged file is not read again.
const sources = sourceReader(join(cacheDir, "sources.json"));
const read = (path: string): SourceFile | undefined => {
  const { file, error } = sources.read(path, display(path));
  if (error) errors.push(error);
  return file;
};

// A symlink could publish any file of the build machine. While there is one, nothing in
// content/ is read (so nothing is processed, cached or published): the build reports them alone.
errors.push(...(existsSync(contentDir) ? symlinkErrors(contentDir, display) : []));
const readable = errors.length === 0;

const sitePath = join(contentDir, "site.yaml");
let siteFile: SourceFile | undefined;
try {
  if (readable) siteFile = read(sitePath);
} catch {
  errors.push({ file: display(sitePath), field: "file", message: "is missing: site settings live here" });
}
// Read ahead of the rest of site.yaml: which languages the blog has decides which files are translations.
const siteSettings = siteFile ? parseSite(siteFile.path, siteFile.text).site : undefined;
// While site.yaml does not build, its languages are unknown: `index.pt-br.md` may be a translation.
const severalLanguages = siteSettings ? siteSettings.languages !== undefined : true;
const postsDir = join(contentDir, "posts");
// Sorted, so problems are listed in the same order on every OS. Every entry is read as a post
// or reported: nothing an author puts in content/posts is silently skipped.
const entries = (readable && existsSync(postsDir) ? readdirSync(postsDir, { withFileTypes: true }) : []).sort((a, b) =>
  a.name < b.name ? -1 : 1,
);
const files: SourceFile[] = [];
type Folder = FolderPost & { file: SourceFile; files: SourceFile[] };
const folders: Folder[] = [];
/**
 * A folder post's or page's index.md, and in a blog in several languages its translations beside
 * it, sharing its files: read, and the folder noted for the media step. Returns the files read.
 */
const readFolder = (path: string, kind: { index: string; indexes: string[] }, into: Folder[]): SourceFile[] => {
  const indexes = kind.indexes.flatMap((name) => {
    const file = read(join(path, name));
    return file ? [{ name, file }] : [];
  });
  const main = indexes.find((i) => i.name === kind.index);
  if (main) {
    const others = indexes.filter((i) => i !== main).map((i) => ({ index: i.name, text: i.file.text }));
    into.push({
      folder: path,
      display: display(path),
      index: kind.index,
      text: main.file.text,
      file: main.file,
      files: indexes.map((i) => i.file),
      ...(others.length ? { translations: others } : {}),
    });
  }
  return indexes.map((i) => i.file);
};
for (const entry of entries) {
  const path = join(postsDir, entry.name);
  const kind = classifyPostEntry(
    display(path),
    entry.isDirectory(),
    entry.isDirectory() ? readdirSync(path) : [],
    severalLanguages,
  );
  if (kind.kind === "error") errors.push(kind.error);
  if (kind.kind === "post") {
    const file = read(path);
    if (file) files.push(file);
  }
  if (kind.kind === "folder") files.push(...readFolder(path, kind, folders));
}

// Pages (content/pages/<slug>.md or <slug>/index.md, served at /<slug>): read like posts, every
// entry a page or reported.
const pagesDir = join(contentDir, "pages");
const pageFiles: SourceFile[] = [];
const pageFolders: Folder[] = [];
const pageEntries = readable && existsSync(pagesDir) ? readdirSync(pagesDir, { withFileTypes: true }) : [];
for (const entry of pageEntries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
  const path = join(pagesDir, entry.name);
  const kind = classifyPageEntry(
    display(path),
    entry.isDirectory(),
    entry.isDirectory() ? readdirSync(path) : [],
    severalLanguages,
  );
  if (kind.kind === "error") errors.push(kind.error);
  const file = kind.kind === "page" ? read(path) : undefined;
  if (file) pageFiles.push(file);
  if (kind.kind === "folder") pageFiles.push(...readFolder(path, kind, pageFolders));
}

/** Printed, and the build goes on: a folder's unused file, a card with characters no font draws. */
const warnings: string[] = [];

// A folder post's or page's files are read (and images processed) first: the pipeline renders
// with them. Captions named like their video (`clip.vtt`) are in the blog's language.
const language = siteSettings?.language || undefined;
const media = await buildFolderMedia([...folders, ...pageFolders], join(cacheDir, "media"), language);
warnings.push(...media.warnings.map(formatError));
/** Each folder's files to publish, by its post's or page's slug (posts and pages are URLs apart). */
const outputsOf = (list: readonly Folder[], slug: (file: SourceFile) => string) => {
  const bySlug = new Map<string, Output[]>();
  for (const f of list) {
    const found = media.posts.get(f.folder);
    if (!found) continue;
    for (const file of f.files) file.media = found.media;
    bySlug.set(slug(f.file), found.outputs);
  }
  return bySlug;
};
const outputsBySlug = outputsOf(folders, slugOf);
const outputsByPage = outputsOf(pageFolders, pageSlugOf);

// One instant for the build: what is published and what is scheduled are decided against it.
const now = new Date();
// Posts parsed by an earlier build, if nothing they depend on changed: a rebuild renders only
// the posts that did.
// The pipeline's code (src/build/content, src/shared, the locked libraries): what a parsed post
// and a corpus file are made by.
const pipeline = pipelineVersion();
const parsed = parseCache(join(cacheDir, "posts"), pipeline);
// A blog in several languages (site.yaml `languages`): each file is in the one its name says
// (`hello.pt-br.md`), and each language is collected as a blog of its own.
const languages = siteSettings ? languagesOf(siteSettings) : [language ?? "en"];
const defaultLanguage = languages[0] as string;
const byLanguage = (list: readonly SourceFile[]) => {
  const out = new Map<string, SourceFile[]>(languages.map((l) => [l, []]));
  for (const file of list) {
    // While site.yaml does not build, its languages are unknown: a translation waits, unreported,
    // rather than be taken for a second file of the same post.
    if (!siteSettings && fileLanguage(file.path) !== undefined) continue;
    const found = siteSettings ? languageOfFile(siteSettings, file.path) : defaultLanguage;
    if (typeof found === "string") out.get(found)?.push(file);
    else errors.push(found);
  }
  return out;
};
const postsIn = byLanguage(files);
const pagesIn = byLanguage(pageFiles);
// content/site/style.css, the author's own CSS: read now, checked and appended to the theme's below.
const siteCssPath = join(contentDir, "site", "style.css");
const siteCss = readable && existsSync(siteCssPath) ? read(siteCssPath) : undefined;
const siteCssOk = siteCss !== undefined && siteCssProblems(siteCss.text).length === 0 && siteCss.text.trim() !== "";
/** A stylesheet with style.css after it, when style.css is there, clean and not empty. */
const withSiteCss = (stylesheet: string | undefined) =>
  siteCssOk ? `${stylesheet ?? STYLES}${siteCss.text.trim()}` : stylesheet;
/** The colours of the site's cards: its pages' light scheme, from its finished stylesheet. */
const cardColoursOf = (stylesheet: string | undefined) => cardColours(stylesheet ?? STYLES);
/** A translation's card is named by its slug and language (`hello.pt-br`): one per post and language. */
const cardKey = (slug: string, lang: string) => nameIn(slug, lang, defaultLanguage);
/** A post's card, or none for a post with an image of its own (link previews show that image, src/worker/routes/head.ts). */
const cardOf = (
  post: { slug: string; title: string; date: string; image?: unknown },
  site: SiteConfig,
  lang: string,
  colours: ReturnType<typeof cardColours>,
) =>
  post.image
    ? []
    : [
        {
          slug: cardKey(post.slug, lang),
          title: post.title,
          date: post.date,
          siteName: siteIn(site, lang).title,
          lang,
          colours,
        },
      ];

// On every core when there are many to parse (a cold build): the pipeline then finds them parsed.
// The card thread a cold build started meanwhile draws their cards as they come, from what the
// posts and site.yaml say (src/build/cards/stage.ts `drawAhead`). Its colours are the finished
// stylesheet's: the logo's and the replies' rules, added later, name no colour.
const ahead = (() => {
  if (!readable || !values.cards || !siteSettings) return undefined;
  const site = siteSettings;
  let colours: ReturnType<typeof cardColours>;
  try {
    colours = cardColoursOf(withSiteCss(site.stylesheet));
  } catch {
    return undefined; // the build reports it where it draws
  }
  return (list: readonly ParsedPost[]) =>
    drawAhead(
      list.flatMap(({ post }) =>
        // A scheduled post's card is drawn on this thread when it is planned (the corpus holds it).
        post && (values.preview || !post.draft) && isPublished(post, now.getTime())
          ? cardOf(post, site, defaultLanguage, colours)
          : [],
      ),
      join(cacheDir, "cards"),
    );
})();
// A cold build's parse thread, kept to make the search indexes while this thread writes the rest.
let spare = readable ? await parseAhead(parsed, siteSettings, postsIn.get(defaultLanguage) ?? [], undefined, ahead) : undefined;
// Each language's aliases are checked against every language's URLs, known from the files' names.
const spaces = siteSettings && languages.length > 1 ? aliasSpaces(siteSettings, postsIn, pagesIn) : undefined;
const collected = languages.map((lang, i) => ({
  language: lang,
  result: buildCollection(
    siteFile ?? { path: display(sitePath), text: "" },
    postsIn.get(lang) ?? [],
    {
      includeDrafts: values.preview,
      now,
      memo: parsed,
      ...(i > 0 ? { language: lang } : {}),
      ...(spaces?.get(lang) ? { aliasSpace: spaces.get(lang) } : {}),
    },
    pagesIn.get(lang) ?? [],
  ),
}));
const result = (collected[0] as (typeof collected)[number]).result;
const others = collected.slice(1);
// Warnings (a series of one post) are worth a look but never fail a build.
warnings.push(...result.warnings.map(formatError));
errors.push(...(siteFile ? result.errors : result.errors.filter((e) => e.file !== display(sitePath))));
// site.yaml's own problems are the default language's to report, once.
for (const { result: r } of others) {
  warnings.push(...r.warnings.filter((w) => !warnings.includes(formatError(w))).map(formatError));
  errors.push(...r.errors.filter((e) => e.file !== display(sitePath)));
}
if (others.length > 0) {
  errors.push(
    ...translationProblems(
      collected,
      pageFiles.map((f) => ({ path: f.path, slug: pageSlugOf(f) })),
    ),
  );
  linkTranslations(collected);
}

// A folder post's or page's files, once, whichever of its languages are published.
const slugs = new Set(collected.flatMap((c) => c.result.posts.map((p) => p.slug)));
const pageSlugs = new Set(collected.flatMap((c) => c.result.pages.map((p) => p.slug)));
const outputs: Output[] = [
  ...[...slugs].flatMap((slug) => outputsBySlug.get(slug) ?? []),
  ...[...pageSlugs].flatMap((slug) => outputsByPage.get(slug) ?? []),
];
if (result.site?.image) {
  const image = await siteImage(result.site.image, contentDir, result.site.origin, join(cacheDir, "media"));
  if (image.problem) errors.push({ file: display(sitePath), field: "image", message: image.problem });
  else result.site.image = image.url;
  outputs.push(...image.outputs);
  if (image.cacheKey) media.used.add(image.cacheKey);
}

// The folder the corpus is stored in (src/shared/corpus.ts `corpusLocation`).
const key = corpusKey(cacheDir);

// content/site/logo.svg or logo.png: shown in the header.
if (readable && result.site) {
  const logo = await siteLogo(join(contentDir, "site"), join(cacheDir, "media"));
  if (logo.problem)
    errors.push({ file: display(join(contentDir, "site", logo.problem.file)), field: "file", message: logo.problem.message });
  if (logo.logo) {
    result.site.logo = logo.logo;
    result.site.stylesheet = `${result.site.stylesheet ?? STYLES}${LOGO_CSS}`;
  }
  outputs.push(...logo.outputs);
  if (logo.cacheKey) media.used.add(logo.cacheKey);
}

// Federation's replies under posts get their few rules, only when it is on.
if (result.site?.fediverse) result.site.stylesheet = `${result.site.stylesheet ?? STYLES}${REPLIES_CSS}`;

// content/site/style.css, the author's own CSS: checked, then appended after the theme's.
if (readable && result.site && siteCss) {
  errors.push(...siteCssProblems(siteCss.text).map((p) => ({ file: display(siteCssPath), ...p })));
  result.site.stylesheet = withSiteCss(result.site.stylesheet);
}

// content/site/favicon.svg or favicon.png: the icons and the web manifest, in the site's colours.
if (readable && result.site) {
  const site = result.site;
  const favicon = await siteFavicon(join(contentDir, "site"), cacheDir, {
    title: site.title,
    stylesheet: site.stylesheet ?? STYLES,
  });
  if (favicon.problem)
    errors.push({
      file: display(join(contentDir, "site", favicon.problem.file)),
      field: "file",
      message: favicon.problem.message,
    });
  if (favicon.icons) site.icons = favicon.icons;
  outputs.push(...favicon.outputs);
}

// A social card per post, drawn only when its title, date or the site changed, on other threads
// while this one writes the rest (`cardsDone`, awaited before the build reports). A scheduled
// post's card is kept in the corpus until the post is published (src/build/cards/hidden.ts).
let cardsRendered = 0;
let cardsAhead = 0;
let cardsDone: Promise<{ rendered: number; warnings: string[]; ahead: number }> | undefined;
let hiddenCards: ReturnType<typeof placeCards> = [];
if (errors.length === 0 && result.site && values.cards) {
  const site = result.site;
  // The cards are in the pages' colours: the theme's and style.css's, read from the finished stylesheet.
  const colours = cardColoursOf(site.stylesheet);
  try {
    const scheduled = collected.flatMap(({ language: lang, result: r }) => r.scheduled.map((s) => cardKey(s, lang)));
    const cards = await buildCards(
      collected.flatMap(({ language: lang, result: r }) => r.posts.flatMap((p) => cardOf(p, site, lang, colours))),
      { outDir: assetsDir, cacheDir: join(cacheDir, "cards"), corpusKey: key, first: new Set(scheduled) },
    );
    hiddenCards = placeCards(assetsDir, key, cards.cards, new Set(scheduled));
    cardsDone = cards.done;
    for (const { language: lang, result: r } of collected) {
      for (const p of r.posts) {
        const card = cards.cards.get(cardKey(p.slug, lang));
        if (card) p.card = `/${card}`;
      }
    }
  } catch (e) {
    errors.push({ file: "(social cards)", field: "card", message: (e as Error).message.replace(/\n/g, "; ") });
  }
}

// --no-cards names no card, so none is published: an earlier build's cards go.
if (!values.cards) removeCards(assetsDir);

// The page's only inline code is its stylesheet; its hash is the whole CSP allowance (no nonce,
// so cached pages stay byte-identical).
const styleHashOf = (site: SiteConfig) =>
  `sha256-${createHash("sha256")
    .update(site.stylesheet ?? STYLES)
    .digest("base64")}`;
/**
 * The search index, always in the assets. One fixed folder: assets are versioned with the
 * script, and a shard whose words did not change keeps its bytes, so a rebuild leaves it alone.
 */
const SEARCH_BASE = `${CORPUS_PREFIX}/search`;

/** One more language of a blog in several, ready to write: its site, posts and the rest. */
interface LanguageOutput {
  language: string;
  prefix: string;
  site: SiteConfig;
  posts: typeof result.posts;
  content: ModuleContent;
}

/**
 * A language's corpus files under its own folder (`/_content/pt-br/…`), what they pre-render
 * linking under its prefix (src/shared/paths.ts `inLanguage`).
 */
function* rooted(prefix: string, stream: Generator<CorpusSource>): Generator<CorpusSource> {
  for (;;) {
    const next = inLanguage(prefix, () => stream.next());
    if (next.done) return;
    yield { ...next.value, path: corpusRoot(prefix) + next.value.path.slice(CORPUS_PREFIX.length) };
  }
}

const write = async (
  site: SiteConfig,
  posts: typeof result.posts,
  problems: BuildError[],
  content: ModuleContent = {},
  translations: readonly LanguageOutput[] = [],
) => {
  mkdirSync(outDir, { recursive: true });
  // wrangler reads the assets directory on every start, so it exists even while the content is broken.
  prepareAssets(assetsDir);
  // The search index, one per language: patched from the last build's when only posts' contents
  // changed; posts scheduled after `now` leave no mark on the published posts' scores. Made on
  // the spare parse thread when there is one, while the corpus is written here.
  const job = (lang: string, list: typeof posts, memoDir: string, base: string): SearchJob => ({
    language: lang,
    posts: list,
    dir: join(cacheDir, "search", memoDir),
    now: now.getTime(),
    base,
  });
  const more = translations.map((t) => ({ ...t, searchBase: `${corpusRoot(t.prefix)}/search` }));
  // Only when every post was parsed in this build: a post kept from an earlier one reads its
  // HTML from the cache when asked (parse-cache.ts `revive`), which sending it would do for
  // every such post, where the index made here reads none of them.
  const thread = parsed.stats.reused === 0 ? spare : undefined;
  if (!thread) spare?.close();
  const searched = searchIndexes(
    [
      job(site.language, posts, "terms", SEARCH_BASE),
      ...more.map((t) => job(t.language, t.posts, `terms.${t.prefix.slice(1)}`, t.searchBase)),
    ],
    thread,
  );
  // Not left unhandled while the corpus is written: awaited below, where it fails the build.
  searched.catch(() => {});
  async function* files() {
    yield* corpusSources(posts, { ...content, site });
    for (const t of more) yield* rooted(t.prefix, corpusSources(t.posts, { ...t.content, site: t.site }));
    yield* hiddenCards;
    for (const index of await searched) yield* index.files;
  }
  // The manifest is per assets directory: a test's build into its own folder keeps its own.
  const manifest = join(cacheDir, "written", `${createHash("sha256").update(assetsDir).digest("hex").slice(0, 16)}.json`);
  const synced = await writeCorpus(assetsDir, files(), key, manifest, pipeline);
  const indexes = await searched;
  // One index per job, in order: the default language's, then each translation's.
  const manifestOf = (i: number) => (indexes[i] as LanguageSearch).manifest;
  writeFileSync(
    join(outDir, "content.ts"),
    generateContentModule(
      site,
      corpusManifest(posts, now.getTime()),
      content,
      more.map((t) => ({ ...t, corpus: corpusManifest(t.posts, now.getTime()) })),
    ),
  );
  writeFileSync(
    join(outDir, "build.ts"),
    generateBuildModule({
      styleHash: styleHashOf(site),
      preview: values.preview,
      problems,
      buildId: Date.now().toString(36),
      corpusKey: key,
    }),
  );
  writeFileSync(
    join(outDir, "search.ts"),
    generateSearchModule(
      manifestOf(0),
      SEARCH_BASE,
      Object.fromEntries(more.map((t, i) => [t.prefix, { manifest: manifestOf(i + 1), assets: t.searchBase }])),
    ),
  );
  writeFileSync(
    join(outDir, "federation.ts"),
    generateFederationModule(Boolean(site.fediverse), outDir, join(root, "src", "worker", "federation", "worker.ts")),
  );
  return synced;
};

if (errors.length > 0 || !result.site) {
  // No card is planned: the thread drawing ahead ends first. Left busy while the process exits, a
  // thread can abort it (seen once: node's assertion as the thread's environment was freed).
  await endDrawingAhead();
  // Ended too, and forgotten: the preview's problems page below makes its (empty) index here.
  spare?.close();
  spare = undefined;
  console.error(`\n✗ content build failed: ${errors.length} problem${errors.length === 1 ? "" : "s"}\n`);
  for (const e of errors) console.error(`  ${formatError(e)}`);
  console.error("");
  // After the errors, never above them: the errors are what to fix first, and a warning is
  // often an error's echo (a series of one when the other post is the broken one).
  if (warnings.length > 0) {
    for (const w of warnings) console.error(`⚠ ${w}`);
    console.error("");
  }
  if (!values.preview) process.exit(1);
  // The preview keeps serving, and shows these problems until the next good save: under the
  // blog's own header (its title, and the pages that did build in its navigation).
  await write(result.site ?? fallbackSite(siteFile?.text ?? ""), [], errors, {
    pages: result.pages,
    navigation: result.navigation,
  });
  console.error("  The preview shows these problems until the next save that fixes them.\n");
  process.exit(0);
}

for (const w of warnings) console.error(`⚠ ${w}`);
const site = result.site;
await write(
  site,
  result.posts,
  [],
  result,
  others.map(({ language: lang, result: r }) => ({
    language: lang,
    prefix: languagePrefix(site, lang),
    // The default language's site as the build finished it (icons, logo, stylesheet), in this language.
    site: {
      ...siteIn(site, lang),
      ...(r.site?.monthYears ? { monthYears: r.site.monthYears } : {}),
      ...(r.site?.numbers ? { numbers: r.site.numbers } : {}),
    },
    posts: r.posts,
    content: r,
  })),
);
publishMedia(assetsDir, outputs);
pruneCache(join(cacheDir, "media"), media.used);
parsed.prune();
sources.save();

// The cards drawn meanwhile on other threads. The pages name them already, so a card that could
// not be drawn fails the build (and nothing is deployed), as any other problem does.
if (cardsDone) {
  try {
    const drawn = await cardsDone;
    cardsRendered = drawn.rendered;
    cardsAhead = drawn.ahead;
    for (const w of drawn.warnings) console.error(`⚠ ${w}`);
  } catch (e) {
    const problem = formatError({ file: "(social cards)", field: "card", message: (e as Error).message.replace(/\n/g, "; ") });
    console.error(`\n✗ content build failed: 1 problem\n\n  ${problem}\n`);
    if (!values.preview) process.exit(1);
  }
}

if (!values.quiet) {
  // Since the process started, loading the build included: what an author waits for.
  const ms = Math.round(performance.now());
  // Every language's drafts and scheduled posts; a translation is named as its file is (`coming.pt-br`).
  const drafts = collected.reduce((n, c) => n + c.result.skipped.drafts.length + c.result.skipped.draftPages.length, 0);
  const inEach = collected.map(({ language: lang, result: r }) => ({
    posts: r.posts.map((p) => ({ slug: nameIn(p.slug, lang, defaultLanguage), date: p.date })),
    scheduled: r.scheduled.map((slug) => nameIn(slug, lang, defaultLanguage)),
  }));
  // Every language's posts and pages: a translation counts as one more.
  const postTotal = collected.reduce((n, c) => n + c.result.posts.length, 0);
  const pageTotal = collected.reduce((n, c) => n + c.result.pages.length, 0);
  const pages = pageTotal ? `, ${pageTotal} page(s)` : "";
  const inLanguages = collected.length > 1 ? `, ${collected.length} languages` : "";
  const notes = [
    drafts ? `${drafts} draft(s) left out` : "",
    scheduledNote(
      inEach.flatMap((l) => l.posts),
      inEach.flatMap((l) => l.scheduled),
    ),
    media.files ? `${media.files} file(s) in folders, ${media.processed} image(s) processed` : "",
    parsed.stats.reused > 0 ? `${parsed.stats.parsed} post(s) rendered, ${parsed.stats.reused} unchanged` : "",
    cardsRendered ? `${cardsRendered} social card(s) drawn${cardsAhead ? `, ${cardsAhead} as the posts were parsed` : ""}` : "",
  ].filter(Boolean);
  console.log(
    `✓ content: ${postTotal} post(s)${pages}${inLanguages}${values.preview ? " (preview: drafts and scheduled posts included)" : ""} in ${ms} ms${notes.length ? `; ${notes.join("; ")}` : ""}`,
  );
}
