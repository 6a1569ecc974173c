import { describe, expect, it } from "vitest";
import { errorPolicy } from "../src/worker/http/policy.ts";

/**
 * The 503s are kinds of the one header policy (src/worker/http/policy.ts), like every other answer: no
 * route sets its own Cache-Control or Retry-After. RFC 9110 §15.6.4 and §10.2.3; RFC 9111 §5.2.2.5.
 */

const COMMON = [
  ["strict-transport-security", "max-age=63072000; includeSubDomains"],
  ["x-content-type-options", "nosniff"],
];
const CORS = [
  ["access-control-allow-origin", "*"],
  ["access-control-expose-headers", "ETag, Link, Server-Timing"],
  ["timing-allow-origin", "*"],
  ["cross-origin-resource-policy", "cross-origin"],
];

describe("a 503 in the header policy", () => {
  it("when the assets cannot be read: no cache may keep it, retry in 5 seconds", () => {
    expect(errorPolicy(503, false)).toEqual([["cache-control", "no-store"], ["retry-after", "5"], ...COMMON, ...CORS]);
  });

  it("while the preview's content does not build: retry in a second, the author is saving a fix", () => {
    expect(errorPolicy(503, false, Number.POSITIVE_INFINITY, "build")).toEqual([
      ["cache-control", "no-store"],
      ["retry-after", "1"],
      ...COMMON,
      ...CORS,
    ]);
  });

  it("gives no other error a Retry-After", () => {
    for (const status of [400, 404, 405, 414, 500]) {
      expect(errorPolicy(status, false).map(([name]) => name)).not.toContain("retry-after");
    }
  });
});
