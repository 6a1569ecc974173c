/**
 * Webmention (W3C Recommendation, 2017): the decisions, as pure functions over what was received
 * or fetched; the inbox route and the Queue consumer do the I/O.
 *
 * - Receiving: a POST of `source` and `target` is checked at once (both URLs, different, the
 *   target a published post here) and answered 202; the source is fetched later, on the Queue,
 *   and the mention kept only if the source really links to the target (§3.2.2).
 * - Sending: for each link in a new post, the target's endpoint is discovered (§3.1.2): the
 *   `Link` header first, then the first `<link>` or `<a>` with rel=webmention in the document,
 *   resolved against the page's final URL.
 */
import { attributeValue } from "./attribute-value.ts";

export type WebmentionRequest = { source: URL; target: URL; post: string } | { refused: string };

const url = (value: unknown): URL | undefined => {
  if (typeof value !== "string") return undefined;
  try {
    const u = new URL(value);
    return u.protocol === "https:" || u.protocol === "http:" ? u : undefined;
  } catch {
    return undefined;
  }
};

/** §3.2.1: what the receiver checks before accepting a Webmention for later verification. */
export function readWebmention(form: FormData, postAt: (target: string) => string | undefined): WebmentionRequest {
  const source = url(form.get("source"));
  const target = url(form.get("target"));
  if (!source) return { refused: "source must be an http(s) URL" };
  if (!target) return { refused: "target must be an http(s) URL" };
  const without = (u: URL) => u.href.replace(/#.*$/, "");
  if (without(source) === without(target)) return { refused: "source and target are the same page" };
  const post = postAt(without(target));
  if (!post) return { refused: "target is not a post on this blog" };
  return { source, target, post };
}

/** The rels of a `Link` header's entries whose rel includes `webmention`, in order, as URLs. */
function fromLinkHeader(header: string | null, base: URL): URL | undefined {
  if (!header) return undefined;
  // Entries are `<url>; params`, comma-separated; a URL may itself hold commas, inside <>.
  for (const m of header.matchAll(/<([^>]*)>([^,]*(?:,(?!\s*<)[^,]*)*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(m[2] ?? "");
    const rels = (rel?.[1] ?? rel?.[2] ?? "").toLowerCase().split(/\s+/);
    if (rels.includes("webmention")) {
      try {
        return new URL(m[1] as string, base);
      } catch {
        // An entry that is not a URL: the next one may be.
      }
    }
  }
  return undefined;
}

/**
 * The endpoint a page at `finalUrl` (after redirects) advertises, from its `Link` header and its
 * HTML; undefined when it has none. HTMLRewriter reads the HTML, so comments and scripts are
 * skipped as a browser would.
 */
export async function discoverEndpoint(finalUrl: string, headers: Headers, html: string): Promise<URL | undefined> {
  const base = new URL(finalUrl);
  const fromHeader = fromLinkHeader(headers.get("link"), base);
  if (fromHeader) return fromHeader;
  let found: URL | undefined;
  let documentBase = base;
  await new HTMLRewriter()
    .on("base[href]", {
      element(el) {
        try {
          documentBase = new URL(el.getAttribute("href") ?? "", base);
        } catch {
          // A broken <base> changes nothing.
        }
      },
    })
    .on("link[rel][href], a[rel][href]", {
      element(el) {
        if (found) return;
        const rels = (el.getAttribute("rel") ?? "").toLowerCase().split(/\s+/);
        if (!rels.includes("webmention")) return;
        try {
          // An empty href is the page itself (§3.1.2).
          found = new URL(attributeValue(el.getAttribute("href") ?? ""), documentBase);
        } catch {
          // Not a URL: keep looking.
        }
      },
    })
    .transform(new Response(html))
    .arrayBuffer();
  return found;
}

/**
 * §3.2.2: whether the source document links to the target: an `<a href>`, `<link href>`,
 * `<img src>`, `<video src>` or `<audio src>` equal to it (ignoring a fragment). HTML only; a
 * source of another type is not a mention this blog can show.
 */
export async function linksTo(sourceUrl: string, html: string, target: string): Promise<boolean> {
  const wanted = target.replace(/#.*$/, "");
  const base = new URL(sourceUrl);
  let yes = false;
  const check = (value: string | null) => {
    if (yes || value === null) return;
    try {
      if (new URL(attributeValue(value), base).href.replace(/#.*$/, "") === wanted) yes = true;
    } catch {
      // Not a URL.
    }
  };
  await new HTMLRewriter()
    .on("a[href], link[href]", { element: (el) => check(el.getAttribute("href")) })
    .on("img[src], video[src], audio[src], source[src]", { element: (el) => check(el.getAttribute("src")) })
    .transform(new Response(html))
    .arrayBuffer();
  return yes;
}
