import type { NumberSpelling } from "./i18n/numbers.ts";
import type { Catalogue, Message, MessageKey } from "./i18n/types.ts";
/**
 * The one source of the content types. The pipeline produces these records,
 * the generated module holds them, and routes and views import them from here.
 */

/** Site-wide settings, read from `content/site.yaml`. */
export interface SiteConfig {
  title: string;
  description: string;
  author: string;
  /** BCP 47 language tag for `<html lang>` and feeds: the default language's, in a blog in several. */
  language: string;
  /**
   * site.yaml `languages`: a blog in several (src/shared/languages.ts), the default (`language`)
   * first. Absent for a blog in one.
   */
  languages?: string[];
  /** site.yaml `translations`: each other language's title, description and `strings`. */
  translations?: Record<string, SiteTranslation>;
  /**
   * Each of `languages` in itself ("Português (Brasil)"), for the language switcher: named by
   * the build, so no request constructs an Intl.DisplayNames.
   */
  languageNames?: Record<string, string>;
  /** Canonical origin, no trailing slash: absolute URLs in feeds, sitemap and JSON. */
  origin: string;
  /** Posts per index page before `/page/<n>` pagination starts. */
  postsPerPage: number;
  /** How many of the newest posts the feeds carry. */
  feedLimit: number;
  /**
   * The site's image for link previews (og:image) of pages with none of their own. In
   * site.yaml: an https URL, the blog's icon (`/favicon.svg`) or a file in content/ (`./logo.png`);
   * after the build, always an absolute URL.
   */
  image?: string;
  /**
   * January to December of any year in the site's language, as patterns ("dezembro de {year}"),
   * filled in by the build (like `dateText`, so the Worker never constructs an Intl formatter on
   * a request). shared/dates.ts monthYearPatterns.
   */
  monthYears?: string[];
  /**
   * How the site's language writes whole numbers (its digits and grouping), filled in by the
   * build from its Intl.NumberFormat (src/shared/i18n/numbers.ts): the Worker then writes counts
   * and page numbers as the build wrote the rest, without constructing one.
   */
  numbers?: NumberSpelling;
  /**
   * The interface's words in the site's language (src/shared/i18n/catalogues.ts pickCatalogue),
   * written into the generated module by the build: the Worker ships the blog's catalogues only.
   * `strings` still override them.
   */
  catalogue?: Catalogue;
  /** Overrides of the interface's words (`strings:` in site.yaml), by catalogue key. */
  strings?: Partial<Record<MessageKey, Message>>;
  /**
   * The page's stylesheet when the blog changes its look (site.yaml `theme`,
   * content/site/style.css): the built-in one with the theme and the author's CSS after it.
   * Absent otherwise, and pages inline src/shared/styles.ts as it is.
   */
  stylesheet?: string;
  /** content/site/logo.svg or logo.png, published: shown in the header, the title its alt text. */
  logo?: { url: string; width: number; height: number };
  /** content/site/favicon.svg or favicon.png and what the build made from it (src/build/theme/favicon.ts). */
  icons?: SiteIcons;
  /** site.yaml `fediverse`: federation on (docs/federation.md); absent, nothing of it is routed. */
  fediverse?: Fediverse;
  /** site.yaml `peertube`: servers whose video links become players (docs/writing.md "Videos"), lower-cased hosts. */
  peertube?: string[];
}

/** What a language of a blog in several says in its own words (site.yaml `translations`). */
export interface SiteTranslation {
  title?: string;
  description?: string;
  strings?: Partial<Record<MessageKey, Message>>;
}

/** The blog as an ActivityPub actor. */
export interface Fediverse {
  /** Followed as `@<handle>@<host>`. */
  handle: string;
  /** Which replies show without approval: none (`manual`), followers' (`followers`), all (`open`). */
  moderation: "manual" | "followers" | "open";
}

