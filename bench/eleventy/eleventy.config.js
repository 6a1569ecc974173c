// The Eleventy peer of `npm run bench:build` (bench/build.ts): its RSS (an Atom feed of the newest
// 20 posts) and syntax-highlight plugins, over the site bench/build-sites.ts writes.
import { feedPlugin } from "@11ty/eleventy-plugin-rss";
import syntaxHighlight from "@11ty/eleventy-plugin-syntaxhighlight";

export default function (eleventyConfig) {
  eleventyConfig.addPlugin(syntaxHighlight);
  eleventyConfig.addPlugin(feedPlugin, {
    type: "atom",
    outputPath: "/feed.xml",
    collection: { name: "posts", limit: 20 },
    metadata: {
      language: "en",
      title: "Scale Bench",
      base: "https://edge-blog.example.com/",
      author: { name: "Bench" },
    },
  });
}
