import type { Context, HonoRequest } from "hono";
import { CONTENT_TYPES, FORMATS, type Format, MEDIA_TYPES } from "../../shared/formats.ts";
import type { MessageKey, Messages } from "../../shared/i18n/index.ts";
import { absolute, indexPath } from "../../shared/paths.ts";
import type { SiteConfig } from "../../shared/types.ts";
import { type Blog, blogOf, publishedAll } from "../blog.ts";
import { errorFormat } from "../http/negotiate.ts";
import { errorPolicy, policyHeaders, secondsUntilChange } from "../http/policy.ts";
import { REASON_PHRASES } from "../http/reason-phrases.ts";
import { rawPath } from "../http/url.ts";
import { MessagePage, type NextLink, renderDocument } from "../views/pages.tsx";
import { siteHead } from "./head.ts";

/**
 * Error responses, negotiated like every page: an HTML page with a way home for people,
 * RFC 9457 problem details for JSON clients, plain Markdown for Markdown clients; at an
 * explicit URL (`/posts/x.json`, `.md`), that URL's format. Every error goes through
 * `errorResponse`, and its format is `errorFormat`'s to decide (src/worker/http/negotiate.ts).
 * Never a stack trace.
 */

/** The statuses whose page has its own heading and explanation in the catalogues. */
const EXPLAINED = new Set([400, 404, 405, 412, 414, 500, 503]);

/** The page's heading and the reader's explanation, in the site's language. */
function heading(status: number, t: Messages): string {
  return EXPLAINED.has(status) ? t.text(`error${status}` as MessageKey) : t.text("error");
}
function explanation(status: number, t: Messages): string {
  return EXPLAINED.has(status) ? t.text(`detail${status}` as MessageKey) : t.text("error");
}

/**
 * An error as Markdown: its heading and explanation in the site's language, the way on if it has
 * one, and the way home.
 */
export function errorMarkdown(
  site: SiteConfig,
  t: Messages,
  status: number,
  detail = explanation(status, t),
  next?: NextLink,
): string {
  const on = next ? `[${next.label}](${absolute(site, next.href)})\n\n` : "";
  return `# ${status} ${heading(status, t)}\n\n${detail}\n\n${on}[${t.text("backToPosts")}](${absolute(site, indexPath())})\n`;
}

/** Where an error leads on to: its label, and its path in the format of the answer that links to it. */
export interface ErrorNext {
  label: string;
  path: (format: Exclude<Format, "json">) => string;
}

/** What a resource is available as, and how to ask for it, in the site's language: a 406's detail. */
function availableAs(t: Messages): string {
  const available = FORMATS.map((f) => `  ${MEDIA_TYPES[f]}`).join("\n");
  return `${t.text("detail406")}\n${available}\n\n${t.text("hint406")}`;
}

/** The 406 answer's text: what the resource is available as, in the site's language. */
export function notAcceptableText(t: Messages): string {
  return `406 ${t.text("error406")}\n\n${availableAs(t)}\n`;
}

/** An error page in the language of the path it answers (`/pt-br/…` in Portuguese). */
function renderErrorPage(b: Blog, status: number, detail: string, next?: ErrorNext): string {
  const { site, messages } = b;
  return b.within(() =>
    renderDocument(
      MessagePage({
        site,
        t: messages,
        heading: heading(status, messages),
        message: detail,
        next: next && { label: next.label, href: next.path("html") },
        recent: status === 404 ? b.recentPosts() : undefined,
        head: {
          ...siteHead(b),
          title: heading(status, messages),
          description: detail,
          canonical: absolute(site, indexPath()),
          alternates: [],
          ogType: "website",
          noindex: true,
        },
      }),
    ),
  );
}

/**
 * HTML error pages do not depend on the request, so each is rendered once per set of published
 * posts (the 404 page lists the newest).
 */
