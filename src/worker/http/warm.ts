import { preview } from "../../generated/build.ts";
import { negotiateRequest } from "./negotiate.ts";
import { lookupPrepared, PreconditionFailed, respond } from "./representation.ts";
import { needsHttps, rawPath } from "./url.ts";

/**
 * The warm path: a GET for a canonical URL whose representation this isolate has already
 * prepared is answered before routing, at close to the cost of returning a constant. It looks
 * the representation up by the same key the app stores it under (src/worker/http/store.ts).
 * Everything else — first requests, HEAD, odd paths, plain HTTP, 406s, 404s, 412s — goes through
 * the app, which gives the same answer, so this is purely a shortcut (docs/benchmarks.md: routing
 * and middleware cost ~15% of a warm request's throughput).
 */
export function serveWarm(request: Request): Response | undefined {
  if (request.method !== "GET" || needsHttps(request.url, preview)) return undefined;
  const prepared = lookupPrepared(rawPath(request.url), () => negotiateRequest(request));
  if (prepared === undefined) return undefined;
  try {
    return respond(request, prepared);
  } catch (e) {
    // An error's format is the app's to decide (src/worker/routes/errors.tsx).
    if (e instanceof PreconditionFailed) return undefined;
    throw e;
  }
}
