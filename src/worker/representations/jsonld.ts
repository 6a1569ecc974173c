import { absolute, indexPath, postPath } from "../../shared/paths.ts";
import type { Post, PostMeta, SiteConfig } from "../../shared/types.ts";

/** schema.org JSON-LD for search engines, built from the same records as the page. */

const person = (site: SiteConfig) => ({ "@type": "Person", name: site.author });

export function blogPostingLd(site: SiteConfig, post: Post) {
  return {
    "@context": "https://schema.org",
    "@type": "BlogPosting",
    headline: post.title,
    description: post.description,
    datePublished: post.date,
    dateModified: post.updated ?? post.date,
    author: person(site),
    publisher: person(site),
    url: absolute(site, postPath(post.slug)),
    mainEntityOfPage: absolute(site, postPath(post.slug)),
    inLanguage: site.language,
    keywords: post.tags.join(", "),
    wordCount: post.wordCount,
    isPartOf: { "@type": "Blog", name: site.title, url: absolute(site, indexPath()) },
  };
}

export function blogLd(site: SiteConfig, posts: readonly PostMeta[]) {
  return {
    "@context": "https://schema.org",
    "@type": "Blog",
    name: site.title,
    description: site.description,
    url: absolute(site, indexPath()),
    inLanguage: site.language,
    author: person(site),
    blogPost: posts.map((p) => ({
      "@type": "BlogPosting",
      headline: p.title,
      url: absolute(site, postPath(p.slug)),
      datePublished: p.date,
      dateModified: p.updated ?? p.date,
    })),
  };
}
