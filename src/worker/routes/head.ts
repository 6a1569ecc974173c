import { absolute, pagePath } from "../../shared/paths.ts";
import type { PostMeta } from "../../shared/types.ts";
import { navigationLinks, site } from "../blog.ts";
import type { HeadProps } from "../views/Layout.tsx";

/** What every page's head and header share: the pages in the navigation, the site's image. */
export function siteHead(): Pick<HeadProps, "nav" | "image"> {
  return {
    nav: navigationLinks().map((l) => ({ href: pagePath(l.slug), title: l.title })),
    image: site.image ? { url: site.image, alt: site.title } : undefined,
  };
}

/** A post's link-preview image: its own first image, else its social card, else the site's. */
export function postImage(post: PostMeta): HeadProps["image"] {
  if (post.image) return post.image;
  if (post.card) return { url: absolute(site, post.card), width: 1200, height: 630, alt: post.title };
  return siteHead().image;
}
