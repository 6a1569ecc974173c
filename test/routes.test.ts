import { describe, expect, it } from "vitest";
import seed from "./fixtures/blog/posts/rust-on-the-back-end.md?raw";
import { coldAndWarm, get, LINK_INDEX, LINK_POST, ORIGIN, POST, SLUG, schemaErrors } from "./helpers.ts";

const HTML = "text/html; charset=utf-8";
const JSON_TYPE = "application/json; charset=utf-8";
const MD = "text/markdown; charset=utf-8";
const TITLE =
  "Rust and the Future of Back-End Development: Why Companies Should Consider the Language for High Performance and Security";

coldAndWarm("routes", () => {
  describe("the article page", () => {
    it("serves HTML by default with title, date, body and the way back", async () => {
      const res = await get(POST);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(HTML);
      expect(res.headers.get("vary")).toBe("Accept");
      expect(res.headers.get("link")).toBe(LINK_POST);
      const html = await res.text();
      expect(html.startsWith('<!DOCTYPE html><html lang="en">')).toBe(true);
      expect(html).toContain(`<h1>${TITLE}</h1>`);
      expect(html).toContain('<time datetime="2025-12-01">December 1, 2025</time>');
      expect(html).toContain(
        "<p>Throughout my career as a software engineer, working on several projects and in different sectors both in Brazil and abroad, I've learned",
      );
      expect(html).toContain("will define the future of back-end development.</p>");
      expect(html).toContain('<a href="/">← Back to posts</a>');
      expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
      expect(html).toContain(`<title>${TITLE} · Fixture Notes</title>`);
      expect(html).toContain('<meta name="description" content="Why Rust&#39;s ownership model');
      expect(html).toContain(`<link rel="alternate" type="application/json" href="${POST}.json"/>`);
      expect(html).toContain(`<link rel="alternate" type="text/markdown" href="${POST}.md"/>`);
      expect(html).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
    });

    it("serves JSON to `Accept: application/json`, valid against the schema", async () => {
      const res = await get(POST, { accept: "application/json" });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(JSON_TYPE);
      expect(res.headers.get("vary")).toBe("Accept");
      expect(res.headers.get("link")).toBe(LINK_POST);
      const body = (await res.json()) as Record<string, unknown>;
      expect(schemaErrors("post", body)).toEqual([]);
      expect(body).toMatchObject({
        slug: SLUG,
        url: `${ORIGIN}${POST}`,
        title: TITLE,
        date: "2025-12-01T00:00:00Z",
        updated: "2025-12-01T00:00:00Z",
        tags: ["rust", "backend", "performance", "security"],
        links: {
          html: `${ORIGIN}${POST}`,
          json: `${ORIGIN}${POST}.json`,
          markdown: `${ORIGIN}${POST}.md`,
          newer: null,
          older: null,
        },
      });
      expect(body.html).toContain("<p>Throughout my career as a software engineer");
    });

    it("serves the post's Markdown source to `Accept: text/markdown`", async () => {
      const res = await get(POST, { accept: "text/markdown" });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(MD);
      expect(res.headers.get("vary")).toBe("Accept");
      expect(await res.text()).toBe(seed);
    });

    it.each([
      [`${POST}.json`, JSON_TYPE],
      [`${POST}.md`, MD],
    ])("serves %s at its own URL, whatever Accept says, without Vary", async (path, type) => {
      const res = await get(path, { accept: "text/html" });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(type);
      expect(res.headers.get("vary")).toBeNull();
      expect(res.headers.get("link")).toBe(LINK_POST);
    });

    it("gives the same JSON at the negotiated and the explicit URL", async () => {
      const a = await (await get(POST, { accept: "application/json" })).text();
      const b = await (await get(`${POST}.json`)).text();
      expect(a).toBe(b);
    });
  });

  describe("the index", () => {
    it("lists the posts, newest first, with date, description, reading time and link", async () => {
      const res = await get("/");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(HTML);
      expect(res.headers.get("vary")).toBe("Accept");
      expect(res.headers.get("link")).toBe(LINK_INDEX);
      const html = await res.text();
      expect(html).toContain(`<h2><a href="${POST}">${TITLE}</a></h2>`);
      expect(html).toContain('<time datetime="2025-12-01">December 1, 2025</time><span>2 min read</span>');
      expect(html).toContain("<p>Why Rust&#39;s ownership model, performance without a garbage collector");
    });

    it("serves JSON summaries without html, valid against the schema", async () => {
      for (const res of [await get("/", { accept: "application/json" }), await get("/index.json")]) {
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe(JSON_TYPE);
        const body = (await res.json()) as { posts: Record<string, unknown>[] };
        expect(schemaErrors("index", body)).toEqual([]);
        expect(body.posts.map((p) => p.slug)).toEqual([SLUG]);
        expect(body.posts[0]).not.toHaveProperty("html");
      }
    });

    it("serves Markdown linking each post's .md URL", async () => {
      const res = await get("/index.md");
      expect(res.headers.get("content-type")).toBe(MD);
      expect(await res.text()).toBe(
        `# Fixture Notes\n\nA blog that exists only for the engine's tests.\n\n- [${TITLE}](${ORIGIN}${POST}.md) (2025-12-01, 2 min read)\n  Why Rust's ownership model, performance without a garbage collector and memory safety make it a strategic choice for companies building high-performance, secure back-end systems.\n`,
      );
    });
  });

  describe("errors", () => {
    it("answers an unknown post with a 404 page that links home", async () => {
      const res = await get("/posts/no-such-post");
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe(HTML);
      expect(res.headers.get("vary")).toBe("Accept");
      const html = await res.text();
      expect(html).toContain("<h1>Page not found</h1>");
      expect(html).toContain('<a href="/">← Back to posts</a>');
      expect(html).toContain('<meta name="robots" content="noindex"/>');
    });

    it("answers JSON clients with RFC 9457 problem details", async () => {
      const res = await get("/no/such/page", { accept: "application/json" });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
      expect(res.headers.get("vary")).toBe("Accept");
      const body = await res.json();
      expect(schemaErrors("problem", body)).toEqual([]);
      expect(body).toEqual({
        type: "about:blank",
        title: "Not Found",
        status: 404,
        detail: "There is nothing at this address. It may have moved, or the link may be mistyped.",
        instance: "/no/such/page",
      });
    });

    it("answers the explicit .json URL of an unknown post with problem details, not negotiated", async () => {
      const res = await get("/posts/nope.json", { accept: "text/html" });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
      expect(res.headers.get("vary")).toBeNull();
    });

    it("answers Markdown clients with Markdown", async () => {
      const res = await get("/posts/nope", { accept: "text/markdown" });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe(MD);
      expect(await res.text()).toBe(
        `# 404 Page not found\n\nThere is nothing at this address. It may have moved, or the link may be mistyped.\n\n[← Back to posts](${ORIGIN}/)\n`,
      );
    });

    it("answers 406 listing the available types when nothing offered is acceptable", async () => {
      const res = await get(POST, { accept: "image/png" });
      expect(res.status).toBe(406);
      expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(res.headers.get("vary")).toBe("Accept");
      expect(res.headers.get("link")).toBe(LINK_POST);
      const text = await res.text();
      expect(text).toContain("  text/html\n  application/json\n  text/markdown\n");
    });

    it("rejects a file extension it does not serve", async () => {
      expect((await get(`${POST}.xml`)).status).toBe(404);
      expect((await get(`${POST}.`)).status).toBe(404);
    });
  });
});
