import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { get, useFreshWorker } from "../helpers.ts";

/**
 * The preview (`npm start`) shows a post dated later with its Scheduled mark, and drops the mark
 * at the post's instant, with no save in between, as production publishes it then. One Worker
 * (one isolate) sees the instant pass.
 */
const LAUNCH = "/posts/the-launch";
const AT = Date.parse("2099-06-01T09:00:00Z");
const BADGE = '<strong class="badge">Scheduled</strong>';

const json = async <T>(path: string) => (await (await get(path)).json()) as T;
const launchIn = async (path: string) =>
  (await json<{ posts: { slug: string; scheduled?: true }[] }>(path)).posts.find((p) => p.slug === "the-launch");

describe("a scheduled post in the preview", () => {
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(AT - 1000);
    await useFreshWorker();
  });
  afterEach(() => vi.useRealTimers());

  it("is shown marked Scheduled before its instant, and unmarked from it on, in the same isolate", async () => {
    const before = await get(LAUNCH);
    expect(before.status).toBe(200);
    expect(await before.text()).toContain(BADGE);
    expect(await json<{ scheduled?: true }>(`${LAUNCH}.json`)).toMatchObject({ scheduled: true });
    expect((await launchIn("/index.json"))?.scheduled).toBe(true);
    expect(await (await get("/")).text()).toContain(BADGE);

    vi.setSystemTime(AT);
    const after = await get(LAUNCH);
    expect(after.status).toBe(200);
    expect(await after.text()).not.toContain(BADGE);
    expect(await json<{ scheduled?: true }>(`${LAUNCH}.json`)).not.toHaveProperty("scheduled");
    expect(await launchIn("/index.json")).not.toHaveProperty("scheduled");
    expect(await launchIn("/tags/rust.json")).not.toHaveProperty("scheduled");
    expect(await (await get("/")).text()).not.toContain(BADGE);
  });

  it("keeps a conditional request from reusing the marked page after the instant", async () => {
    const before = await get(LAUNCH);
    const etag = before.headers.get("etag") ?? "";
    await before.arrayBuffer();
    vi.setSystemTime(AT);
    const again = await get(LAUNCH, { "if-none-match": etag });
    expect(again.status).toBe(200);
    expect(await again.text()).not.toContain(BADGE);
  });
});
