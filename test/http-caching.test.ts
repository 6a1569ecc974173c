import { beforeEach, describe, expect, it } from "vitest";
import { prepare, strongEtag } from "../src/worker/http/representation.ts";
import { coldAndWarm, getUrl, POST, get as req, useFreshWorker } from "./helpers.ts";

const PAGE_CACHE = "public, max-age=300, stale-while-revalidate=86400";
const LAST_MODIFIED = "Mon, 01 Dec 2025 00:00:00 GMT";

describe("rendered once per isolate (Server-Timing shows it)", () => {
  beforeEach(useFreshWorker);
  it("builds a representation on first use and reuses it after", async () => {
    const first = await req(POST);
    expect(first.headers.get("server-timing")).toMatch(/^render;desc="built";dur=\d+\.\d$/);
    const second = await req(POST);
    expect(second.headers.get("server-timing")).toBe('cache;desc="reused"');
    expect(await second.text()).toBe(await first.text());
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
  });

  it("builds each representation separately", async () => {
    await req(POST);
    const json = await req(POST, { accept: "application/json" });
    expect(json.headers.get("server-timing")).toMatch(/^render;desc="built"/);
  });

  it("shares one build between concurrent first requests", async () => {
    const [a, b] = await Promise.all([req("/index.md"), req("/index.md")]);
    const timings = [a.headers.get("server-timing"), b.headers.get("server-timing")];
    expect(timings.filter((t) => t?.startsWith('render;desc="built"'))).toHaveLength(1);
    expect(timings).toContain('cache;desc="reused"');
  });
});

