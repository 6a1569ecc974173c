import { corpus, site } from "../generated/content.ts";
import { CONTENT_TYPES, splitExtension } from "../shared/formats.ts";
import type { Post } from "../shared/types.ts";
import { messages } from "./blog.ts";
import { canonicalPath, checkPath } from "./http/guard.ts";
import { negotiateAll } from "./http/negotiate.ts";
import { CACHE_PAGE } from "./http/policy.ts";
import { prepare } from "./http/representation.ts";
import { needsHttps } from "./http/url.ts";
import { siteHead } from "./routes/head.ts";
import { type PageResource, renderIndex, renderPost, renderTag } from "./routes/resources.ts";
import type { HeadProps } from "./views/Layout.tsx";
import { MessagePage, renderDocument } from "./views/pages.tsx";

/**
 * Empties V8's young generation before the first request. Start-up (the app, its routes, the
 * warm-up's renders) leaves the young generation nearly full, so the first request's own
 * allocations used to start a collection, and the first collections of an isolate are the dear
 * ones: they copy, then promote, everything start-up made (about 1 ms of the first request,
 * `bench/first-profile.ts`). Short-lived garbage allocated here makes those collections
 * happen now, off the reader's wait, and leaves the first request an empty young generation:
 * 290 KiB was measurably enough; 4 MiB is enough for several collections, so what start-up made
 * is promoted out of the young generation too. There is no API to ask for a collection; garbage
 * is how a program causes one.
 */
function settleHeap(bytes = 4 * 1024 * 1024): void {
  // Arrays of 16 small integers, about 144 bytes each on V8's heap, each kept only until 64
  // later ones replace it: stored, so an optimising compiler cannot prove them unused.
  const ring: number[][] = [];
  for (let made = 0, i = 0; made < bytes; made += 144, i = (i + 1) % 64) ring[i] = new Array<number>(16).fill(i);
  ring.length = 0;
}

const renderAll = (render: PageResource["render"]) => {
  render.html();
  render.json();
  render.markdown();
};

/**
 * Start-up work that takes the same work off the first request, all thrown away: one render of
 * the page views (the error page; the index, a tag page and a post, each in its three
 * representations) with what the script holds, one `Accept` parsed, one path through the guard's
 * checks and one representation prepared (bytes, SHA-256 ETag, headers), then the heap settled.
 * Our views, hono/jsx and the negotiator run cold the first time (V8 compiles each function on
 * its first call and learns its shapes), which cost a fresh isolate's first page several
 * milliseconds (bench/first-breakdown.ts). Cloudflare starts an isolate while the TLS
 * handshake of the request that needs it is still under way, so work done here is off the
 * reader's wait; it is counted in the start-up figures (docs/benchmarks.md). It reads no clock,
 * no request and no file, and keeps nothing a request could be answered from: each request
 * renders its own page as before.
 */
export function warmViews(): void {
  // Posts published when the build ran: the first `scheduled.length` may not be yet.
  const recent = corpus.recent.slice(corpus.scheduled.length);
  const head: HeadProps = {
    ...siteHead(),
    title: site.title,
    description: site.description,
    canonical: site.origin,
    alternates: [],
    ogType: "website",
  };
  renderDocument(<MessagePage site={site} t={messages} heading="Warming up" message="Never sent." recent={recent} head={head} />);
  // The lists (index and tag pages), by the routes' own code, with a next page so the pager runs.
  const page = { items: recent, page: 1, totalPages: 2, count: recent.length };
  renderAll(renderIndex(page));
  renderAll(renderTag("warming-up", page));
  const [first, ...others] = recent;
  if (first) {
    // A post with the parts real ones have (a table of contents, an update, neighbours and
    // related posts), rendered in its three representations by the routes' own code.
    const sections = ["a", "b", "c"].map((id) => ({ depth: 2, id, text: id }));
    const post: Post = {
      ...first,
      updated: first.date,
      updatedText: first.dateText,
      html: '<h2 id="a">a</h2><p>Never sent.</p>',
      markdown: "## a\n\nNever sent.\n",
      bodyStart: 0,
      headings: sections,
    };
    const around = { related: others, newer: others[0], older: others[1] ?? others[0] };
    renderAll(renderPost(post, around));
  }
  // Not a browser's `Accept`: the negotiator's memo gains one entry no request will use.
  negotiateAll("text/html;q=0.9, application/json;q=0.8, */*;q=0.1");
  const path = "/posts/warming-up.md";
  checkPath(path);
  canonicalPath(path);
  splitExtension("warming-up.md");
  needsHttps("http://127.0.0.1/", false);
  // The first digest also sets up the isolate's WebCrypto. The result is dropped, and so is a
  // failure: warming is optional, and a rejection here must never stop the Worker starting.
  prepare(
    {
      contentType: CONTENT_TYPES.html,
      body: "<p>Never sent.</p>",
      cacheControl: CACHE_PAGE,
      cacheTags: ["warming-up"],
      link: "</warming-up.json>",
      kind: "page",
    },
    "html",
  ).catch(() => undefined);
  settleHeap();
}
