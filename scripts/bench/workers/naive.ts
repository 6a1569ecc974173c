/**
 * The naive Worker the real one is compared with: Hono, marked on every request and
 * `hono/etag` (which hashes each body to answer If-None-Match). No build-time rendering and
 * no per-isolate cache: what a first version of this blog would plausibly have been.
 */
import { Hono } from "hono";
import { etag } from "hono/etag";
import { marked } from "marked";
import { loadBody, posts, site } from "../../../src/generated/content.ts";

const page = (title: string, body: string) =>
  `<!doctype html><html lang="${site.language}"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

const app = new Hono();
app.use(etag());

app.get("/", (c) => {
  const items = posts.map((p) => `<li><a href="/posts/${p.slug}">${p.title}</a></li>`).join("");
  return c.html(page(site.title, `<h1>${site.title}</h1><ul>${items}</ul>`));
});

app.get("/posts/:slug", (c) => {
  const i = posts.findIndex((p) => p.slug === c.req.param("slug"));
  const meta = posts[i];
  if (!meta) return c.notFound();
  // Strip the front matter and render the markdown, every time.
  const markdown = loadBody(i).markdown.replace(/^---\n[\s\S]*?\n---\n/, "");
  const html = marked.parse(markdown, { async: false });
  if ((c.req.header("accept") ?? "").includes("application/json")) return c.json({ ...meta, html });
  return c.html(page(meta.title, `<article><h1>${meta.title}</h1>${html}</article>`));
});

export default app;
