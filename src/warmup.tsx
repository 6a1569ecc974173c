import { corpus, site } from "./generated/content.ts";
import { siteHead } from "./routes/head.ts";
import { MessagePage, renderDocument } from "./views/pages.tsx";

/**
 * Start-up work that takes the same work off the first request: one render of the error page's
 * view (the layout, a list of posts), thrown away. hono/jsx and our views run cold the first
 * time (V8 compiles each function on its first call and learns its shapes), which cost a fresh
 * isolate's first page 3–4 ms (scripts/bench/first-breakdown.ts). Cloudflare starts an isolate
 * while the TLS handshake of the request that needs it is still under way, so work done here is
 * off the reader's wait; it is counted in the start-up figures (docs/benchmarks.md). It reads
 * no clock, no request and no file: only what the script holds.
 */
export function warmViews(): void {
  // Posts published when the build ran: the first `scheduled.length` may not be yet.
  const recent = corpus.recent.slice(corpus.scheduled.length);
  renderDocument(
    <MessagePage
      site={site}
      heading="Warming up"
      message="Never sent."
      recent={recent}
      head={{
        ...siteHead(),
        title: site.title,
        description: site.description,
        canonical: site.origin,
        alternates: [],
        ogType: "website",
      }}
    />,
  );
}
