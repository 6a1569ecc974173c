import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { freshWorker, POST, SLUG } from "./helpers.ts";

/**
 * The corpus lives in the static assets (src/shared/corpus.ts). When a file cannot be read, the
 * reader gets a negotiated 503 to retry, which no cache keeps: never a 200 with part of a page,
 * never a cached error, never a stack trace.
 */

type Mode = "ok" | "500" | "throw" | "truncated";

/** The fixture blog's real ASSETS binding, made to fail for the corpus while `mode` says so. */
function flakyAssets() {
  const state = { mode: "ok" as Mode, reads: [] as string[] };
  const ASSETS = {
    async fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
      const request = new Request(input, init);
      const path = new URL(request.url).pathname;
      // Stored under the build's secret folder (corpusLocation); recorded by the corpus's names.
      expect(path).toMatch(/^\/_content\/[0-9a-f]{32}\//);
      state.reads.push(path.replace(/^\/_content\/[0-9a-f]{32}\//, "/_content/"));
      if (state.mode === "500") return new Response("Internal Error", { status: 500 });
      if (state.mode === "throw") throw new Error("the asset service is unreachable");
      const real = await env.ASSETS.fetch(request);
      if (state.mode === "truncated" && real.ok) {
        // Half the file, then the stream fails.
        const bytes = new Uint8Array(await real.arrayBuffer());
        return new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(bytes.subarray(0, bytes.length >> 1));
              controller.error(new Error("connection reset"));
            },
          }),
        );
      }
      return real;
    },
    connect: env.ASSETS.connect,
  } as unknown as Fetcher;
  return { state, ASSETS };
}

const HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8";

