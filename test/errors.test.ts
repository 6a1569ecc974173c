import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { freshWorker, get, LINK_POST, ORIGIN, POST, schemaErrors, useFreshWorker } from "./helpers.ts";

const NOT_FOUND = "There is nothing at this address. It may have moved, or the link may be mistyped.";
const CHANGED =
  "It no longer matches the copy the request named in If-Match or If-Unmodified-Since. Fetch it again to get the current version.";

describe("onError", () => {
  // A page whose preparation fails (its ETag cannot be hashed), reached through the Worker's
  // own front door on an empty cache.
  beforeEach(async () => {
    await useFreshWorker();
    vi.spyOn(crypto.subtle, "digest").mockRejectedValue(new Error("secret database password in a stack trace"));
  });
  afterEach(() => vi.restoreAllMocks());

  it.each([
    ["text/html", "text/html; charset=utf-8", "<h1>Something went wrong</h1>"],
    ["application/json", "application/problem+json; charset=utf-8", '"title": "Internal Server Error"'],
    ["text/markdown", "text/markdown; charset=utf-8", "# 500 Something went wrong"],
  ])("answers a negotiated 500 (%s) without a stack trace", async (accept, type, expected) => {
    // The error is logged for `wrangler tail`; captured here so a passing run prints no stack.
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await get(POST, { accept });
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged).toHaveBeenCalledWith(new Error("secret database password in a stack trace"));
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe(type);
    expect(res.headers.get("vary")).toBe("Accept");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.text();
    expect(body).not.toContain("secret");
    expect(body).not.toMatch(/at .*\.ts:\d+/);
    expect(body).toContain(expected);
  });

  it("is not cached: the next request builds again", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect((await get(POST)).status).toBe(500);
    expect((await get(POST)).status).toBe(500);
  });
});

/**
 * docs/http.md: "Errors at an explicit `.json`/`.md` URL come in that format". Every error status
 * the Worker can answer there, asked for by a browser (an `Accept` that would otherwise choose
 * HTML): each must be problem details at `.json` and the Markdown error at `.md`, never
 * negotiated (no `Vary`), with its status's own headers. (A 406 cannot happen there: an explicit
 * URL is never negotiated, so it answers 200 whatever `Accept` says.)
 */
