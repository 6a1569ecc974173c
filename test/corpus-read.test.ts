import { describe, expect, it } from "vitest";
import { ContentUnavailable, createAssetReader } from "../src/worker/corpus/read.ts";

/** A fake ASSETS binding over a map of files, counting reads; `answer` overrides a path's response. */
function fakeAssets(
  files: Record<string, string>,
  answer: (path: string) => Response | Promise<Response> | undefined = () => undefined,
) {
  const reads: string[] = [];
  const binding = {
    async fetch(request: Request) {
      const path = new URL(request.url).pathname;
      reads.push(path);
      const special = await answer(path);
      if (special) return special;
      const body = files[path];
      return body === undefined ? new Response("Not Found", { status: 404 }) : new Response(body);
    },
  };
  return { binding, reads };
}

describe("reading the corpus from the assets (src/worker/corpus/read.ts)", () => {
  it("parses a file once and keeps it; a missing file is undefined", async () => {
    const { binding, reads } = fakeAssets({ "/a.json": '{"x":1}' });
    const reader = createAssetReader(() => binding);
    expect(await reader.read("/a.json")).toEqual({ x: 1 });
    expect(await reader.read("/a.json")).toEqual({ x: 1 });
    expect(await reader.read("/nope.json")).toBeUndefined();
    expect(reads).toEqual(["/a.json", "/nope.json"]);
    await expect(reader.require("/nope.json")).rejects.toThrow(new ContentUnavailable("/nope.json is missing from the assets"));
  });

  it("shares one read between concurrent first requests", async () => {
    const { binding, reads } = fakeAssets({ "/a.json": "[1]" });
    const reader = createAssetReader(() => binding);
    const all = await Promise.all([reader.read("/a.json"), reader.read("/a.json"), reader.read("/a.json")]);
    expect(all).toEqual([[1], [1], [1]]);
    expect(reads).toEqual(["/a.json"]);
  });

  it("keeps files within its budget, dropping the least recently used", async () => {
    const files = Object.fromEntries(["a", "b", "c", "d", "e"].map((n) => [`/${n}.json`, JSON.stringify("x".repeat(38))]));
    const { binding, reads } = fakeAssets(files);
    const reader = createAssetReader(() => binding, 160); // each file is 40 bytes: four fit
    for (const n of ["a", "b", "c", "d", "a"]) await reader.read(`/${n}.json`); // a is now the most recently used
    await reader.read("/e.json"); // so b goes
    expect(reader.stats()).toEqual({ paths: ["/c.json", "/d.json", "/a.json", "/e.json"], bytes: 160 });
    await reader.read("/b.json");
    expect(reads).toEqual(["/a.json", "/b.json", "/c.json", "/d.json", "/e.json", "/b.json"]);
  });

  it("serves a file over a quarter of the budget without keeping it", async () => {
    const { binding } = fakeAssets({ "/big.json": JSON.stringify("y".repeat(100)) });
    const reader = createAssetReader(() => binding, 200);
    expect(await reader.read("/big.json")).toBe("y".repeat(100));
    expect(reader.stats()).toEqual({ paths: [], bytes: 0 });
  });

  it.each([
    ["a 500 from the asset layer", () => new Response("boom", { status: 500 }), "/a.json answered 500"],
    ["a 403", () => new Response("no", { status: 403 }), "/a.json answered 403"],
    ["a body that is not JSON (a truncated file)", () => new Response('{"x":'), "/a.json is not JSON"],
    [
      "a body that fails half way",
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"x":'));
              controller.error(new Error("connection reset"));
            },
          }),
        ),
      "/a.json: connection reset",
    ],
    [
      "a binding that throws",
      () => {
        throw new Error("network down");
      },
      "/a.json: network down",
    ],
  ])("%s is ContentUnavailable, and is not remembered", async (_name, fail, message) => {
    let failing = true;
    const { binding } = fakeAssets({ "/a.json": '{"x":1}' }, () => (failing ? fail() : undefined));
    const reader = createAssetReader(() => binding);
    const error = await reader.read("/a.json").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentUnavailable);
    expect((error as Error).message).toBe(message);
    failing = false;
    expect(await reader.read("/a.json")).toEqual({ x: 1 });
  });

  it("without a binding, nothing can be read", async () => {
    const reader = createAssetReader(() => undefined);
    await expect(reader.read("/a.json")).rejects.toThrow(new ContentUnavailable("no ASSETS binding to read /a.json"));
  });
});
