import { createApp } from "./app.ts";
import { serveWarm } from "./http/warm.ts";

const app = createApp();

/** The Worker: representations already prepared in this isolate skip routing; the rest is the Hono app. */
export default {
  fetch(request: Request, env: unknown, ctx: ExecutionContext): Response | Promise<Response> {
    return serveWarm(request) ?? app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler;