/** The site's own icons, published under hashed names: linked from every page's head. */
export interface SiteIcons {
  /** The icon as given (an SVG), or its 32 px PNG. */
  icon: { url: string; type: string };
  /** 32×32 PNG. */
  png: string;
  /** 180×180 PNG on the site's background. */
  appleTouch: string;
  /** The web manifest (name, icons, colours). */
  manifest: string;
}

export interface Heading {
  depth: number;
  id: string;
  text: string;
}

/** Everything known about a post except its rendered body: small, loaded eagerly. */
export interface PostMeta {
  slug: string;
  title: string;
  description: string;
  /** RFC 3339 date-time in UTC, e.g. `2025-12-01T00:00:00Z`. */
  date: string;
  /** RFC 3339 date-time in UTC, when the post says it was updated. */
  updated?: string;
  /**
   * `date` and `updated` as readers see them ("December 1, 2025", in the site's language),
   * formatted by the build: the Worker's first use of Intl.DateTimeFormat costs milliseconds.
   */
  dateText?: string;
  updatedText?: string;
  tags: string[];
  draft: boolean;
  /** Dated after the build: only ever present in a preview (`npm start`). */
  scheduled?: true;
  wordCount: number;
  readingTimeMinutes: number;
  /** The post's first image of its own (folder posts), for link previews: og:image. */
  image?: PostImage;
  /** The post's social card, root-relative: `/cards/<slug>-<hash8>.png` (1200×630 PNG). */
  card?: string;
  /** The series this post is part of (front matter `series: "Name"`), counted over the build. */
  series?: PostSeries;
  /**
   * The blog's other languages this post is translated into (a blog in several): each has a
   * post of the same slug. Whether one is published yet is the Worker's to check.
   */
  translations?: string[];
  /**
   * Up to three other posts, by most tags shared, then newest: slugs, best first. Only posts
   * published when the build ran (in a preview, any post in it), so each is always visible.
   */
  related: string[];
}

/** An image for link previews (og:image, twitter:image): absolute URL, size in pixels, alt text. */
export interface PostImage {
  url: string;
  width: number;
  height: number;
  alt: string;
}

/** A post's place in its series: part 1 is the oldest post. */
export interface PostSeries {
  slug: string;
  name: string;
  part: number;
  of: number;
}

/** A series: posts that name the same `series` in their front matter, in date order. */
export interface Series {
  /** Made from the name (`slugify`), the same way `npm run new` makes file names. */
  slug: string;
  name: string;
  /** Post slugs, oldest first. */
  posts: string[];
}

/** The heavy part of a post, built lazily on first use (see the generated module). */
export interface PostBody {
  /** The body rendered to HTML at build time. */
  html: string;
  /** The post's source file: front matter and markdown, as the author wrote it. */
  markdown: string;
  /** Where the markdown body starts in `markdown`, after the front matter. */
  bodyStart: number;
  /** Sections for the table of contents (h2 and h3). */
  headings: Heading[];
}

export type Post = PostMeta & PostBody;

/**
 * A stand-alone page (`content/pages/<slug>.md`, or `<slug>/index.md` with its files, served at
 * `/<slug>`): About, Now, Uses…
 * Not dated, not tagged, not in feeds or the index.
 */
export interface PageMeta {
  slug: string;
  title: string;
  description: string;
  /** RFC 3339 date-time in UTC, when the page says it was last updated. */
  updated?: string;
  /** Present: the page is in the header navigation, in order of `nav`, then title. */
  nav?: number;
  /** Only ever true in a preview: production builds leave draft pages out. */
  draft: boolean;
  /** A folder page's first image of its own, for link previews: og:image. */
  image?: PostImage;
  /** The blog's other languages this page is translated into (a blog in several). */
  translations?: string[];
}

/** A page's body has the same parts as a post's. */
export type PageBody = PostBody;

export type Page = PageMeta & PageBody;

/** One build problem, reported as `file → field: message`. */
export interface BuildError {
  file: string;
  field: string;
  message: string;
}
