import { describe, expect, it } from "vitest";
import { withLiveReload } from "../src/worker/preview.ts";
import { get, POST } from "./helpers.ts";

const PAGE = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><title>T</title></head><body><p>x</p></body></html>';
const CSP = "default-src 'none'; style-src 'sha256-x'";
const page = () =>
  new Response(PAGE, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": CSP,
      "content-length": String(PAGE.length),
      etag: '"e"',
    },
  });
const ctx = {} as ExecutionContext;
const wrapped = (inner: () => Response) => withLiveReload({ fetch: inner }, "build-1");

describe("live reload in the preview (npm start)", () => {
  it("adds one same-origin script to each page's head, and lets only it run", async () => {
    const res = await wrapped(page).fetch(new Request("http://localhost:8787/"), {}, ctx);
    expect(await res.text()).toBe(
      PAGE.replace("</head>", '<script src="/__preview/reload.js" data-build="build-1" defer></script></head>'),
    );
    expect(res.headers.get("content-security-policy")).toBe(`${CSP}; script-src 'self'`);
    expect(res.headers.get("content-length")).toBeNull();
    expect(res.headers.get("etag")).toBe('"e"');
  });

  it("leaves every other type untouched", async () => {
    const json = new Response("{}", { headers: { "content-type": "application/json; charset=utf-8" } });
    const res = await wrapped(() => json).fetch(new Request("http://localhost:8787/index.json"), {}, ctx);
    expect(res).toBe(json);
  });

  it("tells the tab which build is current, and to ask again in half a second, under /cdn-cgi/ (wrangler dev logs no request there)", async () => {
    const res = await wrapped(page).fetch(new Request("http://localhost:8787/cdn-cgi/preview/events"), {}, ctx);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.text()).toBe("retry: 500\ndata: build-1\n\n");
  });

  it("serves the script that reloads the tab when the build changes", async () => {
    const res = await wrapped(page).fetch(new Request("http://localhost:8787/__preview/reload.js"), {}, ctx);
    expect(res.headers.get("content-type")).toBe("text/javascript");
    const js = await res.text();
    expect(js).toContain('new EventSource("/cdn-cgi/preview/events")');
    expect(js).toContain("if (e.data !== built) { events.close(); location.reload(); }");
  });
});

describe("the production Worker has none of it", () => {
  it("serves pages with no script and no preview routes", async () => {
    const html = await (await get(POST)).text();
    expect(html).not.toContain("__preview");
    expect(html).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
    expect((await get("/__preview/reload.js")).status).toBe(404);
    expect((await get("/cdn-cgi/preview/events")).status).toBe(404);
  });
});
