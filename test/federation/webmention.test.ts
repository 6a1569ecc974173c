import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db, freshWorker, ORIGIN } from "./helpers.ts";

/**
 * Webmention's routes (issue 26 §3), through the real Worker: a page on ana.example mentions a
 * post; the mention is verified by fetching the page (a stand-in for fetch), moderated like a
 * reply, and removed when the page no longer links. What cannot be verified is refused at once.
 */

let source = "";
beforeEach(() => {
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL) => {
    const url = new Request(input).url;
    if (url === "https://ana.example/reply") return new Response(source, { headers: { "content-type": "text/html" } });
    return new Response("not found", { status: 404 });
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db().prepare("DELETE FROM interactions").run();
});

const mention = (
  worker: Awaited<ReturnType<typeof freshWorker>>,
  fields: Record<string, string>,
  type = "application/x-www-form-urlencoded",
) =>
  worker.fetch("/webmention", {
    method: "POST",
    body: new URLSearchParams(fields).toString(),
    headers: { "content-type": type },
  });

describe("receiving a Webmention", () => {
  it("is accepted at once, kept once its source is seen to link, and removed when it no longer does", async () => {
    const worker = await freshWorker();
    source = `<p>Replying to <a href="${ORIGIN}/posts/hello">this post</a>.</p>`;
    const res = await mention(worker, { source: "https://ana.example/reply", target: `${ORIGIN}/posts/hello` });
    expect([res.status, await res.text()]).toEqual([202, ""]);
    await worker.settle();
    expect((await db().prepare("SELECT id, post_slug, kind, author_name, url, status FROM interactions").all()).results).toEqual([
      {
        id: "webmention:https://ana.example/reply",
        post_slug: "hello",
        kind: "mention",
        author_name: "ana.example",
        url: "https://ana.example/reply",
        status: "pending",
      },
    ]);
    // Sent again after the page dropped its link: the mention goes.
    source = '<p>Changed my mind. <!-- <a href="https://blog.example/posts/hello"> --></p>';
    await mention(worker, { source: "https://ana.example/reply", target: `${ORIGIN}/posts/hello` });
    await worker.settle();
    expect((await db().prepare("SELECT COUNT(*) AS n FROM interactions").first<{ n: number }>())?.n).toBe(0);
  });

  it("refuses what it cannot verify: 400, 415, 405", async () => {
    const worker = await freshWorker();
    for (const [fields, detail] of [
      [{ source: "https://ana.example/reply", target: `${ORIGIN}/posts/nope` }, "target is not a post on this blog"],
      [{ source: "https://ana.example/reply", target: `${ORIGIN}/posts/later` }, "target is not a post on this blog"],
      [{ source: "ftp://ana.example/x", target: `${ORIGIN}/posts/hello` }, "source must be an http(s) URL"],
    ] as const) {
      const res = await mention(worker, fields);
      expect([res.status, ((await res.json()) as { detail: string }).detail]).toEqual([400, detail]);
    }
    expect(
      (await mention(worker, { source: "https://ana.example/reply", target: `${ORIGIN}/posts/hello` }, "application/json"))
        .status,
    ).toBe(415);
    const get = await worker.fetch("/webmention");
    expect([get.status, get.headers.get("allow")]).toEqual([405, "POST"]);
    await worker.settle();
    expect((await db().prepare("SELECT COUNT(*) AS n FROM interactions").first<{ n: number }>())?.n).toBe(0);
  });

  it("is advertised by each post: its Link header and a <link> in its head", async () => {
    const worker = await freshWorker();
    const res = await worker.fetch("/posts/hello");
    expect(res.headers.get("link")).toContain('</webmention>; rel="webmention"');
    expect(await res.text()).toContain('<link rel="webmention" href="/webmention"></head>');
  });
});
