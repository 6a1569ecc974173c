import { type DefaultTreeAdapterTypes, html as H, type ParserError, parseFragment, serialize } from "parse5";
import { EMBED_ALLOW, EMBED_REFERRER, EMBED_SANDBOX, isEmbedSrc } from "../../shared/embeds.ts";
import { checkMathAttribute, checkMathStyleLengths } from "./math-limits.ts";

/**
 * The allow-list for the HTML of a post, checked with parse5 — a parser that follows the WHATWG
 * HTML parsing algorithm, so we judge the tree a browser (or a feed reader) would build, not a
 * regex's guess at it. Anything outside the list is a problem to report, never silently removed:
 * the author learns at build time instead of finding a post that quietly lost a part.
 *
 * A clean fragment is re-serialised from the parsed tree: unclosed elements are closed and stray
 * end tags (`</div></article>`) dropped, so a post can never reach outside the element it is
 * placed in, on the page or in a feed.
 *
 * Pure and free of Node APIs: it runs in the build script and inside workerd in the tests.
 */

type Element = DefaultTreeAdapterTypes.Element;
type ParentNode = DefaultTreeAdapterTypes.ParentNode;
type ChildNode = DefaultTreeAdapterTypes.ChildNode;

export interface HtmlProblem {
  /** The complaint, without position: also the key that matches it to a source location. */
  message: string;
  /** 1-based line in the checked HTML where the element, attribute or comment starts. */
  line: number;
}

export interface CheckedHtml {
  /** The fragment re-serialised from its parsed tree (well-formed); only meaningful without problems. */
  html: string;
  problems: HtmlProblem[];
}

/** What a post may use: GFM output, common authoring, marked-footnote and Temml (MathML). */
export const HTML_ELEMENTS: ReadonlySet<string> = new Set(
  (
    "a abbr aside b bdi bdo blockquote br caption cite code col colgroup dd del details dfn div dl dt em " +
    "figcaption figure h1 h2 h3 h4 h5 h6 hr i iframe img input ins kbd li mark ol p picture pre q rp rt ruby s samp " +
    "section small source span strong sub summary sup table tbody td tfoot th thead time tr track u ul var video audio wbr"
  ).split(" "),
);

/** On any HTML element. */
export const HTML_GLOBAL: ReadonlySet<string> = new Set([
  "id",
  "class",
  "title",
  "lang",
  "dir",
  "aria-label",
  "aria-labelledby",
  "aria-describedby",
  "aria-hidden",
]);

/** Per element, on top of the global ones. */
export const HTML_ATTRIBUTES: Readonly<Record<string, ReadonlySet<string>>> = {
  // data-footnote-*: marked-footnote's references and back-references.
  a: new Set(["href", "rel", "hreflang", "data-footnote-ref", "data-footnote-backref"]),
  // srcset, sizes and <picture>'s <source>: a folder post's images at several widths and formats.
  img: new Set(["src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"]),
  source: new Set(["type", "srcset", "sizes"]),
  ol: new Set(["start", "reversed", "type"]),
  li: new Set(["value"]),
  td: new Set(["align", "colspan", "rowspan"]),
  th: new Set(["align", "colspan", "rowspan", "scope", "abbr"]),
  col: new Set(["span"]),
  colgroup: new Set(["span"]),
  blockquote: new Set(["cite"]),
  q: new Set(["cite"]),
  del: new Set(["cite", "datetime"]),
  ins: new Set(["cite", "datetime"]),
  time: new Set(["datetime"]),
  details: new Set(["open"]),
  // GFM task lists: `<input checked="" disabled="" type="checkbox">`.
  input: new Set(["type", "checked", "disabled"]),
  section: new Set(["data-footnotes"]),
  // role="note" only (checked below): alerts (alerts.ts), which are notes, not landmarks.
  aside: new Set(["role"]),
  // Only the video embeds the build makes (src/shared/embeds.ts), exactly as it makes them (checked below).
  iframe: new Set(["src", "title", "width", "height", "loading", "sandbox", "allow", "referrerpolicy"]),
  // Only a folder post's own video and audio, exactly as the build makes them (checked below).
  video: new Set(["src", "poster", "width", "height", "controls", "preload"]),
  audio: new Set(["src", "controls", "preload"]),
  track: new Set(["kind", "src", "srclang", "label"]),
};

/** The elements a folder post's `![…](./clip.mp4)` becomes (src/build/content/media.ts). */
const PLAYER = new Set(["video", "audio", "track"]);
/** A file the build published: `/media/<hash12>/<name>` (src/build/content/media.ts). */
const PUBLISHED = /^\/media\/[0-9a-f]{12}\/[A-Za-z0-9._-]+$/;

