import { Hono } from "hono";
import { guard } from "./http/guard.ts";
import { errorResponse } from "./routes/errors.tsx";
import { meta } from "./routes/meta.ts";
import { pages } from "./routes/pages.ts";

/** The application: the guard first, then the routes; misses and failures are negotiated. */
export function createApp(): Hono {
  const app = new Hono();
  app.use(guard(errorResponse));
  app.route("/", meta);
  app.route("/", pages);
  app.notFound((c) => errorResponse(c, 404));
  app.onError((err, c) => {
    // Logged for `wrangler tail`; the client gets no stack trace.
    console.error(err);
    return errorResponse(c, 500);
  });
  return app;
}
