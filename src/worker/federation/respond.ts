import { ifNoneMatchMatches } from "../http/conditional.ts";
import { policyHeaders } from "../http/policy.ts";
import { REASON_PHRASES } from "../http/reason-phrases.ts";
import { strongEtag } from "../http/representation.ts";

/**
 * Federation's answers: JSON documents with a strong ETag and 304s (the policy headers of all
 * public data), and problems as RFC 9457 documents. Fediverse servers fetch actors and posts
 * often; validators make a refetch cheap.
 */

const encoder = new TextEncoder();

export async function jsonDocument(
  request: Request,
  value: unknown,
  options: { contentType: string; cacheControl: string; vary?: boolean },
): Promise<Response> {
  const body = encoder.encode(`${JSON.stringify(value)}\n`) as Uint8Array<ArrayBuffer>;
  const etag = await strongEtag(body);
  const headers = new Headers(policyHeaders("data") as [string, string][]);
  headers.set("content-type", options.contentType);
  headers.set("cache-control", options.cacheControl);
  headers.set("etag", etag);
  if (options.vary) headers.set("vary", "Accept");
  const inm = request.headers.get("if-none-match");
  if (inm !== null && ifNoneMatchMatches(inm, etag) === true) return new Response(null, { status: 304, headers });
  if (request.method === "HEAD") {
    headers.set("content-length", String(body.byteLength));
    return new Response(null, { headers });
  }
  return new Response(body, { headers });
}

/** A problem document: the reason phrase as title (RFC 9457 §4.2.1), what went wrong as detail. */
export function problem(status: number, detail: string, extra: [string, string][] = []): Response {
  const headers = new Headers([...(policyHeaders("error-data") as [string, string][]), ...extra]);
  headers.set("content-type", "application/problem+json; charset=utf-8");
  headers.set("cache-control", "no-store");
  return new Response(`${JSON.stringify({ type: "about:blank", title: REASON_PHRASES[status] ?? "Error", status, detail })}\n`, {
    status,
    headers,
  });
}
