import { describe, expect, it } from "vitest";
import { coldAndWarm, get, ORIGIN, POST, SLUG, schemaErrors } from "./helpers.ts";

const HTML = "text/html; charset=utf-8";
const TITLE =
  "Rust and the Future of Back-End Development: Why Companies Should Consider the Language for High Performance and Security";

coldAndWarm("search", () => {
  describe("the search page", () => {
    it("with no query is the search page itself: the form, no results", async () => {
      const res = await get("/search");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(HTML);
      expect(res.headers.get("cache-control")).toBe("public, max-age=60");
      expect(res.headers.get("vary")).toBe("Accept");
      expect(res.headers.get("link")).toBe(
        '</search>; rel="alternate"; type="text/html", </search.json>; rel="alternate"; type="application/json", </search.md>; rel="alternate"; type="text/markdown"',
      );
      const html = await res.text();
      expect(html).toContain("<h1>Search</h1>");
      expect(html).toContain(
        '<form class="search" role="search" action="/search" method="get" aria-label="Search this blog"><input type="search" name="q" value="" aria-label="Search terms" maxlength="200"/>',
      );
      expect(html).toContain('<meta name="robots" content="noindex"/>');
      expect(html).not.toContain('class="posts hits"');
    });

    it("lists the hits with title, date and a snippet with the matched words in <mark>", async () => {
      const res = await get("/search?q=Ownership");
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain("<h1>Search: Ownership</h1>");
      expect(html).toContain('<p class="meta">1 post matches</p>');
      expect(html).toContain(`<h2><a href="${POST}">${TITLE}</a></h2>`);
      expect(html).toContain('<time datetime="2025-12-01">December 1, 2025</time>');
      expect(html).toContain("introducing a strict &quot;<mark>ownership</mark>&quot; model");
    });

    it("says clearly when nothing matches", async () => {
      const html = await (await get("/search?q=zebrafish")).text();
      expect(html).toContain('<p class="lede">No posts match “zebrafish”. Try fewer or other words, or the start of a word.</p>');
    });

    it("matches the start of the last word, folds case and accents, and finds phrases", async () => {
      const hits = async (q: string) =>
        ((await (await get(`/search.json?q=${encodeURIComponent(q)}`)).json()) as { total: number }).total;
      expect(await hits("owners")).toBe(1);
      expect(await hits("OWNÉRSHIP")).toBe(1);
      expect(await hits('"memory safety"')).toBe(1);
      expect(await hits('"safety memory"')).toBe(0);
    });

    it("is in the header of every page, and browsers are told it exists", async () => {
      const html = await (await get(POST)).text();
      expect(html).toContain(
        '<form class="search" role="search" action="/search" method="get" aria-label="Site search"><input type="search" name="q" value="" aria-label="Search posts" maxlength="200"/><button type="submit">Search</button></form>',
      );
      expect(html).toContain(
        '<link rel="search" type="application/opensearchdescription+xml" title="Fixture Notes" href="/opensearch.xml"/>',
      );
      expect(res(await get("/opensearch.xml"))).toEqual([200, "application/opensearchdescription+xml; charset=utf-8"]);
      const xml = await (await get("/opensearch.xml")).text();
      expect(xml).toContain(`<Url type="text/html" method="get" template="${ORIGIN}/search?q={searchTerms}"/>`);
      expect(xml).toContain("<ShortName>Fixture Notes</ShortName>");
    });
  });

  describe("the same results as JSON and Markdown", () => {
    it("as JSON by Accept (Vary) and at /search.json (no Vary), valid against the schema", async () => {
      const negotiated = await get("/search?q=memory", { accept: "application/json" });
      expect(negotiated.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(negotiated.headers.get("vary")).toBe("Accept");
      const explicit = await get("/search.json?q=memory");
      expect(explicit.headers.get("vary")).toBeNull();
      expect(explicit.headers.get("cache-control")).toBe("public, max-age=60");
      expect(explicit.headers.get("access-control-allow-origin")).toBe("*");
      const body = (await explicit.json()) as { results: { slug: string; snippet: string; marks: number[][] }[] };
      expect(await negotiated.text()).toBe(`${JSON.stringify(body, null, 2)}\n`);
      expect(schemaErrors("search", body)).toEqual([]);
      expect(body).toMatchObject({ query: "memory", total: 1, exact: true, pagination: { page: 1, totalPages: 1 } });
      const [hit] = body.results;
      expect(hit?.slug).toBe(SLUG);
      for (const [start, end] of hit?.marks ?? []) expect(hit?.snippet.slice(start, end).toLowerCase()).toBe("memory");
    });

    it("as Markdown, with the matches in bold and everything else escaped", async () => {
      const res = await get("/search.md?q=%22memory%20safety%22");
      expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
      const md = await res.text();
      expect(
        md.startsWith(`# Search: "memory safety"\n\n1 post matches\n\n- [${TITLE}](${ORIGIN}${POST}.md) (December 1, 2025)\n`),
      ).toBe(true);
      expect(md).toContain("**memory safety**?");
    });

    it("answers 406 with the alternatives when none suits", async () => {
      const res = await get("/search?q=x", { accept: "image/png" });
      expect(res.status).toBe(406);
      expect(res.headers.get("link")).toBe(
        '</search?q=x>; rel="alternate"; type="text/html", </search.json?q=x>; rel="alternate"; type="application/json", </search.md?q=x>; rel="alternate"; type="text/markdown"',
      );
    });

    it("checks the query before a 406: a 5,000-character one gets a 400 whose headers do not grow with it", async () => {
      const res = await get(`/search?q=${"a".repeat(5000)}`, { accept: "image/png" });
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe(HTML);
      expect(res.headers.get("link")).toBeNull();
      const short = await get(`/search?q=${"a".repeat(201)}`, { accept: "image/png" });
      expect(short.status).toBe(400);
      const size = (r: Response) => [...r.headers].reduce((n, [k, v]) => n + k.length + v.length, 0);
      expect(size(res)).toBe(size(short));
      expect(await res.text()).toContain("The query is 5000 characters long; at most 200 are allowed.");
    });

    it("validates and ETags its answers like any page", async () => {
      const first = await get("/search?q=memory");
      const etag = first.headers.get("etag") ?? "";
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
      expect((await get("/search?q=memory", { "if-none-match": etag })).status).toBe(304);
    });
  });

  describe("the query is reflected escaped everywhere", () => {
    const HOSTILE = `"><script>alert(1)</script>' javascript:alert(2) & *x*`;

    it("in the HTML attribute and text", async () => {
      const html = await (await get(`/search?q=${encodeURIComponent(HOSTILE)}`)).text();
      expect(html).not.toContain("<script>alert(1)");
      expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#39; javascript:alert(2) &amp; *x*"');
      expect(html).toContain(
        "<h1>Search: &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#39; javascript:alert(2) &amp; *x*</h1>",
      );
    });

    it("in JSON, as a string", async () => {
      const body = (await (await get(`/search.json?q=${encodeURIComponent(HOSTILE)}`)).json()) as { query: string };
      expect(body.query).toBe(HOSTILE);
    });

    it("in Markdown, with nothing left to become markup", async () => {
      const md = await (await get(`/search.md?q=${encodeURIComponent(HOSTILE)}`)).text();
      // Brackets, angle brackets, & and * are escaped: no link, tag, entity or emphasis can start.
      expect(md.split("\n")[0]).toBe(`# Search: "\\>\\<script\\>alert(1)\\</script\\>' javascript:alert(2) \\& \\*x\\*`);
    });

    it("with NUL and other controls removed", async () => {
      const body = (await (await get("/search.json?q=mem%00ory%07")).json()) as { query: string; total: number };
      expect(body.query).toBe("memory");
      expect(body.total).toBe(1);
    });

    it("refuses a query over 200 characters with a clean 400, in the format asked for", async () => {
      for (const [q, n] of [
        ["a".repeat(201), 201],
        ["x ".repeat(5000), 9999],
      ] as const) {
        const res = await get(`/search.json?q=${encodeURIComponent(q)}`);
        expect(res.status).toBe(400);
        expect(res.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
        const problem = (await res.json()) as { detail: string };
        expect(problem.detail).toBe(`The query is ${n} characters long; at most 200 are allowed.`);
      }
      const html = await get(`/search?q=${"a".repeat(10_000)}`);
      expect(html.status).toBe(400);
      expect(html.headers.get("content-type")).toBe(HTML);
      // One wording in every format: a sentence, as every other error's.
      expect(await html.text()).toContain('<p class="lede">The query is 10000 characters long; at most 200 are allowed.</p>');
      const md = await get(`/search.md?q=${"a".repeat(201)}`);
      expect(md.status).toBe(400);
      expect(await md.text()).toBe(
        `# 400 That address is not valid\n\nThe query is 201 characters long; at most 200 are allowed.\n\n[← Back to posts](${ORIGIN}/)\n`,
      );
    });

    it.each(["0", "-1", "x", "1.5", "1001"])("refuses page=%s with 400", async (page) => {
      expect((await get(`/search?q=memory&page=${page}`)).status).toBe(400);
    });
  });

  describe("a query string that is not percent-encoded UTF-8 is a 400, as a path's is", () => {
    const BAD_Q = '"q" is not percent-encoded UTF-8 text. Write each byte as % and two hex digits, and a % sign as %25.';
    // A surrogate, bytes no UTF-8 has, an overlong NUL, a cut sequence, one beside a literal %.
    const BROKEN = ["%ED%A0%80", "%FF%FE", "%C0%80", "%E6%97", "100%25%FF", "%%FF"];

    it.each(BROKEN)("q=%s, in the format asked for", async (q) => {
      const json = await get(`/search.json?q=${q}`);
      expect([json.status, json.headers.get("content-type")]).toEqual([400, "application/problem+json; charset=utf-8"]);
      expect(await json.json()).toEqual({
        type: "about:blank",
        title: "Bad Request",
        status: 400,
        detail: BAD_Q,
        instance: "/search.json",
      });
      const md = await get(`/search.md?q=${q}`);
      expect([md.status, md.headers.get("content-type")]).toEqual([400, "text/markdown; charset=utf-8"]);
      expect(await md.text()).toBe(`# 400 That address is not valid\n\n${BAD_Q}\n\n[← Back to posts](${ORIGIN}/)\n`);
      const html = await get(`/search?q=${q}`);
      expect([html.status, html.headers.get("content-type")]).toEqual([400, HTML]);
      const page = await html.text();
      expect(page).toContain("<h1>That address is not valid</h1>");
      expect(page).toContain(
        `<p class="lede">&quot;q&quot; is not percent-encoded UTF-8 text. Write each byte as % and two hex digits, and a % sign as %25.</p>`,
      );
    });

    it("checks every q and page, and a name spelled with escapes", async () => {
      const detail = async (path: string) => {
        const res = await get(path);
        expect(res.status).toBe(400);
        return ((await res.json()) as { detail: string }).detail;
      };
      expect(await detail("/search.json?q=rust&page=%FF")).toBe(BAD_Q.replace('"q"', '"page"'));
      expect(await detail("/search.json?q=rust&q=%FF")).toBe(BAD_Q);
      expect(await detail("/search.json?%71=%FF")).toBe(BAD_Q);
      // Other parameters are not the search's to judge.
      expect((await get("/search.json?q=rust&utm_source=%FF")).status).toBe(200);
    });

    it("reads + as a space and valid escapes as their characters", async () => {
      const query = async (path: string) => ((await (await get(path)).json()) as { query: string }).query;
      expect(await query("/search.json?q=memory+safety")).toBe("memory safety");
      expect(await query("/search.json?q=%E6%97%A5%E6%9C%AC")).toBe("日本");
      expect(await query("/search.json?q=100%25+sure")).toBe("100% sure");
      // A % without two hex digits is itself, as WHATWG URL reads it (a browser sends `100%` typed into its address bar as it is).
      expect(await query("/search.json?q=100%")).toBe("100%");
      expect(await query("/search.json?q=%zz+cotton")).toBe("%zz cotton");
      expect(await query("/search.json?q=%")).toBe("%");
      expect((await get("/search.json?q=memory&page=%31")).status).toBe(200);
    });
  });

  describe("a page past the last is a 404 that says where the results end", () => {
    const GONE = "There is no page 2 of these results: the last is page 1.";

    it("in HTML, with a link to the last page", async () => {
      const res = await get("/search?q=Ownership&page=2");
      expect([res.status, res.headers.get("content-type")]).toEqual([404, HTML]);
      expect(res.headers.get("vary")).toBe("Accept");
      const html = await res.text();
      expect(html).toContain(
        `<h1>Page not found</h1><p class="lede">${GONE}</p><p><a href="/search?q=Ownership">← Last page of results</a></p><p><a href="/">← Back to posts</a></p>`,
      );
    });

    it("as problem details and as Markdown", async () => {
      const json = await get("/search.json?q=Ownership&page=2");
      expect([json.status, json.headers.get("content-type")]).toEqual([404, "application/problem+json; charset=utf-8"]);
      expect(await json.json()).toEqual({
        type: "about:blank",
        title: "Not Found",
        status: 404,
        detail: GONE,
        instance: "/search.json",
      });
      const md = await get("/search.md?q=Ownership&page=2");
      expect([md.status, md.headers.get("content-type")]).toEqual([404, "text/markdown; charset=utf-8"]);
      expect(await md.text()).toBe(
        `# 404 Page not found\n\n${GONE}\n\n[← Last page of results](${ORIGIN}/search.md?q=Ownership)\n\n[← Back to posts](${ORIGIN}/)\n`,
      );
    });

    it("outranks a 406, as a missing page does", async () => {
      const res = await get("/search?q=Ownership&page=2", { accept: "image/png" });
      expect([res.status, res.headers.get("content-type")]).toEqual([404, HTML]);
    });

    it("also when nothing matches, or there is no query; page 1 of no hits stays a 200", async () => {
      const status = async (path: string) => (await get(path)).status;
      expect(await status("/search.json?q=zebrafish&page=2")).toBe(404);
      expect(await status("/search.json?page=2")).toBe(404);
      expect(await status("/search.json?q=zebrafish")).toBe(200);
      expect(await status("/search.json?q=zebrafish&page=1")).toBe(200);
      expect(await status("/search.json?q=Ownership&page=1")).toBe(200);
    });
  });
});

const res = (r: Response) => [r.status, r.headers.get("content-type")];
