import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { vi } from "vitest";

/**
 * The federation tests' Worker: the real one (src/worker/index.ts) on the fixture blog
 * test/fixtures/blog-fedi (fediverse on, origin https://blog.example), with its D1 database.
 * Requests go to https://blog.example, as other servers send them.
 */

export const ORIGIN = "https://blog.example";
export const MASTODON_ACCEPT =
  'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams", text/html;q=0.1';

type Handler = ExportedHandler<Env> & { fetch: NonNullable<ExportedHandler<Env>["fetch"]> };

/** Every context a test's Workers were given: their background work is awaited before the next test. */
const open: ExecutionContext[] = [];
export async function settleAll(): Promise<void> {
  for (const ctx of open.splice(0)) await waitOnExecutionContext(ctx);
}

/** A fresh Worker (its modules re-imported, as a new isolate would), and a way to run its background work. */
export async function freshWorker() {
  vi.resetModules();
  const worker = (await import("../../src/worker/index.ts")).default as Handler;
  let ctx = createExecutionContext();
  open.push(ctx);
  return {
    async fetch(path: string, init: RequestInit = {}): Promise<Response> {
      const request = new Request(path.startsWith("http") ? path : `${ORIGIN}${path}`, { redirect: "manual", ...init });
      return worker.fetch(request as Request<unknown, IncomingRequestCfProperties>, env, ctx);
    },
    /** Waits for everything the Worker left running (deliveries sent in the background). */
    async settle() {
      await waitOnExecutionContext(ctx);
      ctx = createExecutionContext();
      open.push(ctx);
    },
    async scheduled() {
      const c = createExecutionContext();
      await worker.scheduled?.({ scheduledTime: Date.now(), cron: "* * * * *", noRetry() {} } as ScheduledController, env, c);
      await waitOnExecutionContext(c);
    },
  };
}

export const db = () => (env as unknown as { DB: D1Database }).DB;
