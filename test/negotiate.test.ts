import { describe, expect, it } from "vitest";
import type { Format } from "../src/shared/formats.ts";
import { errorFormat, negotiate, negotiateAll, parseAccept, qualityOf } from "../src/worker/http/negotiate.ts";

// RFC 9110 §12.5.1. Offers in server preference order: HTML > JSON > Markdown.
const table: [string | null, Format | null][] = [
  [null, "html"],
  ["", "html"],
  ["   ", "html"],
  ["*/*", "html"],
  ["text/html", "html"],
  ["application/json", "json"],
  ["text/markdown", "markdown"],
  ["TEXT/HTML", "html"],
  ["Application/JSON", "json"],
  ["text/*", "html"],
  ["application/*", "json"],
  ["text/*;q=0.5, text/markdown", "markdown"],
  ["application/json;q=0.9, text/html;q=0.8", "json"],
  ["text/html;q=0.8, application/json;q=0.8", "html"],
  ["application/json, text/markdown", "json"],
  ["text/markdown, application/json;q=1.0", "json"],
  ["text/html;q=0, */*", "json"],
  ["text/html;q=0, application/json;q=0, */*", "markdown"],
  ["text/html;q=0, application/json;q=0, text/markdown;q=0", null],
  ["*/*;q=0", null],
  ["image/png", null],
  ["image/*, application/xml", null],
  ["text/*;q=0, application/json;q=0.1", "json"],
  ["*/*;q=0.1, text/markdown", "markdown"],
  ["text/html;q=0.001, application/json;q=0.002", "json"],
  ["application/json; charset=utf-8", "json"],
  ["application/json; charset=iso-8859-1, text/markdown;q=0.1", "markdown"],
  ["text/html;level=1", null],
  // Browsers
  ["text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8", "html"],
  ["text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "html"],
  // curl, HTTPie, fetch()
  ["application/json, */*;q=0.5", "json"],
  // axios's default: JSON and HTML (via */*) tie at q=1, and ties go to the server's order.
  ["application/json, text/plain, */*", "html"],
  // Malformed: ignored, so HTML
  ["garbage", "html"],
  ["text/", "html"],
  ["/json", "html"],
  ["*/json", "html"],
  ["application/json;q=2", "html"],
  ["application/json;q=abc", "html"],
  ["application/json;q=0.5000", "html"],
  [";;;,,,", "html"],
  // Malformed members are skipped, valid ones still count
  ["nonsense, application/json", "json"],
  ["application/json;q=x, text/markdown", "markdown"],
  // Parameters after q are accept-ext, not media type parameters
  ["application/json;q=0.5;foo=bar", "json"],
  // Whitespace variations
  ["  application/json  ;  q=0.7 , text/markdown ; q=0.6", "json"],
];

describe("negotiate (RFC 9110 §12.5.1)", () => {
  it.each(table)("Accept: %j → %s", (accept, expected) => {
    expect(negotiate(accept)).toBe(expected);
    expect(negotiateAll(accept)).toBe(expected);
  });

  it("uses the most specific matching range's quality", () => {
    const ranges = parseAccept("text/*;q=0.3, text/html;q=0.7, text/html;level=1, */*;q=0.5");
    expect(qualityOf(ranges, "text/html")).toBe(0.7);
    expect(qualityOf(ranges, "text/markdown")).toBe(0.3);
    expect(qualityOf(ranges, "application/json")).toBe(0.5);
  });

  it("negotiates among a subset of offers", () => {
    expect(negotiate("text/html", ["json", "markdown"])).toBeNull();
    expect(negotiate("*/*", ["markdown"])).toBe("markdown");
    expect(negotiate("*/*", [])).toBeNull();
  });
});

describe("errorFormat: the format of every error", () => {
  const request = (path: string, accept?: string) =>
    new Request(`http://localhost${path}`, accept === undefined ? {} : { headers: { accept } });

  it.each([
    ["/posts/x.json", "text/html", "json"],
    ["/posts/x.md", "application/json", "markdown"],
    ["/posts/%00.json", "image/png", "json"],
    ["/feed.json?x=.md", undefined, "json"],
  ] as const)("%s (Accept: %s) → %s, whatever Accept says, not negotiated", (path, accept, format) => {
    expect(errorFormat(request(path, accept))).toEqual({ format, negotiated: false });
  });

  // [Accept, an error's format, a page's]: problem details are JSON's error form (RFC 9457 §3),
  // named or reached by a wildcard, but no representation of a page.
  it.each([
    [undefined, "html", "html"],
    ["application/json", "json", "json"],
    ["text/markdown", "markdown", "markdown"],
    ["application/problem+json", "json", null],
    ["image/png, application/*", "json", "json"],
    ["application/json;q=0, application/problem+json", "json", null],
    ["application/problem+json;q=0, image/png", null, null],
    ["image/png", null, null],
    // Preferred to the page's format, problem details make an error JSON; a tie keeps the page's.
    ["application/problem+json, text/html;q=0.5", "json", "html"],
    ["application/problem+json, */*;q=0.1", "json", "html"],
    ["text/markdown, application/problem+json;q=0.9", "markdown", "markdown"],
    ["*/*", "html", "html"],
    ["text/html, application/problem+json", "html", "html"],
  ] as const)("a negotiated URL (Accept: %s): an error → %s, a page → %s", (accept, error, page) => {
    expect(errorFormat(request("/posts/x", accept))).toEqual({ format: error, negotiated: true });
    expect(negotiateAll(accept ?? null)).toBe(page);
  });
});
