import { currentPrefix, inLanguage } from "./paths.ts";
import { isPublished } from "./schedule.ts";
import { tagKey } from "./tags.ts";
import type { Page, PageMeta, Post, PostMeta, Series, SiteConfig } from "./types.ts";
import { articleFragment } from "./views/article.ts";
import { languageOf, type PageLanguage, pageLanguage } from "./views/language.ts";
import { type ListedPost, summaryPieces } from "./views/parts.ts";

/**
 * Where the corpus lives: everything that grows with the blog (bodies, Markdown, listings, the
 * search index) is written as files into Workers Static Assets under this prefix, and only a
 * small manifest goes into the script. Paths below are the corpus's own names; where a file is
 * stored is `corpusLocation`. wrangler.toml runs the Worker first for this prefix, so a request
 * for it gets the blog's 404.
 */
export const CORPUS_PREFIX = "/_content";

/**
 * Where a corpus file is stored: in a folder named by a secret key the build makes and only the
 * script knows (`corpusKey` in the generated build module), `/_content/<key>/posts/x.json`.
 *
 * Running the Worker first for `/_content/*` is not enough to keep the files private: the asset
 * server decodes a path before it looks a file up, but matches `run_worker_first` against the
 * path as sent, so `/_content%2Fposts/x.json`, `/%5Fcontent/…` and countless other spellings
 * reached the file (a 307 to it), and told a scheduled post's slug, tags and series, and the
 * number of posts, from a name that does not exist. No list of spellings can be complete; a
 * name no one can guess leaves every spelling of every guess the same answer as any other
 * unknown path. One folder rather than a name per file: the Worker never shows a stored name,
 * so one secret protects them all, and the manifest stays free of per-post entries.
 */
export function corpusLocation(path: string, key: string): string {
  return `${CORPUS_PREFIX}/${key}${path.slice(CORPUS_PREFIX.length)}`;
}

/** A corpus key: 128 random bits, hex, made by the build (src/build/index.ts). */
export const CORPUS_KEY = /^[0-9a-f]{32}$/;

/**
 * A scheduled post's social card (`/cards/<slug>-<hash>.png`), kept in the corpus rather than
 * among the public cards until the post is published (src/worker/routes/cards.ts).
 */
export const cardFile = (card: string) => `${CORPUS_PREFIX}${card}`;

/** Posts per listing file: a page of the index or a tag reads one or two. */
export const LIST_CHUNK = 100;

/**
 * Where a language's corpus is: the default language's at CORPUS_PREFIX, another's in a folder
 * named by its URL prefix (`/_content/pt-br`), with the same files in it. The names of the files
 * below take it as `root`.
 */
export const corpusRoot = (prefix: string) => `${CORPUS_PREFIX}${prefix}`;

export const postFile = (slug: string, root = CORPUS_PREFIX) => `${root}/posts/${slug}.json`;
export const pageFile = (slug: string, root = CORPUS_PREFIX) => `${root}/pages/${slug}.json`;
/** A list is `all` (every post), `tags/<tag>` or `series/<slug>`; stored in chunks of LIST_CHUNK. */
export const listFile = (list: string, chunk: number, root = CORPUS_PREFIX) => `${root}/lists/${list}/${chunk}.json`;
/** A tag's list, named by its ASCII key: file names in the assets stay ASCII whatever the script. */
export const tagList = (tag: string) => `tags/${tagKey(tag)}`;
export const seriesList = (slug: string) => `series/${slug}`;

/** A post's file: the post, and what its page shows of other posts, so one read renders it. */
export interface PostRecord {
  post: Post;
  /** The post before it in the index (newer) and after it (older). */
  newer?: PostMeta;
  older?: PostMeta;
  /** Related posts: only ones published when the build ran, so always visible. */
  related: PostMeta[];
  /** Every part of the post's series, oldest first, scheduled parts included. */
  series?: PostMeta[];
  /**
   * What the post's page shows of it that no request changes, as HTML, in the post's language
   * (src/shared/views/article.ts); absent from a corpus made without the site.
   */
  article?: string;
}

/** A post dated after the build: the Worker hides it, everywhere, until its instant. */
export interface ScheduledPost {
  slug: string;
  date: string;
  updated?: string;
  tags: string[];
  /** Its social card's URL: the Worker serves it from the corpus once the post is published. */
  card?: string;
}

/**
 * What the script knows of the corpus: counts and the few facts every request may need, never
 * anything per published post. Its size grows with tags, series and scheduled posts only.
 */
