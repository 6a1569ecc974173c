import { describe, expect, it } from "vitest";
import { evaluatePreconditions, isNotModified } from "../src/worker/http/conditional.ts";
import { checkPath } from "../src/worker/http/guard.ts";
import { freshWorker, get, POST } from "./helpers.ts";

/**
 * RFC 9110 to the letter where the audit found us loose: validator precedence (§13.1.3,
 * §13.1.4), dot segments, and the security headers every response carries.
 */

const HSTS = "max-age=63072000; includeSubDomains";
const FUTURE = "Fri, 01 Jan 2100 00:00:00 GMT";
const PAST = "Sat, 01 Jan 1990 00:00:00 GMT";

describe("If-None-Match present rules out If-Modified-Since, whatever its value (§13.1.3)", () => {
  const v = { etag: '"abc"', lastModified: Date.parse("2025-12-01T00:00:00Z") };
  it.each([
    ["malformed", "garbage"],
    ["empty", ""],
    ["an unquoted tag", "abc"],
    ["another tag", '"other"'],
  ])("%s If-None-Match with a future If-Modified-Since: 200", (_name, inm) => {
    const headers = new Headers({ "if-none-match": inm, "if-modified-since": FUTURE });
    expect(isNotModified(headers, v)).toBe(false);
    expect(evaluatePreconditions(headers, v)).toBe(200);
  });

  it("without If-None-Match, If-Modified-Since decides", () => {
    expect(evaluatePreconditions(new Headers({ "if-modified-since": FUTURE }), v)).toBe(304);
  });

  it("through the Worker: a malformed If-None-Match and a future If-Modified-Since get the full page", async () => {
    const res = await get(POST, { "if-none-match": "W/garbage", "if-modified-since": FUTURE });
    expect(res.status).toBe(200);
    expect((await res.text()).length).toBeGreaterThan(0);
  });
});

describe("If-Match present rules out If-Unmodified-Since, whatever its value (§13.1.4)", () => {
  const v = { etag: '"abc"', lastModified: Date.parse("2025-12-01T00:00:00Z") };
  it.each([
    ["malformed", "nope"],
    ["empty", ""],
  ])("%s If-Match with a past If-Unmodified-Since: 200, not 412", (_name, im) => {
    expect(evaluatePreconditions(new Headers({ "if-match": im, "if-unmodified-since": PAST }), v)).toBe(200);
  });

  it("without If-Match, If-Unmodified-Since decides", () => {
    expect(evaluatePreconditions(new Headers({ "if-unmodified-since": PAST }), v)).toBe(412);
  });

  it("through the Worker", async () => {
    expect((await get(POST, { "if-match": "nope", "if-unmodified-since": PAST })).status).toBe(200);
  });
});

describe("dot segments", () => {
  it("never arrive from a URL parser: browsers, fetch() and new Request() remove them (RFC 3986 §5.2.4)", () => {
    expect(new Request("http://localhost/tags/%2e%2e/").url).toBe("http://localhost/");
    expect(new Request("http://localhost/./tags").url).toBe("http://localhost/tags");
    expect(new Request("http://localhost/posts/.%2E/tags").url).toBe("http://localhost/tags");
  });

  it.each(["/tags/%2e%2e/", "/./tags", "/tags/../", "/posts/..", "/.%2e/tags", "/tags/.", "/%2E/tags", "/tags/%2erust"])(
    "%s, as workerd passes a raw request-target, is a 400",
    (path) => {
      expect(checkPath(path)).toBe(400);
    },
  );

  it.each(["/tags/..rust", "/.well-known/security.txt", "/posts/a.b"])("%s has no dot segment: it is looked up", (path) => {
    expect(checkPath(path)).toBeUndefined();
  });

  /** A request as workerd hands it over: its url is the request-target as sent, unparsed. */
  function raw(path: string): Request {
    const request = new Request("http://localhost/");
    Object.defineProperty(request, "url", { value: `http://localhost${path}` });
    return request;
  }

  it.each(["/tags/%2e%2e/", "/./tags", "/tags/../", "/posts/../tags"])(
    "%s through the Worker: 400, never the page the dots point at",
    async (path) => {
      const worker = await freshWorker();
      const request = raw(path);
      expect(request.url).toBe(`http://localhost${path}`);
      const res = await worker.fetch(request);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    },
  );
});

describe("HSTS on every response; Cross-Origin-Resource-Policy where there is a body to protect", () => {
  const CASES: [string, () => Promise<Response>, number, string | null][] = [
    ["a page", () => get(POST), 200, "same-origin"],
    ["JSON", () => get(`${POST}.json`), 200, "cross-origin"],
    ["Markdown", () => get(`${POST}.md`), 200, "cross-origin"],
    ["the Atom feed", () => get("/feed.xml"), 200, "cross-origin"],
    ["the sitemap", () => get("/sitemap.xml"), 200, "cross-origin"],
    ["the icon", () => get("/favicon.svg"), 200, "cross-origin"],
    [
      "a 304",
      async () => {
        const etag = (await get(POST)).headers.get("etag") ?? "";
        return get(POST, { "if-none-match": etag });
      },
      304,
      "same-origin",
    ],
    ["a 412", () => get(POST, { "if-match": '"nope"' }), 412, "same-origin"],
    ["a redirect", () => get("/tags/"), 301, null],
    ["an OPTIONS 204", () => get("/", {}, "OPTIONS"), 204, null],
    ["an HTML 404", () => get("/no-such-page"), 404, "same-origin"],
    ["a JSON 404", () => get("/posts/no-such-post.json"), 404, "cross-origin"],
    ["a 406", () => get(POST, { accept: "image/png" }), 406, "same-origin"],
    ["a 400", () => get("/posts/%00"), 400, "same-origin"],
    ["a 405", () => get("/", {}, "POST"), 405, "same-origin"],
    ["a 414", () => get(`/${"a".repeat(3000)}`), 414, "same-origin"],
  ];

  it.each(CASES)("%s", async (_name, send, status, corp) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers.get("strict-transport-security")).toBe(HSTS);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cross-origin-resource-policy")).toBe(corp);
  });
});
