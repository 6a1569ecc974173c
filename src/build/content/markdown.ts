import { Marked } from "marked";
import { getHeadingList, gfmHeadingId } from "marked-gfm-heading-id";
import { markedHighlight } from "marked-highlight";
import type { Heading } from "../../shared/types.ts";
import { escapeHtml } from "../../shared/views/html.ts";
import { ALERT_TITLES, type AlertTitles, markedAlerts } from "./alerts.ts";
import { isPlainInfo, markedCodeBlocks } from "./code-blocks.ts";
import { markedEmbeds } from "./embeds.ts";
import { markedFigures } from "./figures.ts";
import { FOOTNOTE_ID_PREFIX, markedFootnotes } from "./footnotes.ts";
import { highlightCode } from "./highlight.ts";
import { markedMath, quoteTex } from "./math.ts";
import { type MediaLookup, type MediaRenderState, markedMedia } from "./media-render.ts";
import { type BodyWords, DEFAULT_RENDER, type RenderSettings } from "./render-settings.ts";

/** Problems found while rendering the current document (rendering is synchronous). */
let problems: string[] = [];
/** The current folder post's files (see media-render.ts); undefined for a single-file post. */
let media: MediaRenderState | undefined;
/** Problems found at a place in the body: the message and the 1-based line in the body. */
let located: { message: string; line: number }[] = [];
/** The body being rendered, and how far into it the last located problem was (document order). */
let source = "";
let cursor = 0;
/** The alerts' titles for the render under way, in the blog's language. */
let alertTitles: AlertTitles = ALERT_TITLES;
/** What the embeds read of site.yaml (PeerTube servers, a frame's name), for the render under way. */
let embedSettings: Pick<RenderSettings, "peertube" | "embedTitle"> = DEFAULT_RENDER;
/** The words the body's markup carries (footnotes, section links), in the blog's language. */
let words: BodyWords = DEFAULT_RENDER.words;
/** Whether the body being rendered passes HTML through as written (raw HTML, or an extension's html token). */
let passesHtml = false;

/**
 * True while lexMarkdown runs its hooks: its tokens only locate things in the source, so code is
 * not highlighted (highlighting was most of the cost of lexing a post a second time).
 */
let locating = false;

/** The body line where `raw` (a block's source) starts, searching on from the last one found. */
function lineOf(raw: string): number {
  const firstLine = raw.split("\n")[0]?.trim() ?? "";
  let at = source.indexOf(raw, cursor);
  if (at < 0) at = source.indexOf(firstLine, cursor);
  if (at < 0) at = source.indexOf(firstLine);
  if (at < 0) return 1;
  cursor = at + 1;
  return source.slice(0, at).split("\n").length;
}

/**
 * Markdown to HTML, once, at build time: GitHub-style heading ids (stable anchors),
 * code highlighted into `hljs-*` classes, GFM footnotes, GitHub's alerts, figures, and TeX math as MathML.
 * Classes, not inline styles, so the page's hash-based CSP needs no `unsafe-inline` and
 * one stylesheet themes light and dark.
 */
const marked = new Marked(
  { gfm: true },
  markedHighlight({
    emptyLangClass: "hljs",
    langPrefix: "hljs language-",
    // A block with options (a title, marked lines, a diff) is highlighted line by line in code-blocks.ts.
    highlight: (code, lang, info) => (!locating && isPlainInfo(info) ? highlightCode(code, lang) : code),
  }),
  markedCodeBlocks(highlightCode, (message, raw) => located.push({ message, line: lineOf(raw) })),
  gfmHeadingId(),
  markedAlerts(() => alertTitles),
  markedFootnotes(() => words),
  markedMath((tex, reason) => {
    const message = `cannot render math "${quoteTex(tex)}": ${reason}`;
    if (!problems.includes(message)) problems.push(message);
  }),
  markedMedia(() => media),
  markedFigures(),
  markedEmbeds(() => embedSettings),
  {
    walkTokens(token) {
      if (token.type === "html") passesHtml = true;
    },
  },
);

export interface RenderedMarkdown {
  html: string;
  headings: Heading[];
  /** All visible text, for the word count. */
  text: string;
  /** The text of the opening paragraphs only (no headings, lists or code): for descriptions. */
  lead: string;
  /**
   * What the author must fix, as messages about the body (a formula that does not parse).
   * Non-empty means the page would be wrong: the build reports each as a `body` error.
   */
  problems: string[];
  /**
   * Whether any of the HTML is passed through as written (raw HTML in the body). Else the
   * renderer wrote all of it, and it has no unfinished tag or comment (src/build/content/sanitize.ts).
   */
  passesHtml: boolean;
  /** Like `problems`, at a line of the body (1-based): a code block's bad options. */
  located: { message: string; line: number }[];
}

