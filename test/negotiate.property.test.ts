import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FORMATS, type Format, MEDIA_TYPES } from "../src/shared/formats.ts";
import { negotiate, parseAccept, qualityOf } from "../src/worker/http/negotiate.ts";
import { accept } from "./arbitraries.ts";

/** The Accept parser's rules (RFC 9110 §12.5.1), checked on generated headers. */

const RUNS = { numRuns: 500 };

const anyText = fc.oneof(accept, fc.string({ unit: "binary", maxLength: 200 }));

const format = fc.constantFrom(...FORMATS);

/** Ranges without parameters: each one's quality is exactly what it says. */
const plainRange = fc
  .tuple(
    fc.constantFrom("text/html", "application/json", "text/markdown", "text/*", "application/*", "*/*", "image/png"),
    fc.constantFrom("0", "0.1", "0.5", "0.999", "1"),
  )
  .map(([range, q]) => ({ range, q: Number(q), text: `${range};q=${q}` }));

describe("Accept parsing", () => {
  it("never throws, and always answers one of the offers or null", () => {
    fc.assert(
      fc.property(anyText, (header) => {
        for (const r of parseAccept(header)) {
          expect(r.q).toBeGreaterThanOrEqual(0);
          expect(r.q).toBeLessThanOrEqual(1);
        }
        // What is chosen is acceptable on its own; null means nothing offered was.
        const chosen = negotiate(header);
        if (chosen !== null) expect(negotiate(header, [chosen])).toBe(chosen);
        else for (const f of FORMATS) expect(negotiate(header, [f])).toBeNull();
      }),
      RUNS,
    );
  });

  it("treats a header with no valid range as */* and serves HTML (§12.5.1)", () => {
    fc.assert(
      fc.property(anyText, (header) => {
        fc.pre(parseAccept(header).length === 0);
        expect(negotiate(header)).toBe("html");
      }),
      RUNS,
    );
  });

  it("never chooses a type its most specific range gives q=0", () => {
    fc.assert(
      fc.property(format, fc.array(plainRange, { maxLength: 6 }), (excluded, rest) => {
        // The exclusion comes first: among equally specific ranges, the first one counts.
        const header = [`${MEDIA_TYPES[excluded]};q=0`, ...rest.map((r) => r.text)].join(", ");
        expect(negotiate(header)).not.toBe(excluded);
      }),
      RUNS,
    );
  });

  it("chooses the offer of highest quality, ties going to the server's order", () => {
    fc.assert(
      fc.property(fc.array(plainRange, { minLength: 1, maxLength: 6 }), (ranges) => {
        const header = ranges.map((r) => r.text).join(", ");
        const parsed = parseAccept(header);
        const q = (f: Format) => qualityOf(parsed, MEDIA_TYPES[f]);
        const best = Math.max(...FORMATS.map(q));
        const chosen = negotiate(header);
        if (best === 0) expect(chosen).toBeNull();
        else expect(chosen).toBe(FORMATS.find((f) => q(f) === best));
      }),
      RUNS,
    );
  });

  it("honours an exact range over a wildcard, whatever their order", () => {
    fc.assert(
      fc.property(format, fc.boolean(), (wanted, exactFirst) => {
        const ranges = [`${MEDIA_TYPES[wanted]};q=0.1`, "*/*;q=0"];
        const header = (exactFirst ? ranges : ranges.reverse()).join(", ");
        expect(negotiate(header)).toBe(wanted);
      }),
    );
  });
});