/**
 * The prefix of every id the layout gives its own elements (src/worker/views: `site:main`, the skip
 * link's target, `site:related`…); marked-footnote's ids are `fn:…` and heading ids never hold
 * a colon. An id a post writes may not start with it, or the skip link and the page's own
 * anchors could land in the post.
 */
export const LAYOUT_ID_PREFIX = "site:";

/** Attributes that hold a URL, and so must use a safe scheme (`srcset` holds several). */
const URL_ATTRIBUTES = new Set(["href", "src", "cite", "srcset", "poster"]);
/** http, https, mailto; a URL with no scheme is relative (`/x`, `x.png`, `#fragment`). */
const SAFE_SCHEMES = new Set(["http", "https", "mailto"]);

/** MathML Core presentation elements, as Temml writes them. */
export const MATHML_ELEMENTS: ReadonlySet<string> = new Set(
  (
    "math mrow mi mo mn ms mtext mspace msup msub msubsup mfrac msqrt mroot mover munder munderover " +
    "mtable mtr mtd mstyle mpadded mphantom menclose semantics annotation mmultiscripts mprescripts none merror"
  ).split(" "),
);

/** Presentation attributes only: nothing here is a URL, a script or an action (plus `style`, below). */
export const MATHML_ATTRIBUTES: ReadonlySet<string> = new Set(
  (
    "id class dir display alttext mathvariant mathsize mathcolor mathbackground stretchy fence separator form " +
    "lspace rspace minsize maxsize symmetric largeop movablelimits width height depth voffset " +
    "columnalign rowalign columnspacing rowspacing columnlines rowlines frame framespacing equalrows equalcolumns " +
    "columnspan rowspan scriptlevel displaystyle accent accentunder linethickness notation side encoding"
  ).split(" "),
);

/**
 * Temml writes a few inline styles (display math, matrix padding, colours). The page's CSP
 * ignores them anyway; elsewhere (feeds, JSON) only these plain properties with plain values
 * (no functions, so no `url()`) may appear.
 */
const MATHML_STYLE_PROPERTY =
  /^(?:display|padding(?:-(?:top|right|bottom|left))?|border(?:-(?:top|right|bottom|left))?|math-depth|math-style|color|background-color|width|height|text-align)$/;
const PLAIN_CSS_VALUE = /^[a-z0-9#%.\s-]*$/i;

/** The problem with a MathML `style` on `<tag>` at font size `scale`, or undefined when it is plain and small. */
function mathStyleProblem(tag: string, value: string, scale: number): string | undefined {
  const declarations = value
    .split(";")
    .map((d) => d.trim())
    .filter((d) => d !== "");
  const plain = declarations.every((d) => {
    const colon = d.indexOf(":");
    if (colon < 0) return false;
    return MATHML_STYLE_PROPERTY.test(d.slice(0, colon).trim().toLowerCase()) && PLAIN_CSS_VALUE.test(d.slice(colon + 1));
  });
  if (!plain) return notAllowed(`style "${value}" on <${tag}>`);
  return declarations.map((d) => checkMathStyleLengths(tag, d, scale)).find((p) => p !== undefined);
}

/**
 * The scheme of a URL as a browser reads it (URL Standard: leading and trailing C0 controls and
 * spaces are stripped, tabs and newlines removed anywhere), lower-cased; undefined if relative.
 * Entity references were already decoded by the parser, so `java&#115;cript:` is caught too.
 */
export function urlScheme(value: string): string | undefined {
  const v = value.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+/, "");
  return /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(v)?.[1]?.toLowerCase();
}

/**
 * The URLs of a `srcset` ("a.avif 640w, b.avif 1280w"), as the HTML standard's parser splits it
 * (§4.8.4.3.10): a URL is a run without ASCII whitespace (trailing commas end it); its descriptors run
 * to the next comma outside parentheses.
 */
export function srcsetUrls(value: string): string[] {
  const urls: string[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && /[\t\n\f\r ,]/.test(value[i] as string)) i++;
    if (i >= value.length) break;
    const start = i;
    while (i < value.length && !/[\t\n\f\r ]/.test(value[i] as string)) i++;
    let url = value.slice(start, i);
    if (url.endsWith(",")) {
      url = url.replace(/,+$/, "");
    } else {
      let depth = 0;
      for (; i < value.length; i++) {
        const c = value[i];
        if (c === "(") depth++;
        else if (c === ")") depth = Math.max(0, depth - 1);
        else if (c === "," && depth === 0) break;
      }
    }
    urls.push(url);
  }
  return urls;
}

