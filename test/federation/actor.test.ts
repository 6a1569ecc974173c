import { afterEach, describe, expect, it, vi } from "vitest";
import { freshWorker, MASTODON_ACCEPT, ORIGIN } from "./helpers.ts";

/**
 * The blog as an actor (issue 26 §1): discovery, the actor, each post as an Article, the outbox.
 * The fixture blog has two published posts and one scheduled for 2030.
 */

afterEach(() => {
  vi.useRealTimers();
});

const json = async (res: Response) => (await res.json()) as Record<string, unknown>;

describe("discovery", () => {
  it("WebFinger finds the account by acct:, in any case, and by the actor's URL", async () => {
    const worker = await freshWorker();
    const expected = {
      subject: "acct:notes@blog.example",
      aliases: [`${ORIGIN}/actor`, `${ORIGIN}/`],
      links: [
        { rel: "self", type: "application/activity+json", href: `${ORIGIN}/actor` },
        { rel: "http://webfinger.net/rel/profile-page", type: "text/html", href: `${ORIGIN}/` },
      ],
    };
    for (const resource of ["acct:notes@blog.example", "acct:NOTES@Blog.Example", `${ORIGIN}/actor`]) {
      const res = await worker.fetch(`/.well-known/webfinger?resource=${encodeURIComponent(resource)}`);
      expect([res.status, res.headers.get("content-type"), res.headers.get("access-control-allow-origin")]).toEqual([
        200,
        "application/jrd+json; charset=utf-8",
        "*",
      ]);
      expect(await res.json()).toEqual(expected);
    }
  });

  it("WebFinger answers a missing or malformed resource 400, and another account 404, as problems", async () => {
    const worker = await freshWorker();
    for (const [query, status, detail] of [
      ["", 400, "resource is required: ?resource=acct:<handle>@<host>"],
      ["?resource=notes", 400, "resource must be acct:<user>@<host> or a URL"],
      ["?resource=acct:ana@blog.example", 404, "acct:ana@blog.example is not an account here"],
      ["?resource=acct:notes@elsewhere.example", 404, "acct:notes@elsewhere.example is not an account here"],
    ] as const) {
      const res = await worker.fetch(`/.well-known/webfinger${query}`);
      expect([res.status, res.headers.get("content-type")]).toEqual([status, "application/problem+json; charset=utf-8"]);
      expect(await res.json()).toMatchObject({ status, detail });
    }
  });

  it("NodeInfo links to 2.1, which counts published posts only", async () => {
    const worker = await freshWorker();
    const links = await worker.fetch("/.well-known/nodeinfo");
    expect(await links.json()).toEqual({
      links: [{ rel: "http://nodeinfo.diaspora.software/ns/schema/2.1", href: `${ORIGIN}/nodeinfo/2.1` }],
    });
    const info = await worker.fetch("/nodeinfo/2.1");
    expect(info.headers.get("content-type")).toBe(
      'application/json; profile="http://nodeinfo.diaspora.software/ns/schema/2.1#"; charset=utf-8',
    );
    expect(await info.json()).toMatchObject({
      version: "2.1",
      software: { name: "edge-blog" },
      protocols: ["activitypub"],
      openRegistrations: false,
      usage: { localPosts: 2 },
    });
  });
});

