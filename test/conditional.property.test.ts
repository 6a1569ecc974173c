import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ifNoneMatchMatches, isNotModified, parseEntityTags, parseHttpDate } from "../src/worker/http/conditional.ts";
import { ifModifiedSince, ifNoneMatch } from "./arbitraries.ts";

/** The If-None-Match rules (RFC 9110 §8.8.3, §13.1.2), checked on generated headers. */

const RUNS = { numRuns: 500 };

/** §8.8.3: etagc = %x21 / %x23-7E / obs-text. */
const etagc = fc.oneof(
  fc.constant("!"),
  fc.integer({ min: 0x23, max: 0x7e }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)),
);
const opaque = fc.string({ unit: etagc, maxLength: 30 });
const weak = fc.boolean();
const tag = (o: string, w: boolean) => `${w ? "W/" : ""}"${o}"`;
const separator = fc.constantFrom(",", ", ", " , ", ",\t", "\t,  ");

const anyText = fc.oneof(ifNoneMatch, fc.string({ unit: "binary", maxLength: 120 }));

describe("If-None-Match parsing", () => {
  it("never throws on any text; a parsed list round-trips, and matching agrees with it", () => {
    fc.assert(
      fc.property(anyText, (header) => {
        const tags = parseEntityTags(header);
        if (Array.isArray(tags)) {
          expect(tags.length).toBeGreaterThan(0);
          // Written back as strong tags, the list parses to itself.
          expect(parseEntityTags(tags.map((t) => `"${t}"`).join(", "))).toEqual(tags);
        }
        const expected = tags === null ? null : tags === "*" || tags.includes("abc");
        expect(ifNoneMatchMatches(header, '"abc"')).toBe(expected);
      }),
      RUNS,
    );
  });

  it("reads back exactly the opaque tags of a generated list", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(opaque, weak), { minLength: 1, maxLength: 8 }), separator, (tags, sep) => {
        const header = tags.map(([o, w]) => tag(o, w)).join(sep);
        expect(parseEntityTags(header)).toEqual(tags.map(([o]) => o));
      }),
      RUNS,
    );
  });

  it("matches whenever the list contains the ETag, weak or strong on either side (weak comparison)", () => {
    fc.assert(
      fc.property(
        opaque,
        weak,
        weak,
        fc.array(fc.tuple(opaque, weak), { maxLength: 4 }),
        fc.array(fc.tuple(opaque, weak), { maxLength: 4 }),
        separator,
        (current, sentWeak, servedWeak, before, after, sep) => {
          const list = [...before, [current, sentWeak] as const, ...after].map(([o, w]) => tag(o, w)).join(sep);
          expect(ifNoneMatchMatches(list, tag(current, servedWeak))).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it("does not match a list without the ETag's opaque value", () => {
    fc.assert(
      fc.property(opaque, fc.array(fc.tuple(opaque, weak), { minLength: 1, maxLength: 6 }), separator, (current, tags, sep) => {
        fc.pre(tags.every(([o]) => o !== current));
        expect(ifNoneMatchMatches(tags.map(([o, w]) => tag(o, w)).join(sep), tag(current, false))).toBe(false);
      }),
      RUNS,
    );
  });

  it("matches * against any ETag", () => {
    fc.assert(
      fc.property(opaque, weak, fc.constantFrom("*", " *", "* ", "\t*\t"), (o, w, star) => {
        expect(ifNoneMatchMatches(star, tag(o, w))).toBe(true);
      }),
    );
  });

  it("ignores a malformed header: null, so the full response is sent (§13.1)", () => {
    fc.assert(
      fc.property(opaque, fc.constantFrom('"', "W/", "'x'", "a", '"a" "b"', 'w/"a"', '"a" x'), (o, junk) => {
        expect(ifNoneMatchMatches(junk, tag(o, false))).toBeNull();
      }),
    );
  });
});

describe("If-Modified-Since", () => {
  it("never throws, and is ignored whenever If-None-Match is valid (§13.2.2)", () => {
    fc.assert(
      fc.property(ifModifiedSince, opaque, (since, o) => {
        // Invalid, or whole seconds: HTTP dates have no finer precision (§5.6.7).
        const date = parseHttpDate(since);
        expect(Number.isNaN(date) || date % 1000 === 0).toBe(true);
        const headers = new Headers({ "if-none-match": '"other"', "if-modified-since": since });
        expect(isNotModified(headers, { etag: tag(o === "other" ? "x" : o, false), lastModified: 0 })).toBe(false);
      }),
      RUNS,
    );
  });

  it("reads every IMF-fixdate back to the same instant", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true }),
        (d) => {
          const seconds = Math.floor(d.getTime() / 1000) * 1000;
          expect(parseHttpDate(new Date(seconds).toUTCString())).toBe(seconds);
        },
      ),
      RUNS,
    );
  });
});
