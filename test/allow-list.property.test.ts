import fc from "fast-check";
import { type DefaultTreeAdapterTypes, parseFragment } from "parse5";
import { describe, expect, it } from "vitest";
import { checkHtml, HTML_ELEMENTS, MATHML_ELEMENTS } from "../src/build/content/sanitize.ts";

/**
 * The sanitiser's allow-list (src/build/content/sanitize.ts) against the HTML standard's lists, not
 * against the examples its other tests picked: every element it allows, with every event
 * handler attribute and every attribute that holds a URL, must be refused. Adding `onclick` to
 * `<img>`'s attributes, or `poster` to anything without a scheme check, fails here.
 */

/** HTML Living Standard §8.1.8.2 "Event handlers on elements, Document objects, and Window objects". */
const EVENT_HANDLERS = [
  "onabort",
  "onafterprint",
  "onauxclick",
  "onbeforeinput",
  "onbeforematch",
  "onbeforeprint",
  "onbeforetoggle",
  "onbeforeunload",
  "onblur",
  "oncancel",
  "oncanplay",
  "oncanplaythrough",
  "onchange",
  "onclick",
  "onclose",
  "oncontextlost",
  "oncontextmenu",
  "oncontextrestored",
  "oncopy",
  "oncuechange",
  "oncut",
  "ondblclick",
  "ondrag",
  "ondragend",
  "ondragenter",
  "ondragleave",
  "ondragover",
  "ondragstart",
  "ondrop",
  "ondurationchange",
  "onemptied",
  "onended",
  "onerror",
  "onfocus",
  "onformdata",
  "onhashchange",
  "oninput",
  "oninvalid",
  "onkeydown",
  "onkeypress",
  "onkeyup",
  "onlanguagechange",
  "onload",
  "onloadeddata",
  "onloadedmetadata",
  "onloadstart",
  "onmessage",
  "onmessageerror",
  "onmousedown",
  "onmouseenter",
  "onmouseleave",
  "onmousemove",
  "onmouseout",
  "onmouseover",
  "onmouseup",
  "onoffline",
  "ononline",
  "onpagehide",
  "onpagereveal",
  "onpageshow",
  "onpageswap",
  "onpaste",
  "onpause",
  "onplay",
  "onplaying",
  "onpopstate",
  "onprogress",
  "onratechange",
  "onreset",
  "onresize",
  "onrejectionhandled",
  "onscroll",
  "onscrollend",
  "onsecuritypolicyviolation",
  "onseeked",
  "onseeking",
  "onselect",
  "onslotchange",
  "onstalled",
  "onstorage",
  "onsubmit",
  "onsuspend",
  "ontimeupdate",
  "ontoggle",
  "onunhandledrejection",
  "onunload",
  "onvolumechange",
  "onwaiting",
  "onwheel",
];

/** Attributes that hold a URL in HTML, SVG or MathML, current or obsolete (HTML's index, §16 obsolete features). */
const URL_ATTRIBUTES = [
  "href",
  "src",
  "srcset",
  "imagesrcset",
  "cite",
  "action",
  "formaction",
  "poster",
  "xlink:href",
  "background",
  "longdesc",
  "data",
  "codebase",
  "classid",
  "archive",
  "ping",
  "manifest",
  "icon",
  "lowsrc",
  "dynsrc",
  "usemap",
  "itemid",
  "itemtype",
  "profile",
  "attributionsrc",
];

interface Target {
  tag: string;
  /** The markup with the attribute written in: `<img ATTR>` or `<math><mi ATTR></mi></math>`. */
  markup: (attribute: string) => string;
}

/**
 * Every allowed element, written where the parser builds it in its namespace: MathML directly
 * inside `<math>` (never inside a token element such as `<mi>`, whose children are HTML), HTML
 * in a `<template>`'s context ("any"), where even `<td>` and `<source>` stand on their own.
 */
const TARGETS: Target[] = [
  ...[...HTML_ELEMENTS].map((tag) => ({ tag, markup: (a: string) => `<${tag} ${a}>x</${tag}>` })),
  ...[...MATHML_ELEMENTS].map((tag) => ({
    tag,
    markup: (a: string) => (tag === "math" ? `<math ${a}><mi>x</mi></math>` : `<math><${tag} ${a}></${tag}></math>`),
  })),
];

type Element = DefaultTreeAdapterTypes.Element;
const elements = (node: DefaultTreeAdapterTypes.ParentNode): Element[] =>
  node.childNodes.flatMap((n) => ("tagName" in n ? [n, ...elements(n)] : []));

/** The messages for `markup`, after checking the parser really put `attribute` on `<tag>` (else the test proves nothing). */
function messagesFor(target: Target, attribute: string, value: string): string[] {
  const markup = target.markup(`${attribute}="${value}"`);
  const name = attribute.toLowerCase();
  const built = elements(parseFragment(markup)).find((e) => e.tagName === target.tag);
  const attrs = built?.attrs.map((a) => (a.prefix ? `${a.prefix}:${a.name}` : a.name)) ?? [];
  expect(attrs, `${markup} builds <${target.tag} ${name}>`).toContain(name);
  return checkHtml(markup, "any").problems.map((p) => p.message);
}

