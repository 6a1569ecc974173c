import { describe, expect, it } from "vitest";
import { get } from "./helpers.ts";

/**
 * The fixture blog has no `fediverse` in its site.yaml: federation is off, and none of its
 * routes exist. Each answers what any unknown path or unsuitable Accept answers today.
 */
describe("with federation off", () => {
  it("its paths are the blog's own 404s", async () => {
    for (const path of [
      "/.well-known/webfinger?resource=acct:blog@localhost",
      "/.well-known/nodeinfo",
      "/actor",
      "/outbox",
      "/inbox",
    ]) {
      const res = await get(path);
      expect([path, res.status, res.headers.get("content-type")]).toEqual([path, 404, "text/html; charset=utf-8"]);
      await res.arrayBuffer();
    }
  });

  it("asking `/` for ActivityPub is a 406 like any type the page does not have", async () => {
    const res = await get("/", { accept: "application/activity+json" });
    expect(res.status).toBe(406);
    await res.arrayBuffer();
  });
});
