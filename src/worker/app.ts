import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { splitExtension } from "../shared/formats.ts";
import { ContentUnavailable } from "./corpus/read.ts";
import { guard } from "./http/guard.ts";
import { aliases } from "./routes/aliases.ts";
import { cards } from "./routes/cards.ts";
import { errorResponse, unavailable } from "./routes/errors.tsx";
import { meta } from "./routes/meta.ts";
import { pages, standalonePages } from "./routes/pages.ts";
import { search } from "./routes/search.tsx";

/**
 * The application: the guard first, then the routes. Misses, refusals the guard throws
 * (HTTPException: 400, 404, 405, 414) and failures all become one negotiated error answer.
 */
export function createApp(): Hono {
  const app = new Hono();
  app.use(guard);
  app.use(aliases);
  app.route("/", meta);
  app.route("/", pages);
  app.route("/", search);
  app.route("/", cards);
  app.route("/", standalonePages);
  app.notFound((c) => errorResponse(c, 404));
  app.onError((err, c) => {
    if (err instanceof HTTPException) return errorResponse(c, err.status);
    if (err instanceof ContentUnavailable) {
      console.error(err); // for `wrangler tail`; the reader gets a 503 to retry
      // An explicit URL (`/posts/x.json`) answers in its own format; any other is negotiated.
      const { format } = splitExtension(c.req.path);
      return unavailable(c, format === "html" ? undefined : format);
    }
    // Logged for `wrangler tail`; the client gets no stack trace.
    console.error(err);
    return errorResponse(c, 500);
  });
  return app;
}
