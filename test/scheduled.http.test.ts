import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { get, useFreshWorker } from "./helpers.ts";

/**
 * A post dated later is deployed with the rest and published at its instant, checked on every
 * request: the clock is controlled here, and one Worker (one isolate) sees the instant pass.
 */
const LAUNCH = "/posts/the-launch";
const AT = Date.parse("2099-06-01T09:00:00Z");

const json = async <T>(path: string) => (await (await get(path)).json()) as T;
const slugsOf = async (path: string) => (await json<{ posts: { slug: string }[] }>(path)).posts.map((p) => p.slug);

describe("a scheduled post", () => {
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(AT - 1000);
    await useFreshWorker();
  });
  afterEach(() => vi.useRealTimers());

  it("is absent everywhere before its instant", async () => {
    expect((await get(LAUNCH)).status).toBe(404);
    expect((await get(`${LAUNCH}.json`)).status).toBe(404);
    expect(await slugsOf("/index.json")).not.toContain("the-launch");
    expect(await slugsOf("/tags/rust.json")).not.toContain("the-launch");
    expect((await get("/tags/launches")).status).toBe(404);
    expect(await (await get("/feed.xml")).text()).not.toContain("the-launch");
    expect(await (await get("/sitemap.xml")).text()).not.toContain("the-launch");
    expect(await (await get("/llms.txt")).text()).not.toContain("the-launch");
    expect((await json<{ total: number }>("/search.json?q=zeppelinfield")).total).toBe(0);
    expect(JSON.stringify(await json("/archive.json"))).not.toContain("the-launch");
  });

  it("appears everywhere at once from its instant, in the same isolate", async () => {
    const before = await get("/index.json");
    const etag = before.headers.get("etag");
    expect(before.headers.get("last-modified")).toBe("Mon, 01 Dec 2025 00:00:00 GMT");
    await before.arrayBuffer();
    expect((await get(LAUNCH)).status).toBe(404);

    vi.setSystemTime(AT);
    const after = await get("/index.json");
    expect(after.headers.get("etag")).not.toBe(etag);
    expect(after.headers.get("last-modified")).toBe("Mon, 01 Jun 2099 09:00:00 GMT");
    expect(((await after.json()) as { posts: { slug: string }[] }).posts[0]?.slug).toBe("the-launch");
    const page = await get(LAUNCH);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<h1>The launch, announced in advance</h1>");
    expect(await slugsOf("/tags/rust.json")).toContain("the-launch");
    expect((await get("/tags/launches")).status).toBe(200);
    expect(await (await get("/feed.xml")).text()).toContain("https://blog.fixture.test/posts/the-launch");
    expect(await (await get("/sitemap.xml")).text()).toContain("https://blog.fixture.test/posts/the-launch");
    expect((await json<{ total: number }>("/search.json?q=zeppelinfield")).total).toBe(1);
    // The older post's page gains its newer neighbour: prepared pages were not kept.
    expect(await (await get("/posts/rust-on-the-back-end")).text()).toContain('href="/posts/the-launch"');
  });

  it("lets no cache keep a list, a page or a 404 past the instant", async () => {
    vi.setSystemTime(AT - 90_000); // 90 s before
    await useFreshWorker();
    expect((await get("/")).headers.get("cache-control")).toBe("public, max-age=90");
    expect((await get("/feed.xml")).headers.get("cache-control")).toBe("public, max-age=90");
    expect((await get(LAUNCH)).headers.get("cache-control")).toBe("public, max-age=60");
    vi.setSystemTime(AT - 20_000);
    // The same prepared page, its keeping time cut again as the instant nears (and its 304 too).
    const page = await get("/");
    expect(page.headers.get("cache-control")).toBe("public, max-age=20");
    const etag = page.headers.get("etag") ?? "";
    const revalidated = await get("/", { "if-none-match": etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get("cache-control")).toBe("public, max-age=20");
    expect((await get(LAUNCH)).headers.get("cache-control")).toBe("public, max-age=20");
  });

  it("leaves caching alone when nothing is scheduled within reach", async () => {
    vi.setSystemTime(AT - 7 * 86_400_000);
    await useFreshWorker();
    expect((await get("/")).headers.get("cache-control")).toBe("public, max-age=300, stale-while-revalidate=86400");
  });
});

