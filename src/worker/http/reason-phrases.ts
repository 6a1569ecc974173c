/**
 * The HTTP reason phrases of the statuses the blog answers with: a problem document's `title`
 * when its `type` is about:blank (RFC 9457 §4.2.1), in every language, since the standard names
 * them and clients match on them. The reader's explanation (`detail`) is in the blog's language.
 */
export const REASON_PHRASES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Content Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};