describe("errors at an explicit URL come in its format", () => {
  const BROWSER = { accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8" };
  const LONG = `/posts/${"a".repeat(3000)}`;
  /** ASSETS that cannot be read: the corpus is unavailable, so a page is a 503. */
  const failingAssets = { fetch: async () => new Response("Internal Error", { status: 500 }) } as unknown as Fetcher;
  const send = (path: string, headers: Record<string, string> = {}, method = "GET") =>
    get(path, { ...BROWSER, ...headers }, method);

  // [what, status, heading, detail, the path before its suffix, how to ask]
  const CASES: [string, number, string, string, string, (url: string, method?: string) => Promise<Response>][] = [
    [
      "a path that names nothing (NUL)",
      400,
      "That address is not valid",
      "The request's path is not one this site can serve.",
      "/posts/%00",
      (url, method) => send(url, {}, method),
    ],
    ["an unknown post", 404, "Page not found", NOT_FOUND, "/posts/no-such-post", (url, method) => send(url, {}, method)],
    ["a path no route has", 404, "Page not found", NOT_FOUND, "/no/such/page", (url, method) => send(url, {}, method)],
    [
      "POST",
      405,
      "That method is not allowed",
      "This site is read-only: it answers GET, HEAD and OPTIONS.",
      POST,
      (url) => send(url, {}, "POST"),
    ],
    [
      "a failed If-Match",
      412,
      "This page has changed",
      CHANGED,
      POST,
      (url, method) => send(url, { "if-match": '"nope"' }, method),
    ],
    [
      "a path over 2,048 characters",
      414,
      "That address is too long",
      "The request's path is longer than any page on this site.",
      LONG,
      (url, method) => send(url, {}, method),
    ],
    [
      "a failure",
      500,
      "Something went wrong",
      "The server failed to answer this request. Please try again in a moment.",
      POST,
      async (url, method) => {
        vi.spyOn(crypto.subtle, "digest").mockRejectedValue(new Error("no hash today"));
        return send(url, {}, method);
      },
    ],
    [
      "assets that cannot be read",
      503,
      "Not available just now",
      "This page could not be read just now. Please try again in a moment.",
      POST,
      async (url, method) => {
        const worker = await freshWorker({ ASSETS: failingAssets });
        return worker.fetch(new Request(`http://localhost${url}`, { method, headers: BROWSER }));
      },
    ],
  ];
  const REASONS: Record<number, string> = {
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    412: "Precondition Failed",
    414: "URI Too Long",
    500: "Internal Server Error",
    503: "Service Unavailable",
  };

  beforeEach(async () => {
    await useFreshWorker();
    vi.spyOn(console, "error").mockImplementation(() => {}); // the 500's and 503's log, for `wrangler tail`
  });
  afterEach(() => vi.restoreAllMocks());

  describe.each([
    [".json", "application/problem+json; charset=utf-8"],
    [".md", "text/markdown; charset=utf-8"],
  ])("at %s", (suffix, type) => {
    it.each(CASES)("%s → %i", async (_what, status, heading, detail, path, ask) => {
      const url = `${path}${suffix}`;
      const res = await ask(url);
      expect(res.status).toBe(status);
      expect(res.headers.get("content-type")).toBe(type);
      expect(res.headers.get("vary")).toBeNull();
      expect(res.headers.get("content-language")).toBe("en");
      expect(res.headers.get("cache-control")).toBe(status === 404 ? "public, max-age=60" : "no-store");
      expect(res.headers.get("allow")).toBe(status === 405 ? "GET, HEAD, OPTIONS" : null);
      expect(res.headers.get("retry-after")).toBe(status === 503 ? "5" : null);
      // Data's policy, not an HTML page's: readable from any origin, no CSP.
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
      expect(res.headers.get("content-security-policy")).toBeNull();
      const body = await res.text();
      if (suffix === ".json") {
        const problem = JSON.parse(body);
        expect(schemaErrors("problem", problem)).toEqual([]);
        expect(problem).toEqual({ type: "about:blank", title: REASONS[status], status, detail, instance: url });
      } else {
        expect(body).toBe(`# ${status} ${heading}\n\n${detail}\n\n[← Back to posts](${ORIGIN}/)\n`);
      }
    });

    it.each(CASES.filter(([what]) => what !== "POST"))(
      "HEAD: %s → %i, GET's headers and no body",
      async (_what, status, _h, _d, path, ask) => {
        const url = `${path}${suffix}`;
        const g = await ask(url, "GET");
        const h = await ask(url, "HEAD");
        expect(h.status).toBe(status);
        expect(g.status).toBe(status);
        expect(await h.text()).toBe("");
        expect([...h.headers]).toEqual([...g.headers]);
      },
    );

    it("answers a 412 with the validators to compare", async () => {
      const current = await send(`${POST}${suffix}`);
      const res = await send(`${POST}${suffix}`, { "if-match": '"nope"' });
      expect(res.status).toBe(412);
      expect(res.headers.get("etag")).toBe(current.headers.get("etag"));
      expect(res.headers.get("last-modified")).toBe(current.headers.get("last-modified"));
    });

    it("is never a 406: the URL is not negotiated", async () => {
      const res = await send(`${POST}${suffix}`, { accept: "image/png" });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(suffix === ".json" ? "application/json; charset=utf-8" : type);
    });
  });
});

/**
 * At a negotiated URL, every error is in the format `Accept` chooses, as pages are: problem
 * details for JSON clients, Markdown for Markdown clients, with `Vary: Accept`. A client that
 * takes only problem details (`application/problem+json`) gets them too (RFC 9457 §3).
 */
describe("negotiated errors", () => {
  beforeEach(useFreshWorker);

  it.each([
    ["application/json", "application/problem+json; charset=utf-8"],
    ["text/markdown", "text/markdown; charset=utf-8"],
    ["text/html", "text/html; charset=utf-8"],
  ])("answers a failed If-Match (%s) in that format, with the variant's validators", async (accept, type) => {
    const current = await get(POST, { accept });
    const res = await get(POST, { accept, "if-match": '"nope"' });
    expect(res.status).toBe(412);
    expect(res.headers.get("content-type")).toBe(type);
    expect(res.headers.get("vary")).toBe("Accept");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("etag")).toBe(current.headers.get("etag"));
    const body = await res.text();
    if (accept === "application/json") {
      expect(JSON.parse(body)).toEqual({
        type: "about:blank",
        title: "Precondition Failed",
        status: 412,
        detail: CHANGED,
        instance: POST,
      });
    } else if (accept === "text/markdown") {
      expect(body).toBe(`# 412 This page has changed\n\n${CHANGED}\n\n[← Back to posts](${ORIGIN}/)\n`);
    } else {
      expect(body).toContain("<h1>This page has changed</h1>");
      expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    }
  });

  it("answers a client that takes only problem details with them: a 404", async () => {
    const res = await get("/posts/no-such-post", { accept: "application/problem+json" });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
    expect(res.headers.get("vary")).toBe("Accept");
    expect(((await res.json()) as { detail: string }).detail).toBe(NOT_FOUND);
  });

  it("answers a client that takes only problem details with them: a 406 names what there is", async () => {
    const res = await get(POST, { accept: "application/problem+json" });
    expect(res.status).toBe(406);
    expect(res.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
    expect(res.headers.get("vary")).toBe("Accept");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("link")).toBe(LINK_POST);
    expect(await res.json()).toEqual({
      type: "about:blank",
      title: "Not Acceptable",
      status: 406,
      detail:
        "This resource is available as:\n  text/html\n  application/json\n  text/markdown\n\nSend one of them in Accept, or use the explicit .json or .md URL.",
      instance: POST,
    });
  });

  it("answers any other 406 in plain text, as before", async () => {
    const res = await get(POST, { accept: "image/png" });
    expect(res.status).toBe(406);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  });
});
