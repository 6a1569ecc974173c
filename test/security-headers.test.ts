import { describe, expect, it } from "vitest";
import { coldAndWarm, get, getUrl, POST } from "./helpers.ts";
import { grade, observatory, parseCsp } from "./observatory.ts";

/**
 * The response headers, scored as the MDN HTTP Observatory scores them (test/observatory.ts),
 * and the exact policy behind the score: CSP (W3C CSP3), HSTS (RFC 6797), CORS (Fetch).
 */

const PAGES: [string, string, number][] = [
  ["the index", "/", 200],
  ["a post", POST, 200],
  ["a 404", "/no-such-page", 404],
];

const DATA = [`/index.json`, `${POST}.json`, `${POST}.md`, "/feed.xml", "/feed.json", "/llms.txt"];

const base64 = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes)));

describe("the Observatory scorer itself", () => {
  it("gives a response with no security headers 30 (D), as the published examples do", () => {
    const { score, results } = observatory(new Headers({ "content-type": "text/html" }), "<p>hi</p>");
    expect(score).toBe(30);
    expect(grade(score)).toBe("D");
    expect(results.filter((r) => r.modifier !== 0).map((r) => [r.result, r.modifier])).toEqual([
      ["csp-not-implemented", -25],
      ["hsts-not-implemented", -20],
      ["x-content-type-options-not-implemented", -5],
      ["x-frame-options-not-implemented", -20],
    ]);
  });

  it("penalises 'unsafe-inline' in script-src, and withholds bonuses below 90", () => {
    const headers = new Headers({
      "content-type": "text/html",
      "content-security-policy": "default-src 'self'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
      "strict-transport-security": "max-age=31536000",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    });
    // 100 - 20 = 80 (B+): the +5 (frame-ancestors) and +5 (referrer) bonuses do not count.
    expect(observatory(headers, "").score).toBe(80);
  });

  it("scores the http→https redirection from a real answer", () => {
    const url = "http://a.example/x";
    const result = (status: number, location?: string) =>
      observatory(new Headers(), "", null, {
        url,
        response: new Response(null, { status, headers: location ? { location } : {} }),
      }).results.find((r) => r.test === "redirection");
    expect(result(301, "https://a.example/x")).toEqual({ test: "redirection", result: "redirection-to-https", modifier: 0 });
    expect(result(200)).toEqual({ test: "redirection", result: "redirection-missing", modifier: -20 });
    expect(result(301, "http://a.example/y")).toEqual({ test: "redirection", result: "redirection-not-to-https", modifier: -20 });
    expect(result(301, "https://b.example/x")?.result).toBe("redirection-off-host-from-http");
  });

  it("grades on the published chart", () => {
    expect([145, 100, 99, 90, 89, 85, 80, 79, 70, 65, 60, 50, 45, 40, 30, 25, 24, 0].map(grade)).toEqual([
      "A+",
      "A+",
      "A",
      "A",
      "A-",
      "A-",
      "B+",
      "B",
      "B",
      "B-",
      "C+",
      "C",
      "C-",
      "D+",
      "D",
      "D-",
      "F",
      "F",
    ]);
  });
});