/** The complaint about a URL attribute's value, or undefined when it is safe. */
export function urlProblem(attribute: string, tag: string, value: string): string | undefined {
  const urls = attribute === "srcset" ? srcsetUrls(value) : [value];
  const scheme = urls.map(urlScheme).find((s) => s !== undefined && !SAFE_SCHEMES.has(s));
  return scheme === undefined ? undefined : `${scheme}: URL in ${attribute} on <${tag}> is not allowed in a post`;
}

const notAllowed = (what: string) => `${what} is not allowed in a post`;

/** Parse errors that mean the rest of the post would be swallowed by an unfinished construct. */
const UNFINISHED: Record<string, string> = {
  "eof-in-comment": "an unclosed comment (<!-- with no -->)",
  "eof-in-tag": "an unfinished tag (no closing >)",
  "eof-in-cdata": "an unclosed <![CDATA[ section",
};

/**
 * Checks one element and its attributes. Returns undefined when its content is not to be
 * checked (one complaint per element is enough), else the font size its MathML content is
 * drawn at, in ems of the text around the formula (math-limits.ts).
 */
function elementProblems(el: Element, line: number, out: HtmlProblem[], scale: number): number | undefined {
  const tag = el.tagName;
  const at = (attr: string) => el.sourceCodeLocation?.attrs?.[attr]?.startLine ?? line;
  const isHtml = el.namespaceURI === H.NS.HTML;
  const isMath = el.namespaceURI === H.NS.MATHML;
  if (!(isHtml && HTML_ELEMENTS.has(tag)) && !(isMath && MATHML_ELEMENTS.has(tag))) {
    const inMath = isMath && HTML_ELEMENTS.has(tag) ? " inside <math>" : "";
    out.push({ message: notAllowed(`<${tag}>${inMath}`), line });
    return undefined;
  }
  // This element's own font size first: its lengths in em are in it (`mathsize` is against the parent's).
  const size = isMath ? el.attrs.find((a) => a.name === "mathsize" && !a.namespace) : undefined;
  const sized = size ? checkMathAttribute(tag, "mathsize", size.value, scale) : { scale };
  const inner = sized.scale;
  const before = out.length;
  for (const attr of el.attrs) {
    // Namespaced attributes (`xlink:href`, `xml:lang`) only appear on foreign elements.
    const name = attr.prefix ? `${attr.prefix}:${attr.name}` : attr.name;
    if (attr.namespace === H.NS.XMLNS && name === "xmlns" && tag === "math" && attr.value === H.NS.MATHML) continue;
    let ok: boolean;
    if (attr.namespace) ok = false;
    else if (isHtml) ok = HTML_GLOBAL.has(name) || HTML_ATTRIBUTES[tag]?.has(name) === true;
    else ok = MATHML_ATTRIBUTES.has(name) || name === "style";
    if (!ok) {
      out.push({ message: notAllowed(`${name} attribute on <${tag}>`), line: at(attr.name) });
      continue;
    }
    if (name === "id" && attr.value.toLowerCase().startsWith(LAYOUT_ID_PREFIX)) {
      out.push({
        message: `id="${attr.value}" on <${tag}> is not allowed in a post: ids starting with ${LAYOUT_ID_PREFIX} are the page's own`,
        line: at(attr.name),
      });
    } else if (isMath && name === "style") {
      const problem = mathStyleProblem(tag, attr.value, inner);
      if (problem) out.push({ message: problem, line: at(attr.name) });
    } else if (isMath) {
      const problem = name === "mathsize" ? sized.problem : checkMathAttribute(tag, name, attr.value, inner).problem;
      if (problem) out.push({ message: problem, line: at(attr.name) });
    } else if (PLAYER.has(tag) && playerProblem(tag, name, attr.value)) {
      out.push({ message: playerProblem(tag, name, attr.value) as string, line: at(attr.name) });
    } else if (tag === "iframe" && !URL_ATTRIBUTES.has(name) && iframeProblem(name, attr.value)) {
      out.push({ message: iframeProblem(name, attr.value) as string, line: at(attr.name) });
    } else if (URL_ATTRIBUTES.has(name)) {
      // The scheme first, as on every element; then, on a frame, whether it is an embed at all.
      const problem = urlProblem(name, tag, attr.value) ?? (tag === "iframe" ? iframeProblem(name, attr.value) : undefined);
      if (problem) out.push({ message: problem, line: at(attr.name) });
    } else if (tag === "aside" && name === "role" && attr.value !== "note") {
      out.push({ message: notAllowed(`role="${attr.value}" on <aside>`), line: at(attr.name) });
    } else if (tag === "input" && name === "type" && attr.value.toLowerCase() !== "checkbox") {
      out.push({ message: notAllowed(`type="${attr.value}" on <input>`), line: at(attr.name) });
    }
  }
  // Said once: a frame already refused for what it has is not also told what it lacks.
  if (
    tag === "iframe" &&
    out.length === before &&
    !(["src", "sandbox", "title"] as const).every((n) => el.attrs.some((a) => a.name === n && !a.namespace))
  ) {
    out.push({ message: `<iframe> needs src, sandbox and title: write the video's link alone on its line instead`, line });
  }
  if (PLAYER.has(tag) && out.length === before) {
    const needs = tag === "track" ? ["src", "kind", "srclang"] : ["src", "controls"];
    if (!needs.every((n) => el.attrs.some((a) => a.name === n && !a.namespace))) out.push({ message: PLAYER_ONLY(tag), line });
  }
  return inner;
}

