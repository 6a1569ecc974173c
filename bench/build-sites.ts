/**
 * The same posts as three sites, for `npm run bench:build` (bench/build.ts): this project's
 * content/ layout, a Hugo site and an Eleventy site. Each peer gets what a minimal blog of its kind
 * has: a page per post with highlighted code, a paginated index, a page per tag and a feed.
 *
 * The posts: the seed post's body (content/posts/) under new titles, 3 tags each, and one fenced
 * code block each.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SITE_YAML } from "./corpus.ts";

const TAGS = "rust go typescript workers edge caching http performance security databases testing design ops web".split(" ");
const CODE = [
  [
    "ts",
    "export async function handler(req: Request): Promise<Response> {\n  const url = new URL(req.url);\n  return new Response('hello ' + url.pathname);\n}",
  ],
  ["rust", 'fn main() {\n    let xs: Vec<u32> = (1..=10).collect();\n    println!("{}", xs.iter().sum::<u32>());\n}'],
  ["python", "def fib(n: int) -> int:\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a"],
] as const;

export interface BenchPost {
  slug: string;
  title: string;
  date: string;
  tags: string[];
  body: string;
}

/** The seed post's body, without its front matter. */
export function seedBody(contentDir: string): string {
  const dir = join(contentDir, "posts");
  const first = readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()[0];
  if (!first) throw new Error(`${dir}: no seed post`);
  const text = readFileSync(join(dir, first), "utf8");
  return text.replace(/^---\n[\s\S]*?\n---\n/, "").trim();
}

export function benchPosts(n: number, body: string): BenchPost[] {
  return Array.from({ length: n }, (_, i) => {
    const [lang, code] = CODE[i % CODE.length] as (typeof CODE)[number];
    return {
      slug: `post-${i + 1}`,
      title: `Notes on building fast, part ${i + 1}`,
      // A day apart, all in the past: nothing is scheduled.
      date: new Date(Date.UTC(2024, 0, 1) - i * 86_400_000).toISOString().slice(0, 10),
      tags: [0, 1, 2].map((k) => TAGS[(i + k * 5) % TAGS.length] as string),
      body: `${body}\n\n\`\`\`${lang}\n${code}\n\`\`\`\n`,
    };
  });
}

const front = (p: BenchPost) => `---\ntitle: "${p.title}"\ndate: ${p.date}\ntags: [${p.tags.join(", ")}]\n---\n\n${p.body}`;

function writeTree(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** Writes one post's file for every system (also used to edit one post). */
export function writePost(dirs: { project: string; hugo: string; eleventy: string }, p: BenchPost): void {
  writeFileSync(join(dirs.project, "content", "posts", `${p.slug}.md`), front(p));
  writeFileSync(join(dirs.hugo, "content", "posts", `${p.slug}.md`), front(p));
  writeFileSync(join(dirs.eleventy, "src", "posts", `${p.slug}.md`), front(p));
}

export function writeSites(dirs: { project: string; hugo: string; eleventy: string }, posts: BenchPost[]): void {
  mkdirSync(join(dirs.project, "content", "posts"), { recursive: true });
  writeFileSync(join(dirs.project, "content", "site.yaml"), SITE_YAML);

  writeTree(dirs.hugo, {
    "hugo.toml": `baseURL = "https://edge-blog.example.com/"\ntitle = "Scale Bench"\nlanguageCode = "en"\npaginate = 10\n[taxonomies]\ntag = "tags"\n[markup.highlight]\nnoClasses = false\n[services.rss]\nlimit = 20\n`,
    "layouts/_default/baseof.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">{{ end }}</head><body><header><a href="/">{{ site.Title }}</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>\n`,
    "layouts/_default/single.html": `{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02" }}</time><ul>{{ range .Params.tags }}<li><a href="{{ "/tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul>{{ .Content }}</article>{{ end }}\n`,
    "layouts/_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1>{{ $pages := where site.RegularPages "Section" "posts" }}{{ if not .IsHome }}{{ $pages = .Pages }}{{ end }}{{ range (.Paginate $pages).Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><time>{{ .Date.Format "2006-01-02" }}</time>{{ .Summary }}</article>{{ end }}{{ template "_internal/pagination.html" . }}{{ end }}\n`,
  });
  mkdirSync(join(dirs.hugo, "content", "posts"), { recursive: true });

  writeTree(dirs.eleventy, {
    "src/_includes/base.njk": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title><link rel="alternate" type="application/atom+xml" href="/feed.xml"></head><body><header><a href="/">Scale Bench</a></header><main>{{ content | safe }}</main></body></html>\n`,
    "src/_includes/post.njk": `---\nlayout: base.njk\n---\n<article><h1>{{ title }}</h1><time>{{ page.date | dateToRfc3339 }}</time><ul>{% for tag in tags %}{% if tag != "posts" %}<li><a href="/tags/{{ tag | slugify }}/">{{ tag }}</a></li>{% endif %}{% endfor %}</ul>{{ content | safe }}</article>\n`,
    "src/posts/posts.json": `${JSON.stringify({ layout: "post.njk", tags: ["posts"], permalink: "/posts/{{ page.fileSlug }}/" })}\n`,
    "src/index.njk": `---\nlayout: base.njk\ntitle: Scale Bench\npagination:\n  data: collections.posts\n  size: 10\n  reverse: true\npermalink: "/{% if pagination.pageNumber > 0 %}page/{{ pagination.pageNumber + 1 }}/{% endif %}"\n---\n{% for post in pagination.items %}<article><h2><a href="{{ post.url }}">{{ post.data.title }}</a></h2><time>{{ post.date | dateToRfc3339 }}</time></article>{% endfor %}\n`,
    "src/tags.njk": `---\nlayout: base.njk\npagination:\n  data: collections\n  size: 1\n  alias: tag\n  filter: [all, posts]\npermalink: "/tags/{{ tag | slugify }}/"\neleventyComputed:\n  title: "{{ tag }}"\n---\n{% for post in collections[tag] | reverse %}<article><h2><a href="{{ post.url }}">{{ post.data.title }}</a></h2></article>{% endfor %}\n`,
  });
  for (const p of posts) writePost(dirs, p);
}
