import { exports } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DOCUMENTS, hostileHeaders, hostilePath, ifModifiedSince, method } from "./arbitraries.ts";
import { POST } from "./helpers.ts";

/**
 * Whatever arrives, the Worker answers with a well-formed 4xx or a real representation:
 * never a 5xx, never a response without its type, and never one a cache could mix up.
 */

const RUNS = { numRuns: 300 };

/** Every status the site can answer with; anything else (a 5xx above all) is a bug. */
const STATUSES = new Set([200, 204, 301, 304, 400, 404, 405, 406, 412, 414]);

/** The types a 200 may have: pages, their twins, feeds, crawler files and the icon. */
const OK_TYPES = new Set([
  "text/html; charset=utf-8",
  "application/json; charset=utf-8",
  "text/markdown; charset=utf-8",
  "application/atom+xml; charset=utf-8",
  "application/feed+json; charset=utf-8",
  "application/opensearchdescription+xml; charset=utf-8",
  "application/xml; charset=utf-8",
  "text/plain; charset=utf-8",
  "image/svg+xml",
]);

const DOCUMENT_PATHS = new Set(DOCUMENTS);

const ALLOW = "GET, HEAD, OPTIONS";

function send(path: string, m: string, headers: Record<string, string>): Promise<Response> {
  return exports.default.fetch(new Request(`http://localhost${path}`, { method: m, headers, redirect: "manual" }));
}

/** The path the router matches: after URL parsing, percent-decoded (RFC 3986 §6.2.2.2). */
function routedPath(request: Request): string {
  const path = new URL(request.url).pathname;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The invariants every response keeps, whatever the request. */
function checkInvariants(request: Request, res: Response): void {
  const m = request.method;
  const status = res.status;
  const type = res.headers.get("content-type");
  expect(STATUSES, `status ${status}`).toContain(status);
  // RFC 9110 §8.3: a response with content says what it is; 204/304/301 carry none here.
  if (![204, 301, 304].includes(status)) expect(type, "content-type").not.toBeNull();
  if (status === 200) expect(OK_TYPES, `200 type ${type}`).toContain(type);
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  // RFC 9110 §15.5.6: a 405 lists the methods the resource does support.
  if (status === 405) expect(res.headers.get("allow")).toBe(ALLOW);
  // The request target is checked before the method: a bad one is a 400/404/414 for any method.
  if (m !== "GET" && m !== "HEAD" && m !== "OPTIONS") expect([400, 404, 405, 414]).toContain(status);
  if (m === "OPTIONS") expect([204, 400, 404, 414]).toContain(status);
  if (type?.startsWith("text/html")) {
    expect(res.headers.get("content-security-policy")).toMatch(/^default-src 'none'; /);
  }
  if (m === "GET" || m === "HEAD") {
    const path = routedPath(request);
    const explicit = /\.(json|md)$/.test(path) || DOCUMENT_PATHS.has(path) || /^\/sitemap\/\d+\.xml$/.test(path);
    // RFC 9110 §12.5.5: a response chosen by Accept must say so, or caches serve the wrong one.
    if (!explicit && status !== 301) expect(res.headers.get("vary"), `vary on ${path}`).toBe("Accept");
  }
}

describe("hostile requests", () => {
  it("never get a 5xx, and every response keeps the site's invariants", async () => {
    await fc.assert(
      fc.asyncProperty(hostilePath, method, hostileHeaders, async (path, m, headers) => {
        const request = new Request(`http://localhost${path}`, { method: m, headers, redirect: "manual" });
        const res = await exports.default.fetch(request);
        checkInvariants(request, res);
        await res.arrayBuffer();
      }),
      RUNS,
    );
  });

  it("HEAD answers exactly like GET (status and headers), without a body (RFC 9110 §9.3.2)", async () => {
    const strip = (res: Response) => [...res.headers].filter(([name]) => name !== "server-timing");
    await fc.assert(
      fc.asyncProperty(hostilePath, hostileHeaders, async (path, headers) => {
        const get = await send(path, "GET", headers);
        await get.arrayBuffer();
        const head = await send(path, "HEAD", headers);
        expect(head.status).toBe(get.status);
        expect(strip(head)).toEqual(strip(get));
        expect(await head.text()).toBe("");
      }),
      { numRuns: 150 },
    );
  });

  it("answers any list containing the current ETag, weak or strong, with 304 (RFC 9110 §13.1.2)", async () => {
    const first = await send(POST, "GET", {});
    await first.arrayBuffer();
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    const other = fc.stringMatching(/^(W\/)?"[a-zA-Z0-9]{0,8}"$/);
    await fc.assert(
      fc.asyncProperty(
        fc.array(other, { maxLength: 4 }),
        fc.array(other, { maxLength: 4 }),
        fc.boolean(),
        fc.constantFrom(",", ", ", " ,\t"),
        fc.option(ifModifiedSince, { nil: undefined }),
        async (before, after, weak, sep, ims) => {
          const list = [...before, weak ? `W/${etag}` : etag, ...after].join(sep);
          const headers: Record<string, string> = { "if-none-match": list };
          // §13.2.2: If-Modified-Since is ignored when If-None-Match is present.
          if (ims !== undefined) headers["if-modified-since"] = ims;
          const res = await send(POST, "GET", headers);
          expect(res.status).toBe(304);
          expect(res.headers.get("etag")).toBe(etag);
          expect(res.headers.get("content-type")).toBeNull();
          expect(await res.text()).toBe("");
        },
      ),
      { numRuns: 100 },
    );
  });
});