describe("the actor", () => {
  it("is a Person with its key, inbox, outbox, followers and featured; the private half is in no answer", async () => {
    const worker = await freshWorker();
    const res = await worker.fetch("/actor", { headers: { accept: MASTODON_ACCEPT } });
    expect([res.status, res.headers.get("content-type"), res.headers.get("cache-control")]).toEqual([
      200,
      "application/activity+json; charset=utf-8",
      "public, max-age=300",
    ]);
    const text = await res.text();
    expect(text).not.toMatch(/PRIVATE|"d":|"dp":|"qi":/);
    const actor = JSON.parse(text) as Record<string, unknown>;
    expect(actor).toMatchObject({
      id: `${ORIGIN}/actor`,
      type: "Person",
      preferredUsername: "notes",
      name: "Field Notes",
      summary: "<p>Notes from the field, &lt;followed&gt; from the fediverse.</p>",
      url: `${ORIGIN}/`,
      inbox: `${ORIGIN}/inbox`,
      outbox: `${ORIGIN}/outbox`,
      followers: `${ORIGIN}/followers`,
      featured: `${ORIGIN}/featured`,
      endpoints: { sharedInbox: `${ORIGIN}/inbox` },
      manuallyApprovesFollowers: false,
    });
    const key = actor.publicKey as { id: string; owner: string; publicKeyPem: string };
    expect([key.id, key.owner]).toEqual([`${ORIGIN}/actor#main-key`, `${ORIGIN}/actor`]);
    expect(key.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+\n-----END PUBLIC KEY-----\n$/);
    // Made once: a new isolate reads the same key back from D1.
    const again = await (await freshWorker()).fetch("/actor");
    expect(((await again.json()) as { publicKey: { publicKeyPem: string } }).publicKey.publicKeyPem).toBe(key.publicKeyPem);
  });

  it("is also `/` asked for as ActivityPub, negotiated: Vary, ETag and 304; a browser still gets the page", async () => {
    const worker = await freshWorker();
    const res = await worker.fetch("/", { headers: { accept: MASTODON_ACCEPT } });
    expect([res.status, res.headers.get("content-type"), res.headers.get("vary")]).toEqual([
      200,
      "application/activity+json; charset=utf-8",
      "Accept",
    ]);
    expect(((await res.json()) as { id: string }).id).toBe(`${ORIGIN}/actor`);
    const etag = res.headers.get("etag") as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    const revalidated = await worker.fetch("/", { headers: { accept: "application/activity+json", "if-none-match": etag } });
    expect([revalidated.status, await revalidated.text()]).toEqual([304, ""]);
    const page = await worker.fetch("/", { headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8" } });
    expect([page.status, page.headers.get("content-type")]).toEqual([200, "text/html; charset=utf-8"]);
    await page.arrayBuffer();
  });

  it("answers methods it does not take 405, with Allow", async () => {
    const worker = await freshWorker();
    const res = await worker.fetch("/actor", { method: "POST", body: "{}" });
    expect([res.status, res.headers.get("allow")]).toEqual([405, "GET, HEAD"]);
    const inbox = await worker.fetch("/inbox");
    expect([inbox.status, inbox.headers.get("allow")]).toEqual([405, "POST"]);
  });
});

describe("posts as Articles", () => {
  it("a post asked for as ActivityPub is an Article Mastodon can show", async () => {
    const worker = await freshWorker();
    const res = await worker.fetch("/posts/hello", { headers: { accept: MASTODON_ACCEPT } });
    expect([res.status, res.headers.get("content-type"), res.headers.get("vary")]).toEqual([
      200,
      "application/activity+json; charset=utf-8",
      "Accept",
    ]);
    const article = await json(res);
    expect(article).toMatchObject({
      id: `${ORIGIN}/posts/hello`,
      type: "Article",
      attributedTo: `${ORIGIN}/actor`,
      name: "Hello, fediverse",
      summary: "The first post.",
      url: `${ORIGIN}/posts/hello`,
      published: "2025-01-01T00:00:00Z",
      inReplyTo: null,
      to: ["https://www.w3.org/ns/activitystreams#Public"],
      cc: [`${ORIGIN}/followers`],
      tag: [
        { type: "Hashtag", href: `${ORIGIN}/tags/rust`, name: "#rust" },
        { type: "Hashtag", href: `${ORIGIN}/tags/caf%C3%A9`, name: "#café" },
      ],
      attachment: [],
    });
    // Links in the content are absolute: the Article is read on other servers.
    expect(article.content).toContain(`<a href="${ORIGIN}/posts/second">a link</a>`);
  });

  it("a scheduled post is no Article until its instant", async () => {
    const worker = await freshWorker();
    const before = await worker.fetch("/posts/later", { headers: { accept: "application/activity+json" } });
    expect([before.status, before.headers.get("content-type")]).toEqual([404, "application/problem+json; charset=utf-8"]);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-01-01T09:00:01Z"));
    const after = await (await freshWorker()).fetch("/posts/later", { headers: { accept: "application/activity+json" } });
    expect([after.status, ((await after.json()) as { name: string }).name]).toEqual([200, "Written for later"]);
  });
});

describe("the outbox", () => {
  it("counts published posts and pages their Creates, newest first", async () => {
    const worker = await freshWorker();
    expect(await json(await worker.fetch("/outbox"))).toMatchObject({
      id: `${ORIGIN}/outbox`,
      type: "OrderedCollection",
      totalItems: 2,
      first: `${ORIGIN}/outbox?page=1`,
      last: `${ORIGIN}/outbox?page=1`,
    });
    const page = await json(await worker.fetch("/outbox?page=1"));
    const items = page.orderedItems as { type: string; object: { id: string } }[];
    expect(items.map((i) => [i.type, i.object.id])).toEqual([
      ["Create", `${ORIGIN}/posts/second`],
      ["Create", `${ORIGIN}/posts/hello`],
    ]);
    for (const bad of ["2", "0", "x"]) expect((await worker.fetch(`/outbox?page=${bad}`)).status).toBe(404);
  });

  it("followers are counted, not listed; featured is empty", async () => {
    const worker = await freshWorker();
    expect(await json(await worker.fetch("/followers"))).toMatchObject({
      type: "OrderedCollection",
      totalItems: 0,
      orderedItems: [],
    });
    expect(await json(await worker.fetch("/featured"))).toMatchObject({ type: "OrderedCollection", totalItems: 0 });
  });
});

describe("announced on the pages", () => {
  it("the index's and a post's Link header name their ActivityPub representation; a tag page's does not", async () => {
    const worker = await freshWorker();
    const link = async (path: string) => {
      const res = await worker.fetch(path);
      await res.arrayBuffer();
      return res.headers.get("link") ?? "";
    };
    expect(await link("/")).toContain('</actor>; rel="alternate"; type="application/activity+json"');
    expect(await link("/posts/hello")).toBe(
      '</posts/hello>; rel="alternate"; type="text/html", </posts/hello.json>; rel="alternate"; type="application/json", </posts/hello.md>; rel="alternate"; type="text/markdown", </posts/hello>; rel="alternate"; type="application/activity+json", </webmention>; rel="webmention"',
    );
    expect(await link("/tags/rust")).not.toContain("activity+json");
  });
});