const PLAYER_ONLY = (tag: string) =>
  `<${tag}> is only what the build writes for a video or audio file in a post's or page's folder: write ![a description](./clip.mp4) instead (docs/writing.md)`;

/** What is wrong with an attribute of a <video>, <audio> or <track>: only what the build writes passes. */
function playerProblem(tag: string, name: string, value: string): string | undefined {
  // The scheme first, as on every element; then whether the build published it.
  if (name === "src" || name === "poster")
    return urlProblem(name, tag, value) ?? (PUBLISHED.test(value) ? undefined : PLAYER_ONLY(tag));
  if (name === "preload" && value !== "metadata") return notAllowed(`preload="${value}" on <${tag}>`);
  if (name === "controls" && value !== "") return notAllowed(`controls="${value}" on <${tag}>`);
  if (name === "kind" && value !== "captions") return notAllowed(`kind="${value}" on <${tag}>`);
  if ((name === "width" || name === "height") && !/^\d{1,5}$/.test(value)) return notAllowed(`${name}="${value}" on <${tag}>`);
  return undefined;
}

/** What is wrong with an attribute of an <iframe>: only what the build writes for an embed passes. */
function iframeProblem(name: string, value: string): string | undefined {
  const fixed: Record<string, string> = {
    sandbox: EMBED_SANDBOX,
    allow: EMBED_ALLOW,
    referrerpolicy: EMBED_REFERRER,
    loading: "lazy",
  };
  if (name === "src" && !isEmbedSrc(value))
    return `<iframe> src="${value}" is not allowed: only a YouTube, Vimeo or PeerTube link alone on its line becomes a video (docs/writing.md)`;
  if (fixed[name] !== undefined && value !== fixed[name]) return notAllowed(`${name}="${value}" on <iframe>`);
  if ((name === "width" || name === "height") && !/^\d{1,4}$/.test(value)) return notAllowed(`${name}="${value}" on <iframe>`);
  return undefined;
}

/** Checks every element under `parent`; returns the line of the last comment seen, if any. */
function walk(parent: ParentNode, parentLine: number, out: HtmlProblem[], lastComment = 0, scale = 1): number {
  for (const node of parent.childNodes as ChildNode[]) {
    if (node.nodeName === "#comment") lastComment = node.sourceCodeLocation?.startLine ?? lastComment;
    if (!("tagName" in node)) continue; // text and comments
    // Elements the parser inserts itself (an implied <tbody>) have no location: use the parent's.
    const line = node.sourceCodeLocation?.startLine ?? parentLine;
    const inner = elementProblems(node, line, out, scale);
    if (inner !== undefined) lastComment = walk(node, line, out, lastComment, inner);
  }
  return lastComment;
}

/** The element a post's body is placed in (`<div class="content">`): its fragment-parsing context. */
const DIV: Element = parseFragment("<div></div>").childNodes[0] as Element;

/**
 * Renderer-written HTML with the quotes spelled as parse5's serialiser spells them: `'` as itself
 * everywhere (marked writes `&#39;`, highlight.js `&#x27;`), and `"` as itself outside tags
 * (inside, an attribute value keeps `&quot;`). In what a renderer writes (text, and attribute
 * values in double quotes; no comments, raw text or single-quoted values) that changes no
 * character the parser reads. Whatever it changed, checkHtml trusts the result only when its
 * tree serialises to exactly these bytes.
 */