const refused = (attribute: string, tag: string) => `${attribute.toLowerCase()} attribute on <${tag}> is not allowed in a post`;

describe("event handler attributes", () => {
  it("every one in the HTML standard is refused on every allowed element", () => {
    for (const target of TARGETS) {
      for (const handler of EVENT_HANDLERS) {
        expect(messagesFor(target, handler, "alert(1)"), `${handler} on <${target.tag}>`).toContain(refused(handler, target.tag));
      }
    }
  });

  it("so is any on… name, in any case (property)", () => {
    const handler = fc
      .tuple(
        fc.constantFrom("on", "On", "ON", "oN"),
        fc.string({
          unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"),
          minLength: 1,
          maxLength: 20,
        }),
      )
      .map(([on, rest]) => on + rest);
    fc.assert(
      fc.property(fc.constantFrom(...TARGETS), handler, (target, name) => {
        expect(messagesFor(target, name, "alert(1)")).toContain(refused(name, target.tag));
      }),
      { numRuns: 2000 },
    );
  });
});

/** A character as a browser's HTML parser would read it back: itself, or a numeric or named character reference. */
function encoded(c: string, how: number): string {
  const named: Record<string, string> = { ":": "&colon;", "\t": "&Tab;", "\n": "&NewLine;" };
  if (how === 1) return `&#${c.charCodeAt(0)};`;
  if (how === 2) return `&#x${c.charCodeAt(0).toString(16)};`;
  if (how === 3 && named[c]) return named[c];
  return c;
}

/**
 * `javascript:` and `data:` URLs as an attacker would spell them: any case, C0 controls and
 * spaces before the scheme, tabs and newlines inside it (the URL parser strips both), and any
 * character as a character reference. In a `srcset`, where whitespace separates candidates,
 * only the spellings that keep the URL in one piece.
 */
const badUrl = (srcset: boolean) =>
  fc
    .record({
      scheme: fc.constantFrom("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "data:image/svg+xml,x"),
      upper: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
      prefix: fc.array(fc.integer({ min: srcset ? 1 : 1, max: srcset ? 8 : 0x20 }), { maxLength: 3 }),
      breaks: fc.array(fc.tuple(fc.nat(9), fc.constantFrom("\t", "\n", "\r")), { maxLength: srcset ? 0 : 3 }),
      entities: fc.array(fc.nat(3), { minLength: 60, maxLength: 60 }),
    })
    .map(({ scheme, upper, prefix, breaks, entities }) => {
      const colon = scheme.indexOf(":");
      let name = [...scheme.slice(0, colon)].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join("");
      for (const [at, c] of breaks) name = name.slice(0, at % (name.length + 1)) + c + name.slice(at % (name.length + 1));
      const chars = [...prefix.map((c) => String.fromCharCode(c)), ...name, ":"];
      // Only the scheme is encoded: the rest never matters to what the URL is.
      const head = chars.map((c, i) => (srcset && /\s/.test(c) ? c : encoded(c, entities[i] ?? 0))).join("");
      return { value: head + scheme.slice(colon + 1).replace(/"/g, "&quot;"), scheme: scheme.slice(0, colon) };
    });

describe("URL attributes", () => {
  it("every one with a javascript: URL is refused on every allowed element", () => {
    for (const target of TARGETS) {
      for (const attribute of URL_ATTRIBUTES) {
        const messages = messagesFor(target, attribute, "javascript:alert(1)");
        expect(messages, `${attribute} on <${target.tag}>`).toEqual(
          expect.arrayContaining([
            expect.toBeOneOf([
              refused(attribute, target.tag),
              `javascript: URL in ${attribute} on <${target.tag}> is not allowed in a post`,
            ]),
          ]),
        );
      }
    }
  });

  it("however the javascript: or data: URL is spelt (property)", () => {
    const attribute = fc.constantFrom(...URL_ATTRIBUTES);
    fc.assert(
      fc.property(
        fc.constantFrom(...TARGETS),
        attribute.chain((a) => fc.tuple(fc.constant(a), badUrl(a === "srcset" || a === "imagesrcset"), fc.boolean())),
        (target, [name, url, second]) => {
          // In a srcset, the bad URL may be the second candidate.
          const value = second && name.endsWith("srcset") ? `a.png 1x, ${url.value} 2x` : url.value;
          const messages = messagesFor(target, name, value);
          expect(messages).toEqual(
            expect.arrayContaining([
              expect.toBeOneOf([
                refused(name, target.tag),
                `${url.scheme.toLowerCase()}: URL in ${name} on <${target.tag}> is not allowed in a post`,
              ]),
            ]),
          );
        },
      ),
      { numRuns: 3000 },
    );
  });
});
