import { buildId, preview, problems } from "../generated/build.ts";
import { federationEntry } from "../generated/federation.ts";
import { createApp } from "./app.ts";
import { defaultBlog, publishedAll, site } from "./blog.ts";
import { useAssets } from "./corpus/read.ts";
import type { FederationEnv } from "./federation/env.ts";
import { isPostPath, mayBeFederation } from "./federation/gate.ts";
import type { FederationMessage } from "./federation/messages.ts";
import { observePublication } from "./http/representation.ts";
import { serveWarm } from "./http/warm.ts";
import { withLiveReload } from "./preview.ts";
import { buildProblemsResponse } from "./routes/build-problems.ts";
import { siteHead } from "./routes/head.ts";

const app = createApp();

/**
 * Federation (site.yaml `fediverse`, docs/federation.md): its code is loaded by the first
 * request that may be its own, never at start-up; when it is off, the build leaves it out of
 * the bundle altogether (src/build/federation-module.ts).
 */
const fediverse = federationEntry ? site.fediverse : undefined;
let federation: Promise<typeof import("./federation/worker.ts")> | undefined;
const loadFederation = () => {
  federation ??= (federationEntry as NonNullable<typeof federationEntry>)();
  return federation;
};

/**
 * The Worker: representations already prepared in this isolate skip routing; the rest is the
 * Hono app.
 */
const blog = {
  fetch(request: Request, env: unknown, ctx: ExecutionContext): Response | Promise<Response> {
    // The corpus is read through the ASSETS binding, which only a request's env carries.
    useAssets(env);
    // Scheduled posts go live at their instant: the clock is read once per request.
    const { epoch, next } = publishedAll();
    observePublication(epoch, next);
    if (fediverse && mayBeFederation(request)) {
      return loadFederation().then(
        async (f) =>
          (await f.federationFetch(request, env as FederationEnv, ctx, site, fediverse)) ??
          serveWarm(request) ??
          app.fetch(request, env, ctx),
      );
    }
    // A post's page, JSON and Markdown carry its replies and reactions.
    if (fediverse && isPostPath(request)) {
      return loadFederation().then((f) =>
        f.withReplies(request, env as FederationEnv, site, fediverse, (r) => serveWarm(r) ?? app.fetch(r, env, ctx)),
      );
    }
    return serveWarm(request) ?? app.fetch(request, env, ctx);
  },
  /** The Cron Trigger (every minute, when federation is on): followers hear of posts as they go live. */
  async scheduled(_controller: ScheduledController, env: unknown, ctx: ExecutionContext) {
    if (!fediverse) return;
    useAssets(env);
    const f = await loadFederation();
    await f.publishNow(env as FederationEnv, ctx, site);
  },
  /** The federation Queue's consumer: each delivery signed, sent, retried with backoff. */
  async queue(batch: MessageBatch, env: unknown) {
    if (!fediverse) return;
    useAssets(env);
    const f = await loadFederation();
    await f.consumeDeliveries(batch as MessageBatch<FederationMessage>, env as FederationEnv, site, fediverse);
  },
} satisfies ExportedHandler;

/** The preview while its content does not build: every request shows the problems. */
const broken = {
  fetch: (request: Request) => buildProblemsResponse(request, site, problems, siteHead(defaultBlog).nav),
} satisfies ExportedHandler;

const served = problems.length > 0 ? broken : blog;
/** The preview reloads an open tab when a save rebuilds the blog (src/worker/preview.ts); production never does. */
export default preview ? withLiveReload(served, buildId) : served;
