import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";
import {
  cacheStats,
  clearRepresentationCache,
  lookupPrepared,
  type RepresentationSpec,
  serve,
} from "../src/http/representation.ts";
import { serveWarm } from "../src/http/warm.ts";
import { POST } from "./helpers.ts";

const app = createApp();
const request = (path: string, headers: Record<string, string> = {}, method = "GET") =>
  new Request(`http://localhost${path}`, { method, headers });
/** The Worker's own fetch: the warm path first, then the app (src/index.ts). */
const worker = (r: Request) => serveWarm(r) ?? app.fetch(r);
const headersOf = (r: Response) => [...r.headers].filter(([k]) => k !== "server-timing");

beforeEach(() => clearRepresentationCache());

describe("the warm path (before routing)", () => {
  it("does not answer what this isolate has not prepared", () => {
    expect(serveWarm(request(POST))).toBeUndefined();
  });

  it("answers a repeat GET with the app's exact bytes and headers", async () => {
    const first = await worker(request(POST));
    expect(first.headers.get("server-timing")).toMatch(/^render;desc="built"/);
    const warm = serveWarm(request(POST));
    expect(warm).toBeDefined();
    expect(warm?.headers.get("server-timing")).toBe('cache;desc="reused"');
    const viaApp = await app.fetch(request(POST));
    expect(headersOf(warm!)).toEqual(headersOf(viaApp));
    expect(await warm?.text()).toBe(await viaApp.text());
  });

  it("negotiates: each variant is answered only once it was prepared", async () => {
    await worker(request(POST));
    expect(serveWarm(request(POST, { accept: "application/json" }))).toBeUndefined();
    const json = await worker(request(POST, { accept: "application/json" }));
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const warm = serveWarm(request(POST, { accept: "application/json" }));
    expect(warm?.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(warm?.headers.get("vary")).toBe("Accept");
  });

  it("answers 304 when the validators match, and ignores the query string", async () => {
    const etag = (await worker(request(POST))).headers.get("etag")!;
    const res = serveWarm(request(`${POST}?utm_source=x`, { "if-none-match": etag }));
    expect(res?.status).toBe(304);
    expect(res?.headers.get("etag")).toBe(etag);
    expect(res?.headers.get("content-type")).toBeNull();
  });

  it("leaves HEAD, other methods, 406s and non-canonical paths to the app", async () => {
    await worker(request(POST));
    expect(serveWarm(request(POST, {}, "HEAD"))).toBeUndefined();
    expect(serveWarm(request(POST, {}, "POST"))).toBeUndefined();
    expect(serveWarm(request(POST, { accept: "image/png" }))).toBeUndefined();
    expect(serveWarm(request(`${POST}/`))).toBeUndefined();
    expect((await worker(request(POST, { accept: "image/png" }))).status).toBe(406);
  });

  it("serves explicit URLs and documents by their own path", async () => {
    await worker(request(`${POST}.md`));
    await worker(request("/feed.xml"));
    expect(serveWarm(request(`${POST}.md`, { accept: "text/html" }))?.headers.get("content-type")).toBe(
      "text/markdown; charset=utf-8",
    );
    expect(serveWarm(request("/feed.xml"))?.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
  });
});

describe("the isolate cache is bounded in bytes", () => {
  const spec = (path: string, size: number): RepresentationSpec => ({
    path,
    contentType: "text/plain; charset=utf-8",
    body: "x".repeat(size),
    cacheControl: "no-store",
    cacheTags: [],
    kind: "data",
  });

  it("drops the least recently used representations past the budget and rebuilds them on demand", async () => {
    // Eight of 1,000 bytes fit an 8,500-byte budget; none may exceed an eighth of it.
    const budget = 8500;
    const paths = ["/a", "/b", "/c", "/d", "/e", "/f", "/g", "/h", "/i"];
    for (const p of paths) await serve(request(p), p, () => spec(p, 1000), budget);
    expect(cacheStats()).toEqual({ entries: 8, bytes: 8000 });
    expect(lookupPrepared("/a", () => null)).toBeUndefined();
    expect(lookupPrepared("/i", () => null)).toBeDefined();
    const again = await serve(request("/a"), "/a", () => spec("/a", 1000), budget);
    expect(again?.headers.get("server-timing")).toMatch(/^render;desc="built"/);
    expect(lookupPrepared("/b", () => null)).toBeUndefined();
  });

  it("serves a representation larger than an eighth of the budget without keeping it", async () => {
    const first = await serve(request("/big"), "/big", () => spec("/big", 5000), 8000);
    expect(first?.status).toBe(200);
    expect((await first?.text())?.length).toBe(5000);
    expect(cacheStats()).toEqual({ entries: 0, bytes: 0 });
  });
});
