/**
 * The naive Worker the real one is compared with: Hono, marked on every request and
 * `hono/etag` (which hashes each body to answer If-None-Match). No build-time rendering and
 * no per-isolate cache: what a first version of this blog would plausibly have been. It reads
 * the same corpus files as the real Worker (src/shared/corpus.ts), on every request.
 */
import { Hono } from "hono";
import { etag } from "hono/etag";
import { marked } from "marked";
import { corpusKey } from "../../src/generated/build.ts";
import { site } from "../../src/generated/content.ts";
import { corpusLocation, listFile, type PostRecord, postFile } from "../../src/shared/corpus.ts";
import type { PostMeta } from "../../src/shared/types.ts";

const page = (title: string, body: string) =>
  `<!doctype html><html lang="${site.language}"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

type Env = { ASSETS: { fetch(request: Request): Promise<Response> } };
const read = async <T>(env: Env, path: string): Promise<T | undefined> => {
  // Stored in the build's secret folder, as the real Worker reads it (src/shared/corpus.ts).
  const res = await env.ASSETS.fetch(new Request(`https://assets.invalid${corpusLocation(path, corpusKey)}`));
  return res.ok ? ((await res.json()) as T) : undefined;
};

const app = new Hono<{ Bindings: Env }>();
app.use(etag());

app.get("/", async (c) => {
  const posts = (await read<PostMeta[]>(c.env, listFile("all", 0))) ?? [];
  const items = posts.map((p) => `<li><a href="/posts/${p.slug}">${p.title}</a></li>`).join("");
  return c.html(page(site.title, `<h1>${site.title}</h1><ul>${items}</ul>`));
});

app.get("/posts/:slug", async (c) => {
  const record = await read<PostRecord>(c.env, postFile(c.req.param("slug")));
  if (!record) return c.notFound();
  const { post } = record;
  // Strip the front matter and render the markdown, every time.
  const markdown = post.markdown.replace(/^---\n[\s\S]*?\n---\n/, "");
  const html = marked.parse(markdown, { async: false });
  const { html: _h, markdown: _m, ...meta } = post;
  if ((c.req.header("accept") ?? "").includes("application/json")) return c.json({ ...meta, html });
  return c.html(page(post.title, `<article><h1>${post.title}</h1>${html}</article>`));
});

export default app;
