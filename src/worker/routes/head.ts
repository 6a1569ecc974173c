import { absolute, pagePath } from "../../shared/paths.ts";
import type { PostMeta } from "../../shared/types.ts";
import type { Blog } from "../blog.ts";
import type { HeadProps } from "../views/Layout.tsx";

/** What every page's head and header share in a language: its pages in the navigation, the site's image. */
export function siteHead(b: Blog): Pick<HeadProps, "nav" | "image"> {
  const { site } = b;
  return {
    nav: b.within(() => b.navigationLinks().map((l) => ({ href: pagePath(l.slug), title: l.title }))),
    image: site.image ? { url: site.image, alt: site.title } : undefined,
  };
}

/** A post's link-preview image: its own first image, else its social card, else the site's. */
export function postImage(b: Blog, post: PostMeta): HeadProps["image"] {
  if (post.image) return post.image;
  if (post.card) return { url: absolute(b.site, post.card), width: 1200, height: 630, alt: post.title };
  return siteHead(b).image;
}
