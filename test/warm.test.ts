import { beforeEach, describe, expect, it } from "vitest";
import { freshWorker, POST } from "./helpers.ts";

/**
 * The warm path answers before routing, looking representations up by the key the app stored
 * them under. Each test takes a fresh Worker (its default export) and the warm path of that same
 * module graph, so what one prepares the other can see.
 */
type Worker = Awaited<ReturnType<typeof freshWorker>>;
let worker: Worker;
let serveWarm: (request: Request) => Response | undefined;

const request = (path: string, headers: Record<string, string> = {}, method = "GET") =>
  new Request(`http://localhost${path}`, { method, headers });
const headersOf = (r: Response) => [...r.headers].filter(([k]) => k !== "server-timing");
const fetchAll = async (...paths: string[]) => {
  for (const p of paths) await (await worker.fetch(request(p))).arrayBuffer();
};

beforeEach(async () => {
  worker = await freshWorker();
  ({ serveWarm } = await import("../src/worker/http/warm.ts"));
});

describe("the warm path (before routing)", () => {
  it("does not answer what this isolate has not prepared", () => {
    expect(serveWarm(request(POST))).toBeUndefined();
  });

  it("answers a repeat GET with the app's exact bytes and headers", async () => {
    const first = await worker.fetch(request(POST));
    expect(first.headers.get("server-timing")).toMatch(/^render;desc="built"/);
    const firstBody = await first.text();
    const warm = serveWarm(request(POST));
    expect(warm?.headers.get("server-timing")).toBe('cache;desc="reused"');
    expect(headersOf(warm!)).toEqual(headersOf(first));
    expect(await warm?.text()).toBe(firstBody);
  });

  it("negotiates: each variant is answered only once it was prepared", async () => {
    await fetchAll(POST);
    expect(serveWarm(request(POST, { accept: "application/json" }))).toBeUndefined();
    await (await worker.fetch(request(POST, { accept: "application/json" }))).arrayBuffer();
    const warm = serveWarm(request(POST, { accept: "application/json" }));
    expect(warm?.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(warm?.headers.get("vary")).toBe("Accept");
  });

  it("answers 304 when the validators match, and ignores the query string", async () => {
    const etag = (await worker.fetch(request(POST))).headers.get("etag")!;
    const res = serveWarm(request(`${POST}?utm_source=x`, { "if-none-match": etag }));
    expect(res?.status).toBe(304);
    expect(res?.headers.get("etag")).toBe(etag);
    expect(res?.headers.get("content-type")).toBeNull();
  });

  it("leaves HEAD, other methods, 406s, non-canonical paths and plain HTTP to the app", async () => {
    await fetchAll(POST);
    expect(serveWarm(request(POST, {}, "HEAD"))).toBeUndefined();
    expect(serveWarm(request(POST, {}, "POST"))).toBeUndefined();
    expect(serveWarm(request(POST, { accept: "image/png" }))).toBeUndefined();
    expect(serveWarm(request(`${POST}/`))).toBeUndefined();
    expect(serveWarm(new Request(`http://blog.fixture.test${POST}`))).toBeUndefined();
    expect((await worker.fetch(request(POST, { accept: "image/png" }))).status).toBe(406);
  });

  it("serves explicit URLs and documents by their own path", async () => {
    await fetchAll(`${POST}.md`, "/feed.xml");
    expect(serveWarm(request(`${POST}.md`, { accept: "text/html" }))?.headers.get("content-type")).toBe(
      "text/markdown; charset=utf-8",
    );
    expect(serveWarm(request("/feed.xml"))?.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
  });

  it("keeps the negotiated and the explicit URL of the same bytes apart (Vary differs)", async () => {
    await fetchAll(`${POST}.json`);
    expect(serveWarm(request(POST, { accept: "application/json" }))).toBeUndefined();
    expect(serveWarm(request(`${POST}.json`))?.headers.get("vary")).toBeNull();
  });
});
