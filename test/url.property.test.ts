import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hostOf, isLocalHost, needsHttps } from "../src/worker/http/url.ts";

/**
 * The host checks that run before every first request are string work, not `new URL()`: they must
 * agree with the URL parser on every URL workerd can hand the Worker (request.url is normalised).
 */

const url = fc
  .webUrl({
    validSchemes: ["http", "https"],
    authoritySettings: { withIPv4: true, withIPv6: true, withIPv4Extended: true, withPort: true, withUserInfo: true },
    withQueryParameters: true,
    withFragments: true,
  })
  .map((u) => new URL(u).href);

describe("hostOf", () => {
  it("is URL.hostname for any normalised http(s) URL", () => {
    fc.assert(
      fc.property(url, (u) => {
        expect(hostOf(u)).toBe(new URL(u).hostname);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ["http://localhost:8787/posts/x", "localhost"],
    ["http://user:pass@blog.example:80/a@b", "blog.example"],
    ["http://[::1]:8787/", "[::1]"],
    ["https://blog.example?q=a/b", "blog.example"],
    ["https://blog.example#x:y", "blog.example"],
  ])("%s → %s", (u, host) => {
    expect(hostOf(u)).toBe(host);
  });
});

describe("isLocalHost and needsHttps", () => {
  it.each(["localhost", "blog.localhost", "127.0.0.1", "127.1.2.3", "[::1]", "::1"])("%s is local", (host) => {
    expect(isLocalHost(host)).toBe(true);
    expect(needsHttps(`http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:8787/`, false)).toBe(false);
  });

  it.each(["blog.example", "127.example.com", "127.0.0.1.example", "128.0.0.1", "localhost.example", "127.0.0"])(
    "%s is public: plain HTTP moves to HTTPS",
    (host) => {
      expect(isLocalHost(host)).toBe(false);
      expect(needsHttps(`http://${host}/posts/x`, false)).toBe(true);
    },
  );

  it("leaves HTTPS and the preview alone", () => {
    expect(needsHttps("https://blog.example/", false)).toBe(false);
    expect(needsHttps("http://blog.example/", true)).toBe(false);
  });
});