describe("a scheduled post's social card", () => {
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    await useFreshWorker();
  });
  afterEach(() => vi.useRealTimers());

  /** The card's URL, as the post's page names it once published. */
  async function cardUrl(): Promise<string> {
    vi.setSystemTime(AT);
    await useFreshWorker();
    const html = await (await get(LAUNCH)).text();
    const url = /<meta property="og:image" content="https:\/\/blog\.fixture\.test(\/cards\/the-launch-[0-9a-f]{8}\.png)"/.exec(
      html,
    )?.[1];
    expect(url).toBeDefined();
    return url as string;
  }

  it("is the blog's 404 before the instant, exactly as a card that does not exist", async () => {
    const card = await cardUrl();
    vi.setSystemTime(AT - 1000);
    await useFreshWorker();
    const hidden = await get(card);
    const none = await get(card.replace("the-launch", "the-lunch"));
    expect(hidden.status).toBe(404);
    expect([...hidden.headers]).toEqual([...none.headers]);
    expect(await hidden.text()).toBe(await none.text());
  });

  it("is served from the instant on, as a static card is", async () => {
    const card = await cardUrl();
    const res = await get(card);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const head = await get(card, {}, "HEAD");
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });
});

describe("capCacheControl", () => {
  it("cuts max-age and stale-while-revalidate so neither runs past the instant", async () => {
    const { capCacheControl } = await import("../src/worker/http/policy.ts");
    const page = "public, max-age=300, stale-while-revalidate=86400";
    expect(capCacheControl(page, Number.POSITIVE_INFINITY)).toBe(page);
    expect(capCacheControl(page, 90_000)).toBe(page);
    expect(capCacheControl(page, 1000)).toBe("public, max-age=300, stale-while-revalidate=700");
    expect(capCacheControl(page, 300)).toBe("public, max-age=300");
    expect(capCacheControl(page, 12)).toBe("public, max-age=12");
    expect(capCacheControl(page, 0)).toBe("public, max-age=0");
    expect(capCacheControl("no-store", 5)).toBe("no-store");
  });
});

describe("Cache-Control near a scheduled instant tells only its quarter hour", () => {
  afterEach(() => vi.useRealTimers());

  /** The Cache-Control of a page at `now` (ms) when the next post goes live at `next`. */
  async function cacheControlAt(next: number, now: number): Promise<string | null> {
    const { observePublication, prepare, respond } = await import("../src/worker/http/representation.ts");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(now);
    observePublication(next, next);
    const page = await prepare({
      contentType: "text/html; charset=utf-8",
      body: "<p>x</p>",
      cacheControl: "public, max-age=300, stale-while-revalidate=86400",
      cacheTags: [],
      kind: "page",
    });
    return respond(new Request("http://localhost/"), page).headers.get("cache-control");
  }

  const NINE = Date.parse("2099-06-01T09:00:00Z");

  it("keeps a page until the quarter hour before the instant, never to the instant's second", async () => {
    const at = NINE + 7 * 60_000 + 13_000; // 09:07:13
    expect(await cacheControlAt(at, NINE - 1000)).toBe("public, max-age=1");
    expect(await cacheControlAt(at, NINE - 400_000)).toBe("public, max-age=300, stale-while-revalidate=100");
    expect(await cacheControlAt(at, NINE)).toBe("public, max-age=0");
    expect(await cacheControlAt(at, at - 1000)).toBe("public, max-age=0");
    expect(await cacheControlAt(at, NINE - 86_400_000)).toBe("public, max-age=300, stale-while-revalidate=86100");
  });

  it("is the same at every moment sampled, for any instant in the same quarter hour", async () => {
    const first = NINE + 1000; // 09:00:01
    const last = NINE + 899_000; // 09:14:59
    for (let now = NINE - 87_000_000; now < NINE + 60_000; now += 307_000) {
      expect([now, await cacheControlAt(first, now)]).toEqual([now, await cacheControlAt(last, now)]);
    }
  });

  it("leaves a page alone further ahead than it may be kept", async () => {
    expect(await cacheControlAt(NINE + 1000, NINE - 86_700_000)).toBe("public, max-age=300, stale-while-revalidate=86400");
  });
});
