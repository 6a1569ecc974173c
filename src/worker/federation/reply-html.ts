/**
 * A reply's HTML, as the blog shows it: paragraphs, line breaks and links, nothing else. A reply
 * is written by anyone on any server, so it is rebuilt rather than filtered: HTMLRewriter (the
 * Workers runtime's own streaming HTML parser, lol-html) reads the remote HTML, and this module
 * writes new HTML from what it read: text as it was, in paragraphs, with links to http(s) URLs
 * marked `nofollow ugc`. Since every tag in the result is one this module wrote, the result is
 * balanced, whatever the input: an unclosed `<a>` or a stray `</div>` cannot reach into the page
 * around it. Stricter than a post's allow-list: no images, no formatting, no classes.
 *
 * Text is copied as the source wrote it (entities stay entities). That is safe only for text the
 * parser read as ordinary content, so every element whose content is not ordinary text (script,
 * style, textarea, foreign SVG and MathML with their CDATA…) is dropped with all it contains, as
 * is Mastodon's `invisible` span (the scheme and tail of a long link, which it hides with CSS).
 */
import { attributeValue } from "./attribute-value.ts";

/** Elements dropped with their content: raw text, foreign content, and things a reply cannot show. */
const DROPPED = [
  "script",
  "style",
  "xmp",
  "iframe",
  "noembed",
  "noframes",
  "noscript",
  "textarea",
  "title",
  "plaintext",
  "svg",
  "math",
  "template",
  "object",
  "select",
  "video",
  "audio",
  "canvas",
  "head",
];

/** Elements that end a paragraph, and start a new one. */
const BLOCKS = ["p", "div", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "tr"];

/**
 * Runs `handler` at the element's end tag; false when it has none (`<svg/>`, a void element):
 * then it holds nothing either.
 */
function atEnd(el: Element, handler: () => void): boolean {
  try {
    el.onEndTag(handler);
    return true;
  } catch {
    return false;
  }
}

const escapeAttribute = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** An http(s) URL, as the link's href, or undefined. */
function safeHref(href: string | null): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The reply's HTML rebuilt as paragraphs of text, line breaks and links. */
export async function replyHtml(raw: string): Promise<string> {
  const paragraphs: string[] = [];
  let current = "";
  let hasText = false;
  let linkOpen = false;
  /** Inside a dropped element: its text is not shown. */
  let skipping = 0;

  const closeLink = () => {
    if (linkOpen) current += "</a>";
    linkOpen = false;
  };
  const endParagraph = () => {
    closeLink();
    // A paragraph of only breaks and blank links is no paragraph.
    if (hasText) paragraphs.push(`<p>${current.replace(/(<br>\s*)+$/, "")}</p>`);
    current = "";
    hasText = false;
  };

  const rewriter = new HTMLRewriter()
    .on(`${DROPPED.join(",")},span.invisible`, {
      element(el) {
        if (atEnd(el, () => skipping--)) skipping++;
      },
    })
    .on(BLOCKS.join(","), {
      element(el) {
        if (skipping > 0) return;
        endParagraph();
        atEnd(el, () => {
          if (skipping === 0) endParagraph();
        });
      },
    })
    .on("br", {
      element() {
        if (skipping === 0 && hasText) current += "<br>";
      },
    })
    .on("a", {
      element(el) {
        if (skipping > 0) return;
        closeLink();
        const href = safeHref(attributeValue(el.getAttribute("href") ?? ""));
        if (href && atEnd(el, closeLink)) {
          current += `<a href="${escapeAttribute(href)}" rel="nofollow ugc noopener">`;
          linkOpen = true;
        }
      },
    })
    .onDocument({
      text(chunk) {
        if (skipping > 0 || chunk.text === "") return;
        // A `<` or `>` in text was never a tag (the parser would have made it one): written as
        // references, so the result holds no angle bracket this module did not write.
        current += chunk.text.replace(/</g, "&lt;").replace(/>/g, "&gt;");
        if (/\S/.test(chunk.text)) hasText = true;
      },
    });
  // The rewriter is a stream transform; only the handlers' record matters, not its output.
  await rewriter.transform(new Response(raw)).arrayBuffer();
  endParagraph();
  return paragraphs.join("");
}