coldAndWarm("security headers", () => {
  describe.each(PAGES)("the HTML of %s", (_name, path, status) => {
    it("scores A+ on the Observatory's header tests", async () => {
      const res = await get(path);
      expect(res.status).toBe(status);
      // What the Worker answers to the same URL over plain HTTP on the blog's own host.
      const url = `http://blog.fixture.test${path}`;
      const overHttp = { url, response: await getUrl(url) };
      const { score, grade: g, results } = observatory(res.headers, await res.text(), null, overHttp);
      expect(Object.fromEntries(results.map((r) => [r.test, r.result]))).toEqual({
        "content-security-policy": "csp-implemented-with-no-unsafe-default-src-none",
        cookies: "cookies-not-found",
        "cross-origin-resource-sharing": "cross-origin-resource-sharing-not-implemented",
        redirection: "redirection-to-https",
        "referrer-policy": "referrer-policy-private",
        "strict-transport-security": "hsts-implemented-max-age-at-least-six-months",
        "subresource-integrity": "sri-not-implemented-but-no-scripts-loaded",
        "x-content-type-options": "x-content-type-options-nosniff",
        "x-frame-options": "x-frame-options-implemented-via-csp",
        "cross-origin-resource-policy": "corp-implemented-with-same-origin",
      });
      // 100, no penalties; bonuses: default-src 'none' (+10), frame-ancestors (+5), referrer (+5),
      // Cross-Origin-Resource-Policy: same-origin (+10).
      expect(score).toBe(130);
      expect(g).toBe("A+");
    });

    it("sends a CSP that allows nothing but its own stylesheet, by hash", async () => {
      const res = await get(path);
      const policy = res.headers.get("content-security-policy") ?? "";
      expect(policy.startsWith("default-src 'none'")).toBe(true);
      expect(policy).toContain("base-uri 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("form-action 'self'");
      // A blog's own icon comes with a web manifest (src/build/theme/favicon.ts).
      expect(policy).toContain("manifest-src 'self'");
      expect(policy).toMatch(/style-src 'sha256-[A-Za-z0-9+/]{43}='/);
      expect(policy).not.toContain("unsafe-inline");
      expect(policy).not.toContain("unsafe-eval");
      expect(parseCsp(policy).get("script-src")).toBeUndefined();
    });

    it("hashes exactly the inline <style> it serves (CSP3 §8.2 hash-source)", async () => {
      const res = await get(path);
      const html = await res.text();
      const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? "");
      expect(styles).toHaveLength(1);
      const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(styles[0]));
      const allowed = parseCsp(res.headers.get("content-security-policy") ?? "").get("style-src");
      expect([...(allowed ?? [])]).toEqual([`'sha256-${base64(digest)}'`]);
      expect(html).not.toMatch(/\sstyle=/);
    });

    it("sends HSTS for two years, nosniff, and no CORS or cookies", async () => {
      const res = await get(path);
      expect(res.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
      expect(res.headers.get("set-cookie")).toBeNull();
    });
  });

  describe.each(DATA)("the public data at %s", (path) => {
    it("may be read from any origin, without credentials", async () => {
      const res = await get(path, { origin: "https://reader.example" });
      expect(res.status).toBe(200);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("access-control-allow-credentials")).toBeNull();
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("set-cookie")).toBeNull();
      const byTest = Object.fromEntries(
        observatory(res.headers, await res.text(), "https://reader.example").results.map((r) => [r.test, r.result]),
      );
      expect(byTest["cross-origin-resource-sharing"]).toBe("cross-origin-resource-sharing-implemented-with-public-access");
      expect(byTest["subresource-integrity"]).toBe("sri-not-implemented-response-not-html");
    });

    it("keeps Access-Control-Allow-Origin on a 304, so cross-origin revalidation works", async () => {
      const first = await get(path);
      const etag = first.headers.get("etag") ?? "";
      await first.arrayBuffer();
      const res = await get(path, { origin: "https://reader.example", "if-none-match": etag });
      expect(res.status).toBe(304);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("access-control-expose-headers")).toBe("ETag, Link, Server-Timing");
    });
  });

  describe("a CORS preflight", () => {
    it("answers 204 with the methods, the asked headers and a day's max-age", async () => {
      const res = await get(
        "/index.json",
        {
          origin: "https://reader.example",
          "access-control-request-method": "GET",
          "access-control-request-headers": "x-requested-with, if-none-match",
        },
        "OPTIONS",
      );
      expect(res.status).toBe(204);
      expect(Object.fromEntries(res.headers)).toEqual({
        allow: "GET, HEAD, OPTIONS",
        "cache-control": "no-store",
        "strict-transport-security": "max-age=63072000; includeSubDomains",
        "x-content-type-options": "nosniff",
        "access-control-allow-origin": "*",
        "access-control-allow-methods": "GET, HEAD, OPTIONS",
        "access-control-max-age": "86400",
        "access-control-allow-headers": "x-requested-with, if-none-match",
        vary: "Access-Control-Request-Headers",
      });
      expect(await res.text()).toBe("");
    });

    it("echoes no malformed request-headers list", async () => {
      const res = await get(
        `${POST}.md`,
        {
          origin: "https://reader.example",
          "access-control-request-method": "GET",
          "access-control-request-headers": "a b, (c)",
        },
        "OPTIONS",
      );
      expect(res.status).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("access-control-allow-headers")).toBeNull();
    });

    it("is only a preflight with both Origin and Access-Control-Request-Method (Fetch §3.2.2)", async () => {
      const res = await get("/index.json", { origin: "https://reader.example" }, "OPTIONS");
      expect(res.status).toBe(204);
      expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
    });
  });
});
