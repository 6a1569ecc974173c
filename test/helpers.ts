import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { Validator } from "@cfworker/json-schema";
import { beforeAll, beforeEach, describe, vi } from "vitest";
import schema from "../docs/blog.schema.json";

export const ORIGIN = "https://blog.fixture.test";
export const SITE_TITLE = "Fixture Notes";
export const SLUG = "rust-on-the-back-end";
export const POST = `/posts/${SLUG}`;

/** Resources with one representation: not negotiated, so no `Vary: Accept`. */
export const DOCUMENTS = [
  "/feed.xml",
  "/feed.json",
  "/sitemap.xml",
  "/robots.txt",
  "/llms.txt",
  "/llms-full.txt",
  "/opensearch.xml",
  "/favicon.svg",
  "/favicon.ico",
];

interface Worker {
  fetch(request: Request): Response | Promise<Response>;
}

/**
 * The Worker's own default export (src/worker/index.ts), evaluated afresh: a new module graph, as a
 * new isolate has, so its cache of prepared representations is empty. Every HTTP test goes in
 * through this one door, the warm path and the app both behind it. `bindings` replace the
 * environment's (a failing ASSETS, for one).
 */
export async function freshWorker(bindings: Partial<Env> = {}): Promise<Worker> {
  vi.resetModules();
  const worker = (await import("../src/worker/index.ts")).default as ExportedHandler<Env> & {
    fetch: NonNullable<ExportedHandler<Env>["fetch"]>;
  };
  // What workerd hands the Worker with each request: its env, whose ASSETS binding serves the
  // fixture blog's assets (its corpus among them), and a context.
  const ctx = createExecutionContext();
  const withBindings = { ...env, ...bindings };
  return { fetch: (request) => worker.fetch(request as Request<unknown, IncomingRequestCfProperties>, withBindings, ctx) };
}

let current: Worker | undefined;

/** A request to the Worker under test (a fresh one unless a suite chose), through its fetch handler. */
export async function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Response> {
  current ??= await freshWorker();
  return current.fetch(new Request(`http://localhost${path}`, { method, headers, redirect: "manual" }));
}

/** A request for a full URL (another host or scheme than the tests' http://localhost). */
export async function getUrl(url: string, headers: Record<string, string> = {}): Promise<Response> {
  current ??= await freshWorker();
  return current.fetch(new Request(url, { headers, redirect: "manual" }));
}

/** Makes the next requests go to a fresh Worker (an empty isolate cache). */
export async function useFreshWorker(): Promise<void> {
  current = await freshWorker();
}

/** Every URL of the fixture blog, each page in all its representations, from its own JSON. */
async function everyRoute(): Promise<string[]> {
  const json = async <T>(path: string) => (await (await get(path)).json()) as T;
  const index = await json<{ posts: { slug: string }[]; pagination: { totalPages: number } }>("/index.json");
  const tags = await json<{ tags: { tag: string }[] }>("/tags.json");
  const pages = [
    "/",
    "/tags",
    "/archive",
    ...Array.from({ length: index.pagination.totalPages - 1 }, (_, i) => `/page/${i + 2}`),
    ...index.posts.map((p) => `/posts/${p.slug}`),
    ...tags.tags.map((t) => `/tags/${t.tag}`),
  ];
  const explicit = pages.flatMap((p) => (p === "/" ? ["/index.json", "/index.md"] : [`${p}.json`, `${p}.md`]));
  const documents = [...DOCUMENTS, ...tags.tags.flatMap((t) => [`/tags/${t.tag}/feed.xml`, `/tags/${t.tag}/feed.json`])];
  return [...pages, ...explicit, ...documents];
}

/**
 * Runs a contract suite twice through the Worker's default export: `cold`, each test on a fresh
 * Worker whose cache is empty (so the app answers), and `warm`, on one Worker after every route
 * and every negotiated variant has been prepared (so the warm path answers whatever it can).
 * The two dispatchers must give the same answers, and now they cannot disagree unseen.
 */
export function coldAndWarm(name: string, suite: () => void): void {
  describe(`${name} (cold)`, () => {
    beforeEach(useFreshWorker);
    suite();
  });
  describe(`${name} (warm)`, () => {
    beforeAll(async () => {
      await useFreshWorker();
      for (const path of await everyRoute()) {
        for (const accept of ["text/html", "application/json", "text/markdown"])
          await (await get(path, { accept })).arrayBuffer();
      }
    });
    suite();
  });
}

type Def = "post" | "index" | "tags" | "tag" | "problem" | "search" | "archive" | "seriesPage" | "page";

/** Validates a JSON body against a definition of docs/blog.schema.json; returns the errors. */
export function schemaErrors(def: Def, value: unknown): string[] {
  const validator = new Validator(
    { $ref: `#/$defs/${def}`, $defs: (schema as { $defs: object }).$defs } as never,
    "2020-12",
    false,
  );
  const result = validator.validate(value);
  return result.errors.map((e) => `${e.instanceLocation}: ${e.error}`);
}

export const LINK_POST = `<${POST}>; rel="alternate"; type="text/html", <${POST}.json>; rel="alternate"; type="application/json", <${POST}.md>; rel="alternate"; type="text/markdown"`;
export const LINK_INDEX =
  '</>; rel="alternate"; type="text/html", </index.json>; rel="alternate"; type="application/json", </index.md>; rel="alternate"; type="text/markdown"';
