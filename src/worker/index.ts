import { buildId, preview, problems } from "../generated/build.ts";
import { createApp } from "./app.ts";
import { published, site } from "./blog.ts";
import { useAssets } from "./corpus/read.ts";
import { observePublication } from "./http/representation.ts";
import { serveWarm } from "./http/warm.ts";
import { withLiveReload } from "./preview.ts";
import { buildProblemsResponse } from "./routes/build-problems.tsx";
import { siteHead } from "./routes/head.ts";

const app = createApp();

/**
 * The Worker: representations already prepared in this isolate skip routing; the rest is the
 * Hono app.
 */
const blog = {
  fetch(request: Request, env: unknown, ctx: ExecutionContext): Response | Promise<Response> {
    // The corpus is read through the ASSETS binding, which only a request's env carries.
    useAssets(env);
    // Scheduled posts go live at their instant: the clock is read once per request.
    const { epoch, next } = published();
    observePublication(epoch, next);
    return serveWarm(request) ?? app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler;

/** The preview while its content does not build: every request shows the problems. */
const broken = {
  fetch: (request: Request) => buildProblemsResponse(request, site, problems, siteHead().nav),
} satisfies ExportedHandler;

const served = problems.length > 0 ? broken : blog;
/** The preview reloads an open tab when a save rebuilds the blog (src/worker/preview.ts); production never does. */
export default preview ? withLiveReload(served, buildId) : served;
