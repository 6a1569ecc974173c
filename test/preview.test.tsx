import { describe, expect, it } from "vitest";
import { buildCollection } from "../src/build/content/index.ts";
import { catalogueFor } from "../src/build/content/module.ts";
import { messagesFor } from "../src/shared/i18n/index.ts";
import type { BuildError, PostMeta, SiteConfig } from "../src/shared/types.ts";
import { cachePolicy, headerPolicies } from "../src/worker/http/policy.ts";
import { withLiveReload } from "../src/worker/preview.ts";
import { postSummaryJson } from "../src/worker/representations/json.ts";
import { buildProblemsResponse } from "../src/worker/routes/build-problems.ts";
import { PostSummary } from "../src/worker/views/parts.tsx";

/** The English interface, which the fixture blog is written in. */
const t = messagesFor("en");

const site: SiteConfig = catalogueFor({
  title: "Preview Site",
  description: "D",
  author: "A",
  language: "en",
  origin: "https://blog.fixture.test",
  postsPerPage: 10,
  feedLimit: 20,
});

describe("cache policy: production caches, the preview always revalidates", () => {
  it("production keeps pages, feeds, the icon, 404s and redirects for their own times", () => {
    expect(cachePolicy(false)).toEqual({
      page: "public, max-age=300, stale-while-revalidate=86400",
      feed: "public, max-age=3600, stale-while-revalidate=86400",
      asset: "public, max-age=86400, stale-while-revalidate=604800",
      notFound: "public, max-age=60",
      redirect: "public, max-age=86400",
      search: "public, max-age=60",
    });
  });

  it("the preview sends no-cache on everything, so an edit shows on the next navigation", () => {
    expect(cachePolicy(true)).toEqual({
      page: "no-cache",
      feed: "no-cache",
      asset: "no-cache",
      notFound: "no-cache",
      redirect: "no-cache",
      search: "no-cache",
    });
  });
});

const problems: BuildError[] = [
  { file: "content/posts/a.md", field: "title", message: "is required" },
  { file: "content/posts/<script>.md", field: "slug", message: 'uses ``` and "<b>"' },
];
const request = (accept: string) => new Request("http://localhost:8787/posts/a", { headers: { accept } });

