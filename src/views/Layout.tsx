import type { Child } from "hono/jsx";
import type { SiteConfig } from "../content/types.ts";
import { archivePath, FAVICON, FEED_ATOM, FEED_JSON, indexPath, OPENSEARCH, searchPath, tagsPath } from "../paths.ts";
import { STYLES } from "./styles.ts";

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
  children: Child;
}

/** JSON inside `<script>`: `<` escaped so no string in it can close the element. */
export function jsonForScript(value: object): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** The document shell: head metadata for browsers, crawlers and link previews; landmarks. */
export function Layout(props: LayoutProps) {
  const { site } = props;
  const fullTitle = props.title === site.title ? site.title : `${props.title} · ${site.title}`;
  return (
    <html lang={site.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={props.description} />
        {props.noindex ? <meta name="robots" content="noindex" /> : null}
        <meta name="color-scheme" content="light dark" />
        <link rel="canonical" href={props.canonical} />
        {props.alternates.map((a) => (
          <link rel="alternate" type={a.type} href={a.href} />
        ))}
        <link rel="alternate" type="application/atom+xml" title={`${site.title} (Atom)`} href={FEED_ATOM} />
        <link rel="alternate" type="application/feed+json" title={`${site.title} (JSON Feed)`} href={FEED_JSON} />
        {props.feeds?.map((f) => (
          <link rel="alternate" type={f.type} title={f.title} href={f.href} />
        ))}
        <link rel="search" type="application/opensearchdescription+xml" title={site.title} href={OPENSEARCH} />
        {props.prev ? <link rel="prev" href={props.prev} /> : null}
        {props.next ? <link rel="next" href={props.next} /> : null}
        <link rel="icon" href={FAVICON} type="image/svg+xml" />
        <meta property="og:type" content={props.ogType} />
        <meta property="og:site_name" content={site.title} />
        <meta property="og:title" content={props.title} />
        <meta property="og:description" content={props.description} />
        <meta property="og:url" content={props.canonical} />
        <meta property="og:locale" content={site.language.replace("-", "_")} />
        {props.article ? <meta property="article:published_time" content={props.article.published} /> : null}
        {props.article?.modified ? <meta property="article:modified_time" content={props.article.modified} /> : null}
        {props.article?.tags.map((t) => (
          <meta property="article:tag" content={t} />
        ))}
        {props.image ? <meta property="og:image" content={props.image.url} /> : null}
        {props.image?.width ? <meta property="og:image:width" content={String(props.image.width)} /> : null}
        {props.image?.height ? <meta property="og:image:height" content={String(props.image.height)} /> : null}
        {props.image ? <meta property="og:image:alt" content={props.image.alt} /> : null}
        <meta name="twitter:card" content={props.image ? "summary_large_image" : "summary"} />
        {props.image ? <meta name="twitter:image" content={props.image.url} /> : null}
        <meta name="twitter:title" content={props.title} />
        <meta name="twitter:description" content={props.description} />
        {props.jsonLd ? (
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(props.jsonLd) }} />
        ) : null}
        <style dangerouslySetInnerHTML={{ __html: STYLES }} />
      </head>
      <body>
        {/* Page ids contain ":", which heading slugs never do, so a post's "## Main" cannot collide. */}
        <a class="skip" href="#site:main">
          Skip to content
        </a>
        <header class="site">
          <div class="wrap">
            <a class="brand" href={indexPath()}>
              {site.title}
            </a>
            <nav class="site" aria-label="Site">
              <ul>
                <li>
                  <a href={indexPath()}>Posts</a>
                </li>
                <li>
                  <a href={tagsPath()}>Tags</a>
                </li>
                {props.nav?.map((link) => (
                  <li>
                    <a href={link.href}>{link.title}</a>
                  </li>
                ))}
                <li>
                  <a href={FEED_ATOM}>Feed</a>
                </li>
              </ul>
            </nav>
            {/* biome-ignore lint/a11y/useSemanticElements: role="search" on the form is understood by every browser and screen reader; <search> is not yet */}
            <form class="search" role="search" action={searchPath()} method="get" aria-label="Site search">
              <input type="search" name="q" value={props.query ?? ""} aria-label="Search posts" maxlength={200} />
              <button type="submit">Search</button>
            </form>
          </div>
        </header>
        <main id="site:main" class="wrap">
          {props.children}
        </main>
        <footer class="site">
          <div class="wrap">
            <p>
              © {site.author} · <a href={archivePath()}>Archive</a> · <a href={FEED_ATOM}>Atom feed</a> ·{" "}
              <a href={FEED_JSON}>JSON Feed</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
