import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { get, POST, useFreshWorker } from "./helpers.ts";

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