describe("the preview while the content does not build", () => {
  it("shows browsers a page listing every problem, escaped", async () => {
    const res = buildProblemsResponse(request("text/html"), site, problems);
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("retry-after")).toBe("1");
    expect(res.headers.get("vary")).toBe("Accept");
    expect([...res.headers].map(([name]) => name).sort()).toEqual([
      "cache-control",
      "content-security-policy",
      "content-type",
      "cross-origin-opener-policy",
      "cross-origin-resource-policy",
      "permissions-policy",
      "referrer-policy",
      "retry-after",
      "strict-transport-security",
      "vary",
      "x-content-type-options",
    ]);
    const html = await res.text();
    expect(html).toContain("<h1>The content did not build</h1>");
    expect(html).toContain("<code>content/posts/a.md → title: is required</code>");
    expect(html).toContain("<code>content/posts/&lt;script&gt;.md → slug: uses ``` and &quot;&lt;b&gt;&quot;</code>");
    expect(html).not.toContain("<script>");
  });

  it("keeps the blog's header: its title and its pages' links", async () => {
    const res = buildProblemsResponse(request("text/html"), site, problems, [{ href: "/about", title: "About" }]);
    const html = await res.text();
    expect(html).toContain('<a class="brand" href="/">Preview Site</a>');
    expect(html).toContain('<li><a href="/about">About</a></li>');
  });

  it("gives JSON clients problem details with each problem", async () => {
    const res = buildProblemsResponse(request("application/json"), site, problems);
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
    expect(await res.json()).toEqual({
      type: "about:blank",
      title: "Service Unavailable",
      status: 503,
      detail: 'content/posts/a.md → title: is required\ncontent/posts/<script>.md → slug: uses ``` and "<b>"',
      errors: problems,
    });
  });

  it("answers an explicit .json or .md URL in its own format, whatever Accept says", async () => {
    const json = buildProblemsResponse(
      new Request("http://localhost:8787/posts/a.json", { headers: { accept: "text/html" } }),
      site,
      problems,
    );
    expect(json.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
    const md = buildProblemsResponse(new Request("http://localhost:8787/index.md"), site, problems);
    expect(md.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
  });

  it("gives Markdown clients the list in a fence no message can close", async () => {
    const res = buildProblemsResponse(request("text/markdown"), site, problems);
    expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(await res.text()).toBe(
      '# The content did not build\n\n````text\ncontent/posts/a.md → title: is required\ncontent/posts/<script>.md → slug: uses ``` and "<b>"\n````\n',
    );
  });
});

describe("drafts and scheduled posts in the preview", () => {
  const NOW = new Date("2026-01-01T00:00:00Z");
  const file = (name: string, front: string) => ({ path: `content/posts/${name}.md`, text: `---\n${front}\n---\nText.\n` });
  const files = [
    file("published", "title: Published\ndate: 2025-06-01"),
    file("draft", "title: Draft\ndate: 2025-06-02\ndraft: true"),
    file("later", "title: Later\ndate: 2026-03-01"),
  ];
  const yaml = "title: T\ndescription: D\nauthor: A\nlanguage: en\norigin: https://blog.fixture.test\n";
  const collect = (includeDrafts: boolean) =>
    buildCollection({ path: "content/site.yaml", text: yaml }, files, { includeDrafts, now: NOW });

  it("are marked in the records of a preview build; a production one has no drafts, and later posts unmarked", () => {
    const preview = collect(true).posts.map((p) => [p.slug, p.draft, p.scheduled]);
    expect(preview).toEqual([
      ["later", false, true],
      ["draft", true, undefined],
      ["published", false, undefined],
    ]);
    expect(collect(false).posts.map((p) => [p.slug, p.draft, p.scheduled])).toEqual([
      ["later", false, undefined],
      ["published", false, undefined],
    ]);
  });

  it("carry `draft` or `scheduled` in their JSON, and published posts carry neither", () => {
    const [later, draft, published] = collect(true).posts as PostMeta[];
    expect(postSummaryJson(site, later as PostMeta)).toMatchObject({ scheduled: true });
    expect(postSummaryJson(site, later as PostMeta)).not.toHaveProperty("draft");
    expect(postSummaryJson(site, draft as PostMeta)).toMatchObject({ draft: true });
    expect(postSummaryJson(site, published as PostMeta)).not.toHaveProperty("draft");
    expect(postSummaryJson(site, published as PostMeta)).not.toHaveProperty("scheduled");
  });

  it("show a visible badge in lists", () => {
    const [later, draft, published] = collect(true).posts as PostMeta[];
    expect(String(<PostSummary post={later as PostMeta} lang="en" t={t} />)).toContain(
      '<p class="meta"><strong class="badge">Scheduled</strong><time',
    );
    expect(String(<PostSummary post={draft as PostMeta} lang="en" t={t} />)).toContain(
      '<p class="meta"><strong class="badge">Draft</strong><time',
    );
    expect(String(<PostSummary post={published as PostMeta} lang="en" t={t} />)).not.toContain("badge");
  });
});

describe("the preview shares nothing with other origins", () => {
  const preview = headerPolicies(true);
  const production = headerPolicies(false);
  const names = (headers: readonly (readonly [string, string])[]) => headers.map(([name]) => name);

  it("sends no CORS header at all, on any kind of answer", () => {
    for (const [answer, headers] of Object.entries(preview)) {
      const cors = names(headers).filter((n) => n.startsWith("access-control-") || n === "timing-allow-origin");
      expect([answer, cors]).toEqual([answer, []]);
    }
    expect(preview.data).toContainEqual(["cross-origin-resource-policy", "same-origin"]);
    expect(preview.asset).toContainEqual(["cross-origin-resource-policy", "same-origin"]);
    expect(preview.preflight).toEqual([
      ["allow", "GET, HEAD, OPTIONS"],
      ["cache-control", "no-store"],
      ["strict-transport-security", "max-age=63072000; includeSubDomains"],
      ["x-content-type-options", "nosniff"],
    ]);
  });

  it("leaves production's public data readable from any origin", () => {
    expect(production.data).toEqual([
      ["strict-transport-security", "max-age=63072000; includeSubDomains"],
      ["x-content-type-options", "nosniff"],
      ["access-control-allow-origin", "*"],
      ["access-control-expose-headers", "ETag, Link, Server-Timing"],
      ["timing-allow-origin", "*"],
      ["cross-origin-resource-policy", "cross-origin"],
    ]);
    expect(production.preflight).toContainEqual(["access-control-allow-origin", "*"]);
  });
});

describe("the preview answers only requests addressed to this machine (DNS rebinding)", () => {
  const inner = { fetch: () => new Response('{"posts":[]}', { headers: { "content-type": "application/json" } }) };
  const worker = withLiveReload(inner, "b1");
  const ctx = {} as ExecutionContext;
  const at = (host: string, url = `http://${host}/index.json`) => worker.fetch(new Request(url, { headers: { host } }), {}, ctx);

  it.each([
    "localhost:8787",
    "localhost",
    "LOCALHOST:8787",
    "127.0.0.1:8787",
    "[::1]:8787",
    "192.168.1.20:8787",
    "[fe80::1]:9000",
  ])("serves %s", async (host) => {
    const res = await at(host);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{"posts":[]}');
  });

  it.each([
    "rebind.evil.example:8787",
    "localhost.evil.example:8787",
    "127.0.0.1.nip.io:8787",
    "sub.localhost:8787",
    "0177.0.0.1:8787",
  ])("refuses %s with a small 421", async (host) => {
    const res = await at(host);
    expect(res.status).toBe(421);
    expect([...res.headers]).toEqual([
      ["cache-control", "no-store"],
      ["content-type", "text/plain; charset=utf-8"],
      ["x-content-type-options", "nosniff"],
    ]);
    expect(await res.text()).toBe("421 Misdirected Request: the preview answers only at localhost or an IP address.\n");
  });

  it("refuses a Host header that disagrees with a local URL (a proxy kept the name)", async () => {
    const res = await at("rebind.evil.example:8787", "http://localhost:8787/index.json");
    expect(res.status).toBe(421);
  });

  it("refuses the live reload script and events too", async () => {
    expect((await at("rebind.evil.example:8787", "http://rebind.evil.example:8787/__preview/events")).status).toBe(421);
  });
});