coldAndWarm("the HTTP contract", () => {
  describe("ETag (RFC 9110 §8.8.3)", () => {
    it("is strong, and differs per representation", async () => {
      const tags = await Promise.all(
        [req(POST), req(POST, { accept: "application/json" }), req(POST, { accept: "text/markdown" })].map(async (r) =>
          (await r).headers.get("etag"),
        ),
      );
      for (const t of tags) expect(t).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
      expect(new Set(tags).size).toBe(3);
    });

    it("is computed from the bytes, so changed content changes it", async () => {
      const enc = (s: string) => new TextEncoder().encode(s) as Uint8Array<ArrayBuffer>;
      expect(await strongEtag(enc("a"))).toBe(await strongEtag(enc("a")));
      expect(await strongEtag(enc("a"))).not.toBe(await strongEtag(enc("b")));
      const spec = { contentType: "text/plain", cacheControl: "no-store", cacheTags: [], kind: "data" as const };
      expect((await prepare({ ...spec, body: "v1" })).etag).not.toBe((await prepare({ ...spec, body: "v2" })).etag);
    });

    it("is the same at the negotiated and the explicit URL of the same bytes", async () => {
      const a = await req(POST, { accept: "application/json" });
      const b = await req(`${POST}.json`);
      expect(a.headers.get("etag")).toBe(b.headers.get("etag"));
    });
  });

  describe("If-None-Match (RFC 9110 §13.1.2)", () => {
    let etag: string;
    beforeEach(async () => {
      etag = (await req(POST)).headers.get("etag") ?? "";
    });

    it("answers 304 with no body and the cache headers when the tag matches", async () => {
      const res = await req(POST, { "if-none-match": etag });
      expect(res.status).toBe(304);
      expect(await res.text()).toBe("");
      expect(res.headers.get("etag")).toBe(etag);
      expect(res.headers.get("cache-control")).toBe(PAGE_CACHE);
      expect(res.headers.get("vary")).toBe("Accept");
      expect(res.headers.get("last-modified")).toBe(LAST_MODIFIED);
      expect(res.headers.get("link")).toContain(`<${POST}.json>; rel="alternate"; type="application/json"`);
      expect(res.headers.get("content-type")).toBeNull();
    });

    it.each([
      ["a list containing it", () => `"nope", ${etag}, "other"`],
      ["its weak form (weak comparison)", () => `W/${etag}`],
      ["*", () => "*"],
      ["extra spaces", () => `  "x" ,   ${etag}  `],
      ["empty list elements (§5.6.1.2)", () => `"x",, ,${etag},`],
      ["trailing empty elements", () => `${etag},,`],
    ])("matches %s", async (_name, header) => {
      expect((await req(POST, { "if-none-match": header() })).status).toBe(304);
    });

    it.each([
      ["another tag", '"different"'],
      ["an unquoted tag", "abc"],
      ["a malformed list", '"a" "b"'],
      ["an empty value", ""],
    ])("answers 200 for %s", async (_name, header) => {
      const res = await req(POST, { "if-none-match": header });
      expect(res.status).toBe(200);
      expect((await res.text()).length).toBeGreaterThan(1000);
    });

    it("does not match the tag of another representation", async () => {
      const res = await req(POST, { "if-none-match": etag, accept: "application/json" });
      expect(res.status).toBe(200);
    });

    it("takes precedence over If-Modified-Since (§13.2.2)", async () => {
      const res = await req(POST, { "if-none-match": '"different"', "if-modified-since": "Fri, 01 Jan 2100 00:00:00 GMT" });
      expect(res.status).toBe(200);
    });

    it("when malformed, is ignored, and its presence still rules out If-Modified-Since (§13.1.3)", async () => {
      const res = await req(POST, { "if-none-match": "garbage", "if-modified-since": LAST_MODIFIED });
      expect(res.status).toBe(200);
    });
  });

  describe("If-Match and If-Unmodified-Since (RFC 9110 §13.1.1, §13.1.4)", () => {
    let etag: string;
    beforeEach(async () => {
      etag = (await req(POST)).headers.get("etag") ?? "";
    });

    it.each([
      ["If-Match with the current tag", () => ({ "if-match": etag }), 200],
      ["If-Match: *", () => ({ "if-match": "*" }), 200],
      ["If-Match with another tag", () => ({ "if-match": '"nope"' }), 412],
      ["If-Match with the weak form (strong comparison fails)", () => ({ "if-match": `W/${etag}` }), 412],
      ["malformed If-Match (ignored)", () => ({ "if-match": "nope" }), 200],
      ["If-Unmodified-Since after Last-Modified", () => ({ "if-unmodified-since": "Tue, 02 Dec 2025 00:00:00 GMT" }), 200],
      ["If-Unmodified-Since before Last-Modified", () => ({ "if-unmodified-since": "Sat, 01 Jan 1990 00:00:00 GMT" }), 412],
      [
        "If-Unmodified-Since when If-Match passes (ignored)",
        () => ({ "if-match": etag, "if-unmodified-since": "Sat, 01 Jan 1990 00:00:00 GMT" }),
        200,
      ],
      ["If-Match failing before If-None-Match", () => ({ "if-match": '"nope"', "if-none-match": etag }), 412],
    ])("%s → %i", async (_name, headers, status) => {
      const res = await req(POST, headers());
      expect(res.status).toBe(status);
      if (status === 412) {
        // An error page like any other (test/errors.test.ts has its JSON and Markdown), with the validators.
        expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
        expect(res.headers.get("cache-control")).toBe("no-store");
        expect(res.headers.get("etag")).toBe(etag);
        expect(await res.text()).toContain("<h1>This page has changed</h1>");
      }
    });
  });

  describe("If-Modified-Since (RFC 9110 §13.1.3)", () => {
    it.each([
      ["the Last-Modified date", LAST_MODIFIED, 304],
      ["a later date", "Tue, 02 Dec 2025 00:00:00 GMT", 304],
      ["an earlier date", "Sun, 30 Nov 2025 23:59:59 GMT", 200],
      ["an RFC 850 date", "Monday, 01-Dec-25 00:00:00 GMT", 304],
      ["an asctime date", "Mon Dec  1 00:00:00 2025", 304],
      ["an invalid date", "yesterday", 200],
      ["a date with a bad weekday format", "01 Dec 2025 00:00:00 GMT", 200],
    ])("with %s answers %i", async (_name, header, status) => {
      expect((await req(POST, { "if-modified-since": header })).status).toBe(status);
    });

    it("sends Last-Modified: the post's date, the index's newest post", async () => {
      expect((await req(POST)).headers.get("last-modified")).toBe(LAST_MODIFIED);
      expect((await req("/")).headers.get("last-modified")).toBe(LAST_MODIFIED);
    });
  });

  describe("Cache-Control and Workers Cache headers", () => {
    it.each([
      ["/", PAGE_CACHE, "index"],
      [POST, PAGE_CACHE, "post:rust-on-the-back-end,posts"],
      [`${POST}.md`, PAGE_CACHE, "post:rust-on-the-back-end,posts"],
      ["/tags", PAGE_CACHE, "tags"],
      ["/tags/rust.json", PAGE_CACHE, "tags,tag:rust"],
      ["/feed.xml", "public, max-age=3600, stale-while-revalidate=86400", "feeds"],
      ["/feed.json", "public, max-age=3600, stale-while-revalidate=86400", "feeds"],
      ["/sitemap.xml", "public, max-age=3600, stale-while-revalidate=86400", "sitemap"],
      ["/favicon.svg", "public, max-age=86400, stale-while-revalidate=604800", "assets"],
    ])("%s: Cache-Control %s, Cache-Tag %s", async (path, cacheControl, tags) => {
      const res = await req(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe(cacheControl);
      expect(res.headers.get("cache-tag")).toBe(tags);
      expect(res.headers.get("cache-control")).not.toContain("s-maxage");
    });

    it("never sends a Last-Modified in the future (§8.8.2.1)", async () => {
      const spec = {
        path: "/f",
        contentType: "text/plain",
        body: "x",
        cacheControl: "no-store",
        cacheTags: [],
        kind: "data" as const,
      };
      const p = await prepare({ ...spec, lastModified: "2099-01-01T00:00:00Z" });
      expect(p.lastModified).toBeLessThanOrEqual(Date.now());
      expect(Date.parse(p.ok.get("last-modified") ?? "")).toBe(p.lastModified);
    });

    it("does not cache errors that depend on the request", async () => {
      expect((await req(POST, { accept: "image/png" })).headers.get("cache-control")).toBe("no-store");
      expect((await req("/nope")).headers.get("cache-control")).toBe("public, max-age=60");
    });
  });

  describe("query strings do not create representations", () => {
    it("serves the same bytes and ETag with ?utm_source=x", async () => {
      const plain = await req(POST);
      const tracked = await req(`${POST}?utm_source=x&utm_medium=y`);
      expect(tracked.status).toBe(200);
      expect(tracked.headers.get("etag")).toBe(plain.headers.get("etag"));
      expect(await tracked.text()).toBe(await plain.text());
      expect(tracked.headers.get("server-timing")).toBe('cache;desc="reused"');
    });
  });

  describe("methods (RFC 9110 §9)", () => {
    it("answers HEAD with exactly GET's headers and no body", async () => {
      for (const path of [POST, "/", `${POST}.json`, "/feed.xml", "/nope"]) {
        const g = await req(path);
        const h = await req(path, {}, "HEAD");
        expect(h.status).toBe(g.status);
        expect(await h.text()).toBe("");
        const strip = (r: Response) => [...r.headers].filter(([k]) => k !== "server-timing");
        expect(strip(h)).toEqual(strip(g));
      }
    });

    it.each([
      ["/posts/a%00b", 400],
      [`/${"a".repeat(3000)}`, 414],
    ])("checks the target before the method: OPTIONS %s → %i", async (path, status) => {
      expect((await req(path, {}, "OPTIONS")).status).toBe(status);
      expect((await req(path, {}, "DELETE")).status).toBe(status);
    });

    it("answers the 405 page with its own title", async () => {
      const html = await (await req(POST, {}, "POST")).text();
      expect(html).toContain("<title>That method is not allowed · Fixture Notes</title>");
    });

    it("answers OPTIONS with 204 and Allow", async () => {
      const res = await req(POST, {}, "OPTIONS");
      expect(res.status).toBe(204);
      expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
      expect(await res.text()).toBe("");
    });

    it.each(["POST", "PUT", "DELETE", "PATCH", "PROPFIND"])("answers %s with 405 and Allow", async (method) => {
      const res = await req(POST, { accept: "application/json" }, method);
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
      expect(res.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
      expect(res.headers.get("vary")).toBe("Accept");
    });
  });

  describe("paths", () => {
    it.each([
      [`${POST}/`, POST],
      ["/tags/", "/tags"],
      ["/tags/rust///", "/tags/rust"],
      [`${POST}/?utm_source=x`, `${POST}?utm_source=x`],
    ])("redirects %s permanently to %s", async (path, location) => {
      const res = await req(path);
      expect(res.status).toBe(301);
      expect(res.headers.get("location")).toBe(location);
    });

    it.each([
      ["/tag%73", "/tags"],
      ["/posts/rust%2Don-the-back-end", POST],
      ["/%74ags/rust/?x=1", "/tags/rust?x=1"],
    ])("redirects the escaped form %s to %s (RFC 3986 §6.2.2.2)", async (path, location) => {
      const res = await req(path);
      expect(res.status).toBe(301);
      expect(res.headers.get("location")).toBe(location);
    });

    it("answers an escaped path no URL here has with 404", async () => {
      expect((await req("/posts/%C3%A9t%C3%A9")).status).toBe(404);
    });

    it("redirects /page/1 to the index, like every permanent redirect", async () => {
      const res = await req("/page/1?ref=x");
      expect(res.status).toBe(301);
      expect(res.headers.get("location")).toBe("/?ref=x");
      expect(res.headers.get("cache-control")).toBe("public, max-age=86400");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect((await req("/page/1.json")).headers.get("location")).toBe("/index.json");
      expect((await req("/tags/rust/page/1")).headers.get("location")).toBe("/tags/rust");
      expect((await req("/tags/rust/page/1.md")).headers.get("location")).toBe("/tags/rust.md");
    });

    it.each([
      ["/POSTS/rust-on-the-back-end", 404],
      ["/posts/Rust-And-The-Future-Of-Back-End-Development", 404],
      // The URL parser resolves %2e%2e dot-segments (WHATWG URL) before the Worker sees them.
      ["/posts/%2e%2e/%2e%2e/etc/passwd", 404],
      ["/posts/x%2e%2e", 400],
      ["/posts/..%2f..%2fetc%2fpasswd", 400],
      ["/posts/%2E%2E%5Cwindows", 400],
      ["/posts/a%00b", 400],
      ["/posts/%zz", 400],
      ["/posts/%c3%28", 400],
      [`/posts/${"a".repeat(3000)}`, 414],
      ["//evil.example/", 404],
      ["/page/0", 404],
      ["/page/2", 404],
      ["/page/abc", 404],
      ["/tags/no-such-tag", 404],
      ["/tags/rust/page/2", 404],
      // Another spelling of a tag moves to its one spelling, where page 2 is then a 404.
      ["/tags/Rust/page/2", 301],
      ["/tags/no-such-tag/page/2", 404],
      ["/posts/", 301],
      ["/wp-login.php", 404],
      ["/.env", 404],
    ])("%s → %i", async (path, status) => {
      const res = await req(path);
      expect(res.status).toBe(status);
      if (status !== 301) {
        expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
        expect(res.headers.get("vary")).toBe("Accept");
      }
    });
  });
});

describe("plain HTTP moves to HTTPS (RFC 6797 §7.2)", () => {
  beforeEach(useFreshWorker);

  it.each([
    ["/", "https://blog.fixture.test/"],
    [`${POST}.json?utm_source=x`, `https://blog.fixture.test${POST}.json?utm_source=x`],
    ["/no-such-page", "https://blog.fixture.test/no-such-page"],
  ])("http://blog.fixture.test%s → 301 %s, before anything else is decided", async (path, location) => {
    const res = await getUrl(`http://blog.fixture.test${path}`);
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(location);
    expect(res.headers.get("cache-control")).toBe("public, max-age=86400");
    expect(res.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(await res.text()).toBe("");
  });

  it("even when the page is already prepared (the warm path leaves plain HTTP to the app)", async () => {
    await (await getUrl(`https://blog.fixture.test${POST}`)).arrayBuffer();
    const res = await getUrl(`http://blog.fixture.test${POST}`);
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(`https://blog.fixture.test${POST}`);
  });

  it.each(["http://localhost:8787/", "http://127.0.0.1:8787/", "http://[::1]:8787/", "http://blog.localhost/"])(
    "leaves a local address alone: %s",
    async (url) => {
      expect((await getUrl(url)).status).toBe(200);
    },
  );
});