export interface CorpusManifest {
  /** Posts in the build, newest first; the first `scheduled.length` may not be published yet. */
  posts: number;
  /** The newest change (`updated ?? date`) among posts published when the build ran. */
  newest?: string;
  /** Posts per tag, all of them (scheduled included), in order of first use. */
  tags: Record<string, number>;
  /** Posts dated after the build, newest first: a prefix of every newest-first list. */
  scheduled: ScheduledPost[];
  /**
   * The newest posts, enough for the three the 404 page suggests once the scheduled ones are
   * skipped: an error page renders without reading a file.
   */
  recent: PostMeta[];
}

/**
 * One more language of a blog in several (the generated module's `translated`): what the module
 * holds for the default language, for this one. Its files are under `corpusRoot(prefix)`.
 */
export interface TranslatedContent {
  language: string;
  /** Its URLs' prefix: `/pt-br`. */
  prefix: string;
  /** The site in this language (src/shared/languages.ts `siteIn`). */
  site: SiteConfig;
  corpus: CorpusManifest;
  pages: PageMeta[];
  navigation: string[];
  series: Series[];
  /** Old URLs of this language's posts, as their front matter writes them, → slug. */
  aliases: Record<string, string>;
}

export interface CorpusFile {
  path: string;
  body: string;
}

/** How many of the newest posts an error page suggests. */
export const RECENT = 3;

/**
 * A digest of a post's HTML and Markdown, set by the build's parse cache (src/build/parse-cache.ts)
 * under a symbol, so JSON never sees it and spreads keep it. A post that has one may be a
 * remembered post whose bodies are read only when asked for: what only needs to know whether
 * they changed asks for this instead.
 */
export const BODY_DIGEST = Symbol("body digest");
export type DigestedPost = Post & { [BODY_DIGEST]?: string };

/** The fields a post's entry in lists leaves out. Its bodies are never read (see BODY_DIGEST). */
const NOT_META = new Set(["html", "markdown", "bodyStart", "headings"]);
const meta = (post: Post): PostMeta => {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(post)) if (!NOT_META.has(key)) out[key] = post[key as keyof Post];
  return out as unknown as PostMeta;
};

/** What a post's bodies are as an input: their digest when the build has one, or themselves. */
const bodyInputs = (post: DigestedPost): string[] => {
  const digest = post[BODY_DIGEST];
  return digest === undefined ? ["bodies", post.html, post.markdown] : ["digest", digest];
};

/**
 * `site`, when given, has the build pre-render what pages show of each post (src/shared/views/):
 * a post's article fragment, and each listed post's entry in the site's language.
 */
type Content = { pages?: readonly Page[]; series?: readonly Series[]; site?: Pick<SiteConfig, "language" | "strings"> };

function byTag(metas: readonly PostMeta[]): Map<string, PostMeta[]> {
  const tags = new Map<string, PostMeta[]>();
  for (const m of metas) {
    for (const tag of m.tags) {
      const list = tags.get(tag);
      if (list) list.push(m);
      else tags.set(tag, [m]);
    }
  }
  return tags;
}

/**
 * A corpus file before it is serialised: a post's file names what its bytes are made of
 * (`inputs`, with the code that makes them: the same inputs, the same bytes), so a rebuild can
 * tell it unchanged without serialising its HTML or rendering its article (src/build/write-corpus.ts).
 */
export interface CorpusSource {
  path: string;
  inputs?: readonly string[];
  body(): string;
}

/**
 * The corpus's files, one at a time, so a build writes each as it is made and never holds the
 * whole corpus twice (at 50,000 posts the files alone are over a gigabyte). Pure: `posts`
 * newest first, as the pipeline orders them.
 */