async function expect503(res: Response, type: string, vary: boolean) {
  expect(res.status).toBe(503);
  expect(res.headers.get("content-type")).toBe(type);
  expect(res.headers.get("retry-after")).toBe("5");
  expect(res.headers.get("cache-control")).toBe("no-store");
  expect(res.headers.get("etag")).toBeNull();
  expect(res.headers.get("vary")).toBe(vary ? "Accept" : null);
  const body = await res.text();
  expect(body).not.toMatch(/at \w+ \(|Error:|stack/);
  return body;
}

describe("when the assets cannot be read", () => {
  // Each failure is logged for `wrangler tail`; captured here, and checked to name the file.
  let logged: MockInstance<typeof console.error>;
  beforeEach(() => {
    logged = vi.spyOn(console, "error").mockImplementation(() => {});
  });
  afterEach(() => {
    const failures = logged.mock.calls.flat().filter((e) => e instanceof Error);
    for (const e of failures) expect((e as Error).message).toMatch(/^\/_content\/\S+\.json/);
    logged.mockRestore();
  });

  it.each(["500", "throw", "truncated"] as const)("a post answers a negotiated 503 (%s), and recovers", async (mode) => {
    const { state, ASSETS } = flakyAssets();
    const worker = await freshWorker({ ASSETS });
    state.mode = mode;
    const html = await expect503(
      await worker.fetch(new Request(`http://localhost${POST}`, { headers: { accept: HTML } })),
      "text/html; charset=utf-8",
      true,
    );
    expect(html).toContain("<h1>Not available just now</h1>");
    expect(html).toContain("This page could not be read just now. Please try again in a moment.");
    const problem = JSON.parse(
      await expect503(
        await worker.fetch(new Request(`http://localhost${POST}`, { headers: { accept: "application/json" } })),
        "application/problem+json; charset=utf-8",
        true,
      ),
    );
    expect(problem).toEqual({
      type: "about:blank",
      title: "Service Unavailable",
      status: 503,
      detail: "This page could not be read just now. Please try again in a moment.",
      instance: POST,
    });
    // An explicit URL answers in its own format, not negotiated.
    await expect503(
      await worker.fetch(new Request(`http://localhost${POST}.json`, { headers: { accept: HTML } })),
      "application/problem+json; charset=utf-8",
      false,
    );
    await expect503(await worker.fetch(new Request(`http://localhost${POST}.md`)), "text/markdown; charset=utf-8", false);

    // Nothing was kept: once the assets answer, the same isolate serves the post.
    state.mode = "ok";
    const ok = await worker.fetch(new Request(`http://localhost${POST}`, { headers: { accept: HTML } }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("public, max-age=300, stale-while-revalidate=86400");
    expect(await ok.text()).toContain("</html>");
  });

  it.each([
    "/",
    "/tags/rust",
    "/archive",
    "/feed.xml",
    "/feed.json",
    "/sitemap.xml",
    "/llms-full.txt",
    "/tags/rust/feed.xml",
    "/about",
  ])("%s answers 503, uncached, and 200 once the assets are back", async (path) => {
    const { state, ASSETS } = flakyAssets();
    const worker = await freshWorker({ ASSETS });
    state.mode = "500";
    const res = await worker.fetch(new Request(`http://localhost${path}`, { headers: { accept: HTML } }));
    expect(res.status).toBe(503);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("retry-after")).toBe("5");
    await res.arrayBuffer();
    state.mode = "ok";
    const ok = await worker.fetch(new Request(`http://localhost${path}`, { headers: { accept: HTML } }));
    expect(ok.status).toBe(200);
    await ok.arrayBuffer();
  });

  it("answers the 503 with exactly the headers of the policy's 503", async () => {
    const { state, ASSETS } = flakyAssets();
    const worker = await freshWorker({ ASSETS });
    state.mode = "500";
    const res = await worker.fetch(new Request(`http://localhost${POST}.json`));
    await res.arrayBuffer();
    expect(res.status).toBe(503);
    expect([...res.headers].sort()).toEqual([
      ["access-control-allow-origin", "*"],
      ["access-control-expose-headers", "ETag, Link, Server-Timing"],
      ["cache-control", "no-store"],
      // The detail is in the blog's language (RFC 9110 §8.5).
      ["content-language", "en"],
      ["content-type", "application/problem+json; charset=utf-8"],
      ["cross-origin-resource-policy", "cross-origin"],
      ["retry-after", "5"],
      ["strict-transport-security", "max-age=63072000; includeSubDomains"],
      ["timing-allow-origin", "*"],
      ["x-content-type-options", "nosniff"],
    ]);
  });

  it("search answers 503 too, in the format asked for", async () => {
    const { state, ASSETS } = flakyAssets();
    const worker = await freshWorker({ ASSETS });
    state.mode = "throw";
    await expect503(
      await worker.fetch(new Request("http://localhost/search.json?q=rust")),
      "application/problem+json; charset=utf-8",
      false,
    );
  });

  it("a search no format of which is acceptable is a 406 without reading the index; a later page searches first, for its 404", async () => {
    const { state, ASSETS } = flakyAssets();
    const worker = await freshWorker({ ASSETS });
    state.mode = "throw";
    const png = { headers: { accept: "image/png" } };
    const first = await worker.fetch(new Request("http://localhost/search?q=rust", png));
    expect([first.status, first.headers.get("content-type")]).toEqual([406, "text/plain; charset=utf-8"]);
    expect(state.reads).toEqual([]);
    // Page 2 may not exist, and a 404 outranks a 406: only the index can say.
    const later = await worker.fetch(new Request("http://localhost/search?q=rust&page=2", png));
    expect(later.status).toBe(503);
    expect(state.reads.length).toBeGreaterThan(0);
  });

  it("pages that need no file still answer: robots.txt, the favicon, a 404", async () => {
    const { state, ASSETS } = flakyAssets();
    const worker = await freshWorker({ ASSETS });
    state.mode = "500";
    expect((await worker.fetch(new Request("http://localhost/robots.txt"))).status).toBe(200);
    expect((await worker.fetch(new Request("http://localhost/favicon.svg"))).status).toBe(200);
    // An unknown slug is a 404 only once the assets say so; while they fail, it may be a post.
    expect((await worker.fetch(new Request("http://localhost/no/such/thing"))).status).toBe(404);
    expect(state.reads).toEqual([]);
  });
});

describe("what the Worker reads", () => {
  it("a post is one file; its other representations read nothing more", async () => {
    const { state, ASSETS } = flakyAssets();
    const worker = await freshWorker({ ASSETS });
    for (const accept of [HTML, "application/json", "text/markdown"]) {
      const res = await worker.fetch(new Request(`http://localhost${POST}`, { headers: { accept } }));
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
    expect(state.reads).toEqual([`/_content/posts/${SLUG}.json`]);
  });

  it("the index reads one listing file", async () => {
    const { state, ASSETS } = flakyAssets();
    const worker = await freshWorker({ ASSETS });
    await (await worker.fetch(new Request("http://localhost/"))).arrayBuffer();
    expect(state.reads).toEqual(["/_content/lists/all/0.json"]);
  });

  it("a scheduled post's file is never read before its instant", async () => {
    const { state, ASSETS } = flakyAssets();
    const worker = await freshWorker({ ASSETS });
    for (const path of ["/posts/the-launch", "/posts/the-launch.json", "/posts/the-launch.md"]) {
      const res = await worker.fetch(new Request(`http://localhost${path}`));
      expect(res.status).toBe(404);
      await res.arrayBuffer();
    }
    expect(state.reads).toEqual([]);
  });

  it("a corpus file's own URL is the blog's 404, never the file", async () => {
    const worker = await freshWorker();
    for (const path of [`/_content/posts/${SLUG}.json`, "/_content/lists/all/0.json", "/_content/posts/the-launch.json"]) {
      const res = await worker.fetch(new Request(`http://localhost${path}`, { headers: { accept: HTML } }));
      // The 404 of any `.json` URL: problem details, whatever Accept says.
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
      expect(await res.json()).toEqual({
        type: "about:blank",
        title: "Not Found",
        status: 404,
        detail: "There is nothing at this address. It may have moved, or the link may be mistyped.",
        instance: path,
      });
    }
  });
});
