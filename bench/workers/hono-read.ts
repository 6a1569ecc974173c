/**
 * A second first-request peer, for attribution: the Hono-constant app (hono-constant.ts) plus the
 * one read the real Worker's first article request makes, the post's corpus file (in its secret
 * folder) through the ASSETS binding, parsed and then ignored. The real Worker's time over this peer is its own
 * work (negotiation, the view, hashing); this peer's time over the constant one is the asset
 * layer's, which in Miniflare is a local simulation of a shared production service.
 */
import html from "bench:article-html";
import corpusKey from "bench:corpus-key";
import { Hono } from "hono";

type Env = { ASSETS: { fetch(request: Request): Promise<Response> } };
const app = new Hono<{ Bindings: Env }>();
app.get("/robots.txt", (c) => c.text("User-agent: *\nAllow: /\n"));
app.get("/posts/:slug", async (c) => {
  const res = await c.env.ASSETS.fetch(
    new Request(`https://assets.invalid/_content/${corpusKey}/posts/${c.req.param("slug")}.json`),
  );
  if (!res.ok) return c.text(`corpus read answered ${res.status}`, 500);
  JSON.parse(await res.text());
  return c.html(html);
});
app.get("*", (c) => c.html(html));

export default app;