export function* corpusSources(posts: readonly Post[], content: Content): Generator<CorpusSource> {
  const site = content.site;
  const languages = new Map<string, PageLanguage>();
  const ofSite = site ? pageLanguage(site.language, site, languages) : undefined;
  const plain = posts.map(meta);
  const bySlug = new Map(plain.map((m) => [m.slug, m]));
  const pick = (slugs: readonly string[]) => slugs.flatMap((s) => bySlug.get(s) ?? []);
  const seriesOf = new Map((content.series ?? []).map((s) => [s.slug, s]));
  const once = <T>(make: (m: PostMeta) => T) => {
    const memo = new Map<PostMeta, T>();
    return (m: PostMeta) => {
      let made = memo.get(m);
      if (made === undefined) {
        made = make(m);
        memo.set(m, made);
      }
      return made;
    };
  };
  // What the pre-rendered parts read besides the posts: the site's language and strings, and
  // the prefix their links are made under. With each post's fields, it decides its entry in
  // lists and related posts, which is therefore made only for a file that is made.
  const prefix = currentPrefix();
  const salt = JSON.stringify([prefix, site?.language ?? null, site?.strings ?? null]);
  const plainJson = once((m) => JSON.stringify(m));
  // Lists and related posts show each post's entry; neighbours and series parts only its title.
  const listed = once((m): ListedPost => (ofSite ? { ...m, summary: summaryPieces(m, ofSite.t, ofSite.lang) } : m));
  const listedJson = once((m) => JSON.stringify(listed(m)));
  /** Made when asked, perhaps after the stream moved on: under the prefix it was made in. */
  const made = (make: () => string) => () => inLanguage(prefix, make);
  for (let i = 0; i < posts.length; i++) {
    const post = posts[i] as Post;
    const newer = plain[i - 1];
    const older = plain[i + 1];
    const related = pick(post.related);
    const series = post.series ? pick(seriesOf.get(post.series.slug)?.posts ?? []) : undefined;
    // The record's parts: the post but for its two long strings, which are inputs of their
    // own (hashing them is cheap, escaping them into JSON is not), and each other post it
    // shows, serialised once and shared by every record that shows it.
    const others = (list: readonly PostMeta[] | undefined) => (list ? [String(list.length), ...list.map(plainJson)] : ["none"]);
    yield {
      path: postFile(post.slug),
      inputs: [
        salt,
        // The post: its entry as others show it (every field but these four), and these.
        plainJson(plain[i] as PostMeta),
        JSON.stringify(post.headings),
        String(post.bodyStart),
        ...bodyInputs(post),
        ...others(newer ? [newer] : []),
        ...others(older ? [older] : []),
        ...others(related),
        ...others(series),
      ],
      body: made(() => {
        const record: PostRecord = {
          post,
          newer,
          older,
          related: related.map(listed),
          series,
        };
        if (site) {
          const own = pageLanguage(languageOf(post, site), site, languages);
          record.article = articleFragment(post, own.t, own.lang);
        }
        return JSON.stringify(record);
      }),
    };
  }
  for (const page of content.pages ?? []) {
    const body = JSON.stringify(page);
    yield { path: pageFile(page.slug), body: () => body };
  }
  const lists = [
    ["all", plain] as const,
    ...[...byTag(plain)].map(([tag, list]) => [tagList(tag), list] as const),
    ...(content.series ?? []).map((s) => [seriesList(s.slug), pick(s.posts)] as const),
  ];
  for (const [name, list] of lists) {
    for (let k = 0; k * LIST_CHUNK < list.length; k++) {
      const entries = list.slice(k * LIST_CHUNK, (k + 1) * LIST_CHUNK);
      yield {
        path: listFile(name, k),
        inputs: ["list", salt, ...entries.map(plainJson)],
        // What JSON.stringify makes of the array, from its entries' JSON.
        body: made(() => `[${entries.map(listedJson).join(",")}]`),
      };
    }
  }
}

/** corpusSources, serialised. */
export function* corpusFileStream(posts: readonly Post[], content: Content): Generator<CorpusFile> {
  for (const source of corpusSources(posts, content)) yield { path: source.path, body: source.body() };
}

/** The manifest the script holds. `now` is the build's instant: what is scheduled. */
export function corpusManifest(posts: readonly Post[], now: number): CorpusManifest {
  const metas = posts.map(meta);
  const tags = byTag(metas);
  const scheduled = metas
    .filter((m) => !isPublished(m, now))
    .map(({ slug, date, updated, tags, card }) => ({
      slug,
      date,
      ...(updated ? { updated } : {}),
      tags,
      ...(card ? { card } : {}),
    }));
  let newest: string | undefined;
  for (const m of metas.slice(scheduled.length)) {
    const d = m.updated ?? m.date;
    if (!newest || d > newest) newest = d;
  }
  return {
    posts: metas.length,
    ...(newest ? { newest } : {}),
    tags: Object.fromEntries([...tags].map(([tag, list]) => [tag, list.length])),
    scheduled,
    recent: metas.slice(0, scheduled.length + RECENT),
  };
}

/** The manifest and every file at once: for tests and small blogs. */
export function corpusFiles(
  posts: readonly Post[],
  content: Content,
  now: number,
): { manifest: CorpusManifest; files: CorpusFile[] } {
  return { manifest: corpusManifest(posts, now), files: [...corpusFileStream(posts, content)] };
}
