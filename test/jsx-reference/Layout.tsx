/**
 * FROZEN REFERENCE, for tests only: the JSX view the Worker rendered before its pages were joined
 * from strings (src/worker/views/, src/shared/views/). test/strings-vs-jsx.test.tsx holds every
 * page against it byte for byte. Change the markup here and there together, never one alone.
 */
import type { Child } from "hono/jsx";
import { escapeToBuffer, raw } from "hono/utils/html";
import type { Messages } from "../../src/shared/i18n/index.ts";
import { isRightToLeft } from "../../src/shared/i18n/index.ts";
import {
  archivePath,
  FAVICON,
  FEED_ATOM,
  FEED_JSON,
  indexPath,
  opensearchPath,
  searchPath,
  tagsPath,
} from "../../src/shared/paths.ts";
import { STYLES } from "../../src/shared/styles.ts";
import type { SiteConfig } from "../../src/shared/types.ts";

export interface Alternate {
  type: string;
  href: string;
  title?: string;
}

export interface HeadProps {
  title: string;
  description: string;
  /** Absolute canonical URL of this page. */
  canonical: string;
  alternates: Alternate[];
  /** `website` for lists, `article` for posts (Open Graph). */
  ogType: "website" | "article";
  /** Extra Open Graph `article:*` properties. */
  article?: { published: string; modified?: string; tags: string[] };
  jsonLd?: object;
  prev?: string;
  next?: string;
  noindex?: boolean;
  /** The query a search page shows, kept in the header's search box. */
  query?: string;
  /** Extra feeds this page offers (a tag's own), for autodiscovery. */
  feeds?: Alternate[];
  /** The picture a link to this page shows (og:image): the post's own, its card, or the site's. */
  image?: { url: string; width?: number; height?: number; alt: string };
  /** Stand-alone pages listed in the header (front matter `nav`). */
  nav?: readonly { href: string; title: string }[];
}

export interface LayoutProps extends HeadProps {
  site: SiteConfig;
  /** The interface's words, in the page's language. */
  t: Messages;
  children: Child;
}

/** JSON inside `<script>`: `<` escaped so no string in it can close the element. */
export function jsonForScript(value: object): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * A `<link>` or `<meta>` of the head, written as markup. hono/jsx treats both as document
 * metadata: a `<link>` hoists itself into the head when rendered (a callback per link that
 * rewrites the whole document), and a `<meta>` looks up the render context to learn it is in
 * the head. Ours are in the head already and need neither; on a fresh isolate that machinery
 * cost the first page several milliseconds (bench/first-profile.ts). Attributes are
 * escaped as hono/jsx escapes them, in the order given; undefined ones are left out.
 */