/** Text of the first paragraphs, up to about `max` characters. */
function leadText(html: string, max = 400): string {
  let lead = "";
  // The prose itself: not the notes at the end, nor the numbers that point to them.
  const prose = withoutFootnoteMarks(html.split('<section class="footnotes"')[0] ?? html);
  for (const m of prose.matchAll(/<p>([\s\S]*?)<\/p>/g)) {
    lead = `${lead} ${htmlToText(m[1] ?? "")}`.trim();
    if (lead.length >= max) break;
  }
  return lead;
}

/**
 * Footnote markup that is navigation, not text: the reference numbers in the prose, the
 * back-links (↩︎) and the section's heading. Their words would read as noise in a description,
 * a search snippet or the word count.
 */
export function withoutFootnoteMarks(html: string): string {
  return html
    .replace(/<sup><a [^>]*class="footnote-ref"[^>]*>[\s\S]*?<\/a><\/sup>/g, "")
    .replace(/<a [^>]*class="footnote-backref"[^>]*>[\s\S]*?<\/a>/g, "")
    .replace(/<h2 id="fn:label">[\s\S]*?<\/h2>/g, "");
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

/**
 * Visible text of an HTML fragment, for word counts and derived descriptions. A formula's TeX
 * (its <annotation>) is not drawn, so it is not text here.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|annotation)\b[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (all, name: string) => {
      const hex = name.startsWith("#x") || name.startsWith("#X");
      if (name.startsWith("#") && name !== "#39") {
        const cp = hex ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
        // Out-of-range references (&#99999999;) stay as written rather than throwing.
        return cp <= 0x10ffff ? String.fromCodePoint(cp) : all;
      }
      return ENTITIES[name] ?? all;
    })
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A visible `#` link after each section heading, so readers can copy a link to a section.
 * Added to the rendered HTML rather than by overriding the heading renderer, which
 * marked-gfm-heading-id owns.
 */
function addAnchors(html: string): string {
  return html.replace(/<h([2-4]) id="([^"]+)">([\s\S]*?)<\/h\1>/g, (all, level: string, id: string, inner: string) => {
    // The footnotes' heading is also the references' accessible description: "Footnotes",
    // not "Footnotes Link to section: Footnotes".
    if (id.startsWith(FOOTNOTE_ID_PREFIX)) return all;
    const label = htmlToText(inner).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
    const name = escapeHtml(words.linkToSection).replace("{heading}", () => label);
    return `<h${level} id="${id}">${inner} <a class="anchor" href="#${id}" aria-label="${name}">#</a></h${level}>`;
  });
}

/** The renderer's own tokens, with their source text: for locating problems in a post's body. */
export function lexMarkdown(markdown: string) {
  const tokens = marked.lexer(markdown);
  // The extensions' token hooks end a document as parsing would: marked-footnote resets its
  // state there, and without it the next document's footnotes fail to lex.
  const hooks = marked.defaults.walkTokens;
  locating = true;
  try {
    if (hooks) marked.walkTokens(tokens, hooks);
  } finally {
    locating = false;
  }
  return tokens;
}

/** `files`: a folder post's own files, which its relative links and images refer to. */
export function renderMarkdown(markdown: string, files?: MediaLookup, render: RenderSettings = DEFAULT_RENDER): RenderedMarkdown {
  problems = [];
  located = [];
  source = markdown;
  cursor = 0;
  media = files ? { lookup: files, problems } : undefined;
  alertTitles = render.alerts;
  embedSettings = render;
  words = render.words;
  passesHtml = false;
  const parsed = marked.parse(markdown, { async: false });
  // h2 and h3 make the table of contents; h1 is the post title's level.
  const headings = getHeadingList()
    .filter((h) => h.level === 2 || h.level === 3)
    .map((h) => ({ depth: h.level, id: h.id, text: htmlToText(h.text) }));
  return {
    html: addAnchors(parsed),
    headings,
    text: htmlToText(withoutFootnoteMarks(parsed)),
    lead: leadText(parsed),
    problems,
    located,
    passesHtml,
  };
}

const WORDS_PER_MINUTE = 230;

export function countWords(text: string): number {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  return words ? words.length : 0;
}

export function readingTime(words: number): number {
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

/** A description for posts that give none: the opening text, cut at a word boundary. */
export function deriveDescription(text: string, max = 160): string {
  // Code points, not UTF-16 units, so an emoji is never cut in half.
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, "")}…`;
}