export function serialiserSpelling(html: string): string {
  if (!html.includes("&#39;") && !html.includes("&#x27;") && !html.includes("&quot;")) return html;
  return html.replace(TAG_OR_QUOTE, (m, verbatim: string | undefined) => {
    if (verbatim !== undefined) return m;
    // `&quot;` (or `&QUOT;`) is `"`; `&#39;`, `&#x27;` are `'`.
    if (m.charCodeAt(0) !== 60) return m.charCodeAt(1) === 35 ? "'" : '"';
    return m.includes("&#") ? m.replace(APOSTROPHE, "'") : m;
  });
}
/**
 * What parse5 writes back as it was read, left as it is (a comment, an element whose text is
 * raw: no renderer writes them, but raw HTML in a post may, were it ever not flagged); else a
 * tag (its quoted values may hold `>`), or a quote's character reference in text.
 */
const TAG_OR_QUOTE =
  /(<!--[\s\S]*?-->|<(script|style|xmp|iframe|noembed|noframes|noscript|textarea|title)\b[^>]*>[\s\S]*?<\/\2\s*>)|<(?:[^>"]|"[^"]*")*>|&quot;|&#(?:39|x27);/gi;
const APOSTROPHE = /&#(?:39|x27);/g;

/** The fragment re-serialised, if it reads back as itself (see checkHtml); undefined if not. */
function stable(fragment: DefaultTreeAdapterTypes.DocumentFragment, context: "div" | "any"): string | undefined {
  const html = serialize(fragment);
  // The serialisation must read back as itself, or a browser could build a different tree from
  // it than the one checked here (the mutation-XSS family). Never seen with this allow-list.
  return context === "div" && serialize(parseFragment(DIV, html, {})) !== html ? undefined : html;
}

/**
 * Checks an HTML fragment against the allow-list. `context` is where it will be placed: "div"
 * for a post's whole body; "any" (a `<template>`, which accepts every element) for a piece of
 * raw HTML seen on its own, such as one `<tr>` out of a table.
 *
 * `wellFormed`: a renderer wrote all of the input, so it has no unfinished tag, comment or
 * CDATA section, no raw text and no attribute value outside double quotes. The parser then
 * tracks neither positions nor its errors, which takes about half its time; the tree, and so the
 * verdict, are the same. Only a clean fragment is answered that way: one with problems is
 * checked again the full way, for their lines.
 */
export function checkHtml(input: string, context: "div" | "any" = "div", wellFormed = false): CheckedHtml {
  if (wellFormed) {
    const quick = (text: string) => {
      const fragment = context === "div" ? parseFragment(DIV, text, {}) : parseFragment(text, {});
      const found: HtmlProblem[] = [];
      walk(fragment, 1, found);
      return found.length === 0 ? fragment : undefined;
    };
    // Spelled as the serialiser spells, the HTML usually reads back as the very bytes it was
    // read from: then it is stable by construction (parsing them again gives this tree), and
    // the second parse `stable` makes is not needed. That is most of what it costs.
    const spelled = serialiserSpelling(input);
    const tree = quick(spelled);
    const html = tree && serialize(tree);
    if (html === spelled) return { html, problems: [] };
    const fragment = spelled === input ? tree : quick(input);
    const checked = fragment && stable(fragment, context);
    if (checked !== undefined) return { html: checked, problems: [] };
  }
  const problems: HtmlProblem[] = [];
  const unfinished: string[] = [];
  const onParseError = (e: ParserError) => {
    if (UNFINISHED[e.code]) unfinished.push(e.code);
  };
  const options = { sourceCodeLocationInfo: true, onParseError };
  const fragment = context === "div" ? parseFragment(DIV, input, options) : parseFragment(input, options);
  const lastComment = walk(fragment, 1, problems);
  for (const code of unfinished) {
    // The parser reports these at the end of the input; the author needs where they begin. An
    // unclosed comment is the last node of the tree; a tag or CDATA section, the last opening.
    const lineOf = (opening: string) => input.slice(0, Math.max(0, input.lastIndexOf(opening))).split("\n").length;
    const line = code === "eof-in-comment" ? lastComment || lineOf("<!--") : lineOf(code === "eof-in-cdata" ? "<![CDATA[" : "<");
    problems.push({ message: notAllowed(UNFINISHED[code] as string), line });
  }
  problems.sort((a, b) => a.line - b.line);
  if (problems.length > 0) return { html: input, problems };
  const html = stable(fragment, context);
  if (html === undefined)
    return { html: input, problems: [{ message: notAllowed("markup that changes meaning when read again"), line: 1 }] };
  return { html, problems };
}
