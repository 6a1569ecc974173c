/**
 * The first-request peer: a Hono app that sends the article's HTML as a constant. Its first
 * request costs what any Hono Worker pays on a fresh isolate (loading Hono, building the router
 * on the first match, one `c.html`) and nothing for the content, so the real Worker's first
 * requests are reported as milliseconds over it. `bench:article-html` is the same generated module
 * the constant Worker sends (see constant.ts). `/robots.txt` answers a line of text, so that the
 * readiness request before a timed first request is the same one the real Worker gets and warms
 * nothing of the article's path; every other path gets the article, so the app can sit in the
 * throughput table beside the constant Worker.
 */
import html from "bench:article-html";
import { Hono } from "hono";

const app = new Hono();
app.get("/robots.txt", (c) => c.text("User-agent: *\nAllow: /\n"));
app.get("/posts/:slug", (c) => c.html(html));
app.get("*", (c) => c.html(html));

export default app;
