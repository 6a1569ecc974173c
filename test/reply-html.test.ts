import fc from "fast-check";
import { type DefaultTreeAdapterTypes, parse } from "parse5";
import { describe, expect, it } from "vitest";
import { replyHtml } from "../src/worker/federation/reply-html.ts";

/**
 * A reply's HTML rebuilt for the page (src/worker/federation/reply-html.ts), in workerd, whose
 * HTMLRewriter it uses. The examples are what Mastodon sends and what an attacker would; the
 * property runs arbitrary tag soup through it and parses the result as a browser would.
 */

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

describe("a reply's HTML", () => {
  it("keeps a Mastodon reply's paragraphs, breaks, mention and link; drops its spans and hidden parts", async () => {
    const mastodon =
      '<p><span class="h-card" translate="no"><a href="https://blog.example/actor" class="u-url mention">@<span>blog</span></a></span> Lovely post!<br />Two lines.</p>' +
      '<p>See <a href="https://www.example.com/a/very/long/path" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">https://www.</span><span class="ellipsis">example.com/a/very</span><span class="invisible">/long/path</span></a> &amp; more</p>';
    expect(await replyHtml(mastodon)).toBe(
      '<p><a href="https://blog.example/actor" rel="nofollow ugc noopener">@blog</a> Lovely post!<br>Two lines.</p>' +
        '<p>See <a href="https://www.example.com/a/very/long/path" rel="nofollow ugc noopener">example.com/a/very</a> &amp; more</p>',
    );
  });

  it("drops scripts, styles, images, frames and foreign content with all they hold", async () => {
    const hostile =
      "<p>Hi<script>alert(1)</script><style>p{}</style><img src=x onerror=alert(2)>" +
      "<textarea></p><script>alert(3)</script></textarea>" +
      "<svg><![CDATA[</p><script>alert(4)</script>]]></svg>" +
      "<iframe src=https://evil.example></iframe> there</p>";
    expect(await replyHtml(hostile)).toBe("<p>Hi there</p>");
  });

  it("keeps only http(s) links, and no attribute but the href it writes", async () => {
    expect(
      await replyHtml(
        '<p><a href="javascript:alert(1)">a</a> <a href="data:text/html,x">b</a> <a href="https://ok.example/?q=&quot;x&quot;" onclick="x()" style="color:red">c</a></p>',
      ),
    ).toBe('<p>a b <a href="https://ok.example/?q=%22x%22" rel="nofollow ugc noopener">c</a></p>');
  });

  it("is balanced whatever it was given: an unclosed link or a stray end tag stays inside the reply", async () => {
    expect(await replyHtml('<p>open <a href="https://x.example/">link')).toBe(
      '<p>open <a href="https://x.example/" rel="nofollow ugc noopener">link</a></p>',
    );
    expect(await replyHtml("</div></section><p>text</p></body>")).toBe("<p>text</p>");
    // Text outside any paragraph, and blank paragraphs.
    expect(await replyHtml("just text<p> </p><p><br></p>")).toBe("<p>just text</p>");
  });

  it("for any input, the page around it parses as if the reply were not there", async () => {
    const tag = fc.constantFrom(
      "<p>",
      "</p>",
      "<a href=https://a.example/>",
      '<a href="javascript:x">',
      "</a>",
      "<br>",
      "<br/>",
      "<div>",
      "</div>",
      "<script>",
      "</script>",
      "<style>",
      "<svg>",
      "</svg>",
      "<svg/>",
      "<![CDATA[",
      "]]>",
      "<textarea>",
      "</textarea>",
      "<!--",
      "-->",
      "<b>",
      "<img src=x onerror=y>",
      '<span class="invisible">',
      "</span>",
      "<table>",
      "<td>",
      "&amp;",
      "&",
      "<",
      ">",
      '"',
      "x",
      " ",
    );
    await fc.assert(
      fc.asyncProperty(fc.array(tag, { maxLength: 30 }), async (parts) => {
        const html = await replyHtml(parts.join(""));
        // Only the tags it writes.
        expect(html.replace(/<\/?p>|<br>|<a href="https?:[^"<>]*" rel="nofollow ugc noopener">|<\/a>/g, "")).not.toMatch(/</);
        // In a page, the reply stays inside its container: the element after it is its sibling.
        const doc = parse(`<!DOCTYPE html><body><div id="reply">${html}</div><p id="after">after</p></body>`);
        const body = find(doc, (e) => e.tagName === "body") as Element;
        const ids = body.childNodes.filter(isElement).map((e) => e.attrs.find((a) => a.name === "id")?.value);
        expect(ids).toEqual(["reply", "after"]);
        const after = find(doc, (e) => e.attrs.some((a) => a.value === "after")) as Element;
        expect(after.childNodes.map((n) => n.nodeName)).toEqual(["#text"]);
      }),
      { numRuns: 300 },
    );
  });
});

const isElement = (n: Node): n is Element => "tagName" in n;
function find(node: Node, test: (e: Element) => boolean): Element | undefined {
  if (isElement(node) && test(node)) return node;
  for (const child of "childNodes" in node ? node.childNodes : []) {
    const found = find(child, test);
    if (found) return found;
  }
  return undefined;
}
