import { describe, expect, it } from "vitest";
import { coldAndWarm, get, ORIGIN, POST, schemaErrors } from "./helpers.ts";

coldAndWarm("pages and aliases", () => {
  describe("a stand-alone page at /<slug>", () => {
    it("is served in three representations, and listed in the header by its nav order", async () => {
      const html = await get("/about");
      expect(html.status).toBe(200);
      expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(html.headers.get("vary")).toBe("Accept");
      const body = await html.text();
      expect(body).toContain("<h1>About these notes</h1>");
      expect(body).toContain('<a href="/tags">the tags</a>');
      expect(body).toContain('<li><a href="/tags">Tags</a></li><li><a href="/about">About these notes</a></li>');
      const json = await get("/about.json");
      const page = (await json.json()) as Record<string, unknown>;
      expect(schemaErrors("page", page)).toEqual([]);
      expect(page).toMatchObject({ slug: "about", url: `${ORIGIN}/about`, title: "About these notes", updated: null });
      const md = await (await get("/about.md")).text();
      expect(md.startsWith("---\ntitle: About these notes\n")).toBe(true);
    });

    it("in a folder of its own, shows its photo as a post does, and links preview it", async () => {
      const body = await (await get("/about")).text();
      const src =
        /<img src="(\/media\/[0-9a-f]{12}\/portrait\.jpg)" alt="The author of the fixture blog, as a grey-green square"/.exec(
          body,
        )?.[1];
      expect(src, body).toBeDefined();
      const stem = src?.replace(/\.jpg$/, "");
      expect(body).toContain(
        `<picture><source type="image/avif" srcset="${stem}-320.avif 320w" sizes="(min-width: 42.5rem) 40rem, calc(100vw - 2.5rem)">`,
      );
      expect(body).toContain(
        `<meta property="og:image" content="${ORIGIN}${src}"/><meta property="og:image:width" content="320"/><meta property="og:image:height" content="240"/><meta property="og:image:alt" content="The author of the fixture blog, as a grey-green square"/>`,
      );
    });

    it("is in llms.txt but not in the index, feeds or tags", async () => {
      expect(await (await get("/llms.txt")).text()).toContain(
        `## Pages\n\n- [About these notes](${ORIGIN}/about.md): Who writes the fixture blog, and why it exists.\n`,
      );
      expect(await (await get("/index.json")).text()).not.toContain("/about");
      expect(await (await get("/feed.xml")).text()).not.toContain("/about");
    });

    it("does not shadow any other route, and an unknown one is a 404", async () => {
      expect((await get("/no-such-page")).status).toBe(404);
      expect((await get("/search")).headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect((await get("/archive")).status).toBe(200);
    });
  });

  describe("old URLs of a renamed post (aliases)", () => {
    it.each([
      ["/posts/rust-and-the-future-of-back-end-development", POST],
      ["/posts/rust-and-the-future-of-back-end-development.json", `${POST}.json`],
      ["/posts/rust-and-the-future-of-back-end-development.md", `${POST}.md`],
      ["/2025/12/01/rust-back-end", POST],
      // Its one spelling and where it leads, in one hop.
      ["/2025/12/01/rust-back-end/", POST],
    ])("%s → 301 %s", async (from, to) => {
      const res = await get(from);
      expect(res.status).toBe(301);
      expect(res.headers.get("location")).toBe(to);
      expect(res.headers.get("cache-control")).toBe("public, max-age=86400");
    });

    it("keeps the query, and only the base path of a WordPress-style alias is one", async () => {
      expect((await get("/2025/12/01/rust-back-end?ref=x")).headers.get("location")).toBe(`${POST}?ref=x`);
      expect((await get("/2025/12/01/rust-back-end.json")).status).toBe(404);
    });
  });
});