const htmlPages = new Map<string, string>();
function htmlPage(b: Blog, status: number, detail: string): string {
  const key = `${status} ${b.prefix} ${b.published().epoch}`;
  let page = htmlPages.get(key);
  if (page === undefined) {
    page = renderErrorPage(b, status, detail);
    if (htmlPages.size > 16) htmlPages.clear();
    htmlPages.set(key, page);
  }
  return page;
}

/**
 * What an error answer reads of its context: the request. The app's Context has it; so can a
 * caller outside the app (a post's answer with replies, src/worker/federation/replies.ts).
 */
export interface ErrorContext {
  req: Pick<HonoRequest, "path" | "raw" | "url">;
}

/**
 * An error in the representation the client asked for (`errorFormat`): at an explicit URL
 * (`/posts/x.json`) its format, not negotiated, so without `Vary`; elsewhere the one `Accept`
 * chooses, HTML when it takes none. `why` replaces the status's explanation; `extra` are
 * headers of this one answer (a 412's validators, a 406's `Link`).
 * `next` is a link on (a search's last page) for the HTML and Markdown answers; problem details
 * say it in `detail`.
 */
export function errorResponse(
  c: ErrorContext,
  status: number,
  why?: string,
  extra: readonly [string, string][] = [],
  next?: ErrorNext,
): Response {
  const b = blogOf(c.req.path);
  const { format, negotiated } = errorFormat(c.req.raw);
  const chosen: Format = format ?? "html";
  const detail = why ?? explanation(status, b.messages);
  const title = REASON_PHRASES[status] ?? "Error";
  const headers = errorPolicy(status, chosen === "html", secondsUntilChange(publishedAll().next, Date.now()));
  if (negotiated) headers.push(["vary", "Accept"]);
  headers.push(["content-language", b.language], ...extra);
  let body: string;
  if (chosen === "json") {
    headers.push(["content-type", "application/problem+json; charset=utf-8"]);
    // `title` is the status's reason phrase, as RFC 9457 §4.2.1 asks of "about:blank";
    // `detail`, for the reader, is in the site's language; `instance` is the path as sent (a
    // URI reference, §3.1.5), not decoded.
    body = JSON.stringify({ type: "about:blank", title, status, detail, instance: rawPath(c.req.url) }, null, 2);
  } else if (chosen === "markdown") {
    headers.push(["content-type", CONTENT_TYPES.markdown]);
    body = b.within(() =>
      errorMarkdown(b.site, b.messages, status, detail, next && { label: next.label, href: next.path("markdown") }),
    );
  } else {
    headers.push(["content-type", CONTENT_TYPES.html]);
    body = why === undefined ? htmlPage(b, status, detail) : renderErrorPage(b, status, detail, next);
  }
  return new Response(body, { status, headers });
}

/**
 * 503 when content could not be read from the assets: a negotiated error the client may retry,
 * never a 200 with part of a page. Its headers (no-store, Retry-After) are the policy's 503
 * (src/worker/http/policy.ts `RETRY_AFTER`).
 */
export function unavailable(c: Context, why?: string): Response {
  return errorResponse(c, 503, why ?? blogOf(c.req.path).messages.text("detail503"));
}

/**
 * 406 (RFC 9110 §15.5.7): nothing we have is acceptable; say what we do have, in the site's
 * language, with their URLs in `links`. A client that takes problem details gets them, like
 * every error; any other takes none of our formats, and gets plain text (the status allows any).
 */
export function notAcceptable(c: Context, links: string): Response {
  const b = blogOf(c.req.path);
  if (errorFormat(c.req.raw).format !== null) return errorResponse(c, 406, availableAs(b.messages), [["link", links]]);
  const headers: [string, string][] = [
    ["content-type", "text/plain; charset=utf-8"],
    ["vary", "Accept"],
    ["content-language", b.language],
    ...policyHeaders("not-acceptable"),
    ["link", links],
  ];
  return new Response(notAcceptableText(b.messages), { status: 406, headers });
}