function headTag(name: "link" | "meta", attributes: Record<string, string | undefined>) {
  const buffer: [string] = [`<${name}`];
  for (const [attribute, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    buffer[0] += ` ${attribute}="`;
    escapeToBuffer(value, buffer);
    buffer[0] += '"';
  }
  return raw(`${buffer[0]}/>`);
}
export const HeadLink = (attributes: Record<string, string | undefined>) => headTag("link", attributes);
export const HeadMeta = (attributes: Record<string, string | undefined>) => headTag("meta", attributes);

/** The document shell: head metadata for browsers, crawlers and link previews; landmarks. */
export function Layout(props: LayoutProps) {
  const { site, t } = props;
  const fullTitle = props.title === site.title ? site.title : `${props.title} · ${site.title}`;
  return (
    <html lang={site.language} dir={isRightToLeft(site.language) ? "rtl" : undefined}>
      <head>
        <HeadMeta charset="utf-8" />
        <HeadMeta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <HeadMeta name="description" content={props.description} />
        {props.noindex ? <HeadMeta name="robots" content="noindex" /> : null}
        <HeadMeta name="color-scheme" content="light dark" />
        <HeadLink rel="canonical" href={props.canonical} />
        {props.alternates.map((a) => (
          <HeadLink rel="alternate" type={a.type} href={a.href} />
        ))}
        <HeadLink rel="alternate" type="application/atom+xml" title={`${site.title} (Atom)`} href={FEED_ATOM} />
        <HeadLink rel="alternate" type="application/feed+json" title={`${site.title} (JSON Feed)`} href={FEED_JSON} />
        {props.feeds?.map((f) => (
          <HeadLink rel="alternate" type={f.type} title={f.title} href={f.href} />
        ))}
        <HeadLink rel="search" type="application/opensearchdescription+xml" title={site.title} href={opensearchPath()} />
        {props.prev ? <HeadLink rel="prev" href={props.prev} /> : null}
        {props.next ? <HeadLink rel="next" href={props.next} /> : null}
        {site.icons ? (
          <>
            <HeadLink rel="icon" href={site.icons.icon.url} type={site.icons.icon.type} />
            {site.icons.icon.url !== site.icons.png ? (
              <HeadLink rel="icon" href={site.icons.png} type="image/png" sizes="32x32" />
            ) : null}
            <HeadLink rel="apple-touch-icon" href={site.icons.appleTouch} />
            <HeadLink rel="manifest" href={site.icons.manifest} />
          </>
        ) : (
          <HeadLink rel="icon" href={FAVICON} type="image/svg+xml" />
        )}
        <HeadMeta property="og:type" content={props.ogType} />
        <HeadMeta property="og:site_name" content={site.title} />
        <HeadMeta property="og:title" content={props.title} />
        <HeadMeta property="og:description" content={props.description} />
        <HeadMeta property="og:url" content={props.canonical} />
        <HeadMeta property="og:locale" content={site.language.replace("-", "_")} />
        {props.article ? <HeadMeta property="article:published_time" content={props.article.published} /> : null}
        {props.article?.modified ? <HeadMeta property="article:modified_time" content={props.article.modified} /> : null}
        {props.article?.tags.map((t) => (
          <HeadMeta property="article:tag" content={t} />
        ))}
        {props.image ? <HeadMeta property="og:image" content={props.image.url} /> : null}
        {props.image?.width ? <HeadMeta property="og:image:width" content={String(props.image.width)} /> : null}
        {props.image?.height ? <HeadMeta property="og:image:height" content={String(props.image.height)} /> : null}
        {props.image ? <HeadMeta property="og:image:alt" content={props.image.alt} /> : null}
        <HeadMeta name="twitter:card" content={props.image ? "summary_large_image" : "summary"} />
        {props.image ? <HeadMeta name="twitter:image" content={props.image.url} /> : null}
        <HeadMeta name="twitter:title" content={props.title} />
        <HeadMeta name="twitter:description" content={props.description} />
        {props.jsonLd ? (
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(props.jsonLd) }} />
        ) : null}
        <style dangerouslySetInnerHTML={{ __html: site.stylesheet ?? STYLES }} />
      </head>
      <body>
        {/* Page ids contain ":", which heading slugs never do, so a post's "## Main" cannot collide. */}
        <a class="skip" href="#site:main">
          {t.text("skipToContent")}
        </a>
        <header class="site">
          <div class="wrap">
            <a class="brand" href={indexPath()}>
              {site.logo ? (
                <img src={site.logo.url} width={site.logo.width} height={site.logo.height} alt={site.title} />
              ) : (
                site.title
              )}
            </a>
            <nav class="site" aria-label={t.text("siteNav")}>
              <ul>
                <li>
                  <a href={indexPath()}>{t.text("posts")}</a>
                </li>
                <li>
                  <a href={tagsPath()}>{t.text("tags")}</a>
                </li>
                {props.nav?.map((link) => (
                  <li>
                    <a href={link.href}>{link.title}</a>
                  </li>
                ))}
                <li>
                  <a href={FEED_ATOM}>{t.text("feed")}</a>
                </li>
              </ul>
            </nav>
            {/* biome-ignore lint/a11y/useSemanticElements: role="search" on the form is understood by every browser and screen reader; <search> is not yet */}
            <form class="search" role="search" action={searchPath()} method="get" aria-label={t.text("siteSearch")}>
              <input type="search" name="q" value={props.query ?? ""} aria-label={t.text("searchPosts")} maxlength={200} />
              <button type="submit">{t.text("searchButton")}</button>
            </form>
          </div>
        </header>
        <main id="site:main" class="wrap">
          {props.children}
        </main>
        <footer class="site">
          <div class="wrap">
            <p>
              © {site.author} · <a href={archivePath()}>{t.text("archive")}</a> · <a href={FEED_ATOM}>{t.text("atomFeed")}</a> ·{" "}
              <a href={FEED_JSON}>{t.text("jsonFeed")}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
