import { DECORATIVE } from "./decorative.ts";
import type { WrittenIn } from "./image-sources.ts";
import { type FileReference, fileReference } from "./media.ts";
import type { MarkdownToken } from "./post-html.ts";
import { attributeOf, type RawTag, rawTags } from "./raw-tags.ts";
import { srcsetUrls } from "./sanitize.ts";

/**
 * Finds a folder post's references to its own files in its Markdown: images (`![alt](./a.png)`),
 * links (`[slides](slides.pdf)`), reference definitions (`[map]: ./map.png`), a raw `<img src>`
 * or `<a href>`, and, to refuse them, other relative URLs in raw HTML. Every other image is found
 * too (`![alt](https://…)`, `<img src="/x.png">`, a raw `srcset`'s other URLs): it needs alt text
 * like any, and where it may come from is image-sources.ts's to say. Uses the renderer's own
 * tokens, so what is found here is exactly what is rendered (a `![x](a.png)` inside a code block
 * is not a reference).
 */

/** Whether a reference shows its file as an image: `![alt](x.png)` or a raw `<img src="x.png">`. */
export const showsImage = (ref: MediaRef): boolean => ref.kind === "image" || (ref.kind === "html" && ref.tag === "img");

/** Where an image's URL is written, for its fix (image-sources.ts): a raw srcset's candidate, or on its own. */
export const writtenIn = (ref: MediaRef): WrittenIn => (ref.attribute === "srcset" ? "srcset" : "url");

/** An image whose URL is not relative (`/x.png`, `https://…`): none of the post's files. */
export interface Elsewhere {
  elsewhere: true;
}

export interface MediaRef {
  kind: "image" | "link" | "definition" | "html";
  /** The URL as marked read it (escapes removed, `<…>` unwrapped). */
  href: string;
  /** The file in the post's folder, or why it cannot be one; or, for an image, somewhere else. */
  target: FileReference | Elsewhere;
  /** Images only: the alt text as written (`""` when the brackets are empty; absent on a raw <img> without alt). */
  alt?: string;
  /** Images only: marked `{decorative}` right after it (see decorative.ts), or a raw <img> with `alt=""`. */
  decorative?: true;
  /** Raw HTML only: the tag and the attribute holding the URL, lower-cased (`img` and `src`, `a` and `href`…). */
  tag?: string;
  attribute?: string;
  /** 1-based line in the body. */
  line: number;
  /**
   * Where the URL is written in the body, to rewrite it (the Markdown representation carries
   * absolute URLs). Absent for a reference-style use (`![a][map]`): its definition carries the
   * URL. Absent too, with `unlocated` set, if the URL could not be found in the source.
   */
  at?: { start: number; end: number };
  unlocated?: true;
}

type Token = MarkdownToken & { text?: string };

/**
 * A token's children in source order: inline tokens, list items, table cells row by row, a
 * footnote's content. The `footnotes` token (the list rendered at the end) is skipped: it holds
 * the same footnote tokens that also stand where the author wrote them, which is where they are
 * looked for.
 */
function children(token: object): Token[] {
  const out: Token[] = [];
  const add = (value: unknown) => {
    if (!Array.isArray(value)) return;
    for (const item of value) {
      if (Array.isArray(item))
        add(item); // a table row
      else if (item && typeof item === "object") {
        const t = item as Token & { tokens?: unknown };
        if (typeof t.type === "string" && typeof t.raw === "string") out.push(t);
        else add(t.tokens); // a table cell
      }
    }
  };
  for (const [key, value] of Object.entries(token)) if (key !== "links" && key !== "rawItems") add(value);
  return out;
}

/**
 * Calls `visit` with each token and its offset in `source`, each token once. Tokens are looked
 * for in order from a cursor, and only inside their parent's text, so an offset is exact or the
 * token is marked as not found (`exact` false): a block quote's paragraph, whose text the lexer
 * took the `>`s out of, falls back to its first line, and its links are then found exactly.
 */
function walk(
  tokens: readonly Token[],
  source: string,
  from: number,
  limit: number,
  seen: Set<object>,
  visit: (t: Token, offset: number, exact: boolean) => void,
): void {
  let cursor = from;
  for (const token of tokens) {
    if (seen.has(token) || token.type === "footnotes") continue;
    seen.add(token);
    // Blank space says nothing about where the next token is (a footnote's content starts with one that is not there).
    if (token.raw.trim() === "") continue;
    const within = (text: string) => {
      const at = text ? source.indexOf(text, cursor) : -1;
      return at >= 0 && at + text.length <= limit ? at : -1;
    };
    let at = within(token.raw);
    const exact = at >= 0;
    if (!exact) {
      const firstLine = token.raw.split("\n")[0]?.trim() ?? "";
      if (firstLine.length >= 3) at = within(firstLine);
    }
    const start = at >= 0 ? at : cursor;
    visit(token, start, exact);
    walk(children(token), source, start, exact ? start + token.raw.length : limit, seen, visit);
    if (exact) cursor = start + token.raw.length;
  }
}

/** Skips a code span starting at `i` (a run of backticks); returns the index after it, or `i + run` if unclosed. */
function skipCode(s: string, i: number): number {
  let run = 0;
  while (s[i + run] === "`") run++;
  const fence = "`".repeat(run);
  for (let j = s.indexOf(fence, i + run); j >= 0; j = s.indexOf(fence, j + 1)) {
    let end = j + run;
    if (s[end] !== "`" && s[j - 1] !== "`") return end;
    while (s[end] === "`") end++;
    j = end - 1;
  }
  return i + run;
}

/** The link destination in `s` from `i` (after any whitespace): `<…>` or a run without spaces, parentheses balanced. */
function destinationAt(s: string, i: number): { start: number; end: number } | undefined {
  while (i < s.length && /[ \t\n]/.test(s[i] as string)) i++;
  if (s[i] === "<") {
    for (let j = i + 1; j < s.length; j++) {
      if (s[j] === "\\") j++;
      else if (s[j] === ">") return { start: i, end: j + 1 };
      else if (s[j] === "<" || s[j] === "\n") return undefined;
    }
    return undefined;
  }
  let depth = 0;
  let j = i;
  for (; j < s.length; j++) {
    const c = s[j] as string;
    if (c === "\\") j++;
    else if (/[\s\u0000-\u001f]/.test(c)) break;
    else if (c === "(") depth++;
    else if (c === ")") {
      if (depth === 0) break;
      depth--;
    }
  }
  return j > i ? { start: i, end: j } : undefined;
}

/** The destination inside an inline link's or image's source (`![label](dest "title")`), or a definition's (`[label]: dest`). */
function destinationIn(raw: string, definition: boolean): { start: number; end: number } | undefined {
  let i = raw.indexOf("[");
  if (i < 0) return undefined;
  let depth = 0;
  for (; i < raw.length; i++) {
    const c = raw[i];
    if (c === "\\") i++;
    else if (c === "`") i = skipCode(raw, i) - 1;
    else if (c === "[") depth++;
    else if (c === "]" && --depth === 0) break;
  }
  if (definition) return raw[i + 1] === ":" ? destinationAt(raw, i + 2) : undefined;
  return raw[i + 1] === "(" ? destinationAt(raw, i + 2) : undefined;
}

/** What marked makes of a written destination: `<…>` unwrapped, backslash escapes removed. */
const asMarkedReads = (written: string) =>
  written.replace(/^<([\s\S]*)>$/, "$1").replace(/\\([!"#$%&'()*+,\-./:;<=>?@[\]\\^_`{|}~])/g, "$1");

/** Raw elements that play media: the build writes them from `![…](./clip.mp4)`. */
const PLAYER_TAGS = new Set(["video", "audio", "source", "track"]);

/** Raw elements a `<source>` belongs to: a `<picture>`'s is an image, a `<video>`'s or `<audio>`'s plays. */
const CONTAINERS = new Set(["picture", "video", "audio"]);

/** Attributes of raw HTML whose value a browser fetches or follows. */
const HTML_URL_ATTRIBUTES = new Set(["src", "href", "srcset", "poster", "data", "cite"]);

/** Whether a raw tag's attribute shows an image: `<img src>`, and a `srcset` on `<img>` or `<source>`. */
const showsAnImage = (tag: string, attribute: string) =>
  (tag === "img" && attribute === "src") || ((tag === "img" || tag === "source") && attribute === "srcset");

/** The URL in an attribute's value (its first word). */
const firstUrl = (value: string) => value.trim().split(/\s/)[0] ?? "";

/** A raw <img>'s alt text, as a reference holds it. */
function altOf(tag: RawTag): Pick<MediaRef, "alt" | "decorative"> {
  const alt = attributeOf(tag, "alt");
  if (!alt) return {};
  // alt="" is written on purpose in HTML: the image adds nothing (unlike `![](x)`, often a slip).
  return alt.value.trim() === "" ? { alt: alt.value, decorative: true } : { alt: alt.value };
}

/**
 * Every reference to a file in the Markdown `body` of a folder post, and every image, in source
 * order. `of`: what the body is, a post or a page (`pages/<slug>/index.md`), as problems name it.
 */
export function mediaReferences(
  body: string,
  lex: (markdown: string) => readonly MarkdownToken[],
  of: "post" | "page" = "post",
): MediaRef[] {
  const refs: MediaRef[] = [];
  const lineAt = (offset: number) => body.slice(0, offset).split("\n").length;
  // The <picture>, <video> or <audio> last opened: what a <source> after it is for. Raw tags
  // carry no end tags, and a <source> anywhere else is no HTML, so the last one is enough.
  let container: string | undefined;
  walk(lex(body) as Token[], body, 0, body.length, new Set(), (t, offset, exact) => {
    if (t.type === "html") {
      for (const tag of rawTags(t.raw)) {
        if (CONTAINERS.has(tag.name)) container = tag.name;
        // An <img> of one of the post's files gets the build's srcset in place of the author's.
        const src = tag.name === "img" ? attributeOf(tag, "src") : undefined;
        const built = src !== undefined && fileReference(firstUrl(src.value)) !== undefined;
        for (const attr of tag.attributes) {
          if (!HTML_URL_ATTRIBUTES.has(attr.name)) continue;
          const line = lineAt(offset + tag.start);
          // A srcset's every candidate is an image a browser may choose.
          const urls = attr.name === "srcset" ? srcsetUrls(attr.value) : [firstUrl(attr.value)];
          if (showsAnImage(tag.name, attr.name) && !(built && attr.name === "srcset")) {
            for (const url of urls) {
              if (fileReference(url) !== undefined) continue;
              const ref: MediaRef = {
                kind: "html",
                href: url,
                tag: tag.name,
                attribute: attr.name,
                target: { elsewhere: true },
                line,
              };
              if (attr.name === "src") Object.assign(ref, altOf(tag));
              refs.push(ref);
            }
          }
          // The first of the post's files it names, if any: one complaint per attribute.
          const value = urls.find((url) => fileReference(url) !== undefined);
          const target = value === undefined ? undefined : fileReference(value, of);
          if (value === undefined || target === undefined) continue;
          // A raw image or link is a reference like a Markdown one; anything else (a srcset, a
          // poster, an <object>'s data) would bypass what the build does with the file.
          const usable = (tag.name === "img" && attr.name === "src") || (tag.name === "a" && attr.name === "href");
          if (!usable) {
            // A hand-written player is pointed at the line the build turns into one; a <source>
            // in a <picture> (a srcset is only ever an image's) is an image, not a player.
            const image = tag.name === "source" && (attr.name === "srcset" || container === "picture");
            const player = !image && (PLAYER_TAGS.has(tag.name) || attr.name === "poster");
            refs.push({
              kind: "html",
              href: value,
              tag: tag.name,
              attribute: attr.name,
              target: {
                problem: player
                  ? `a raw <${tag.name}> cannot play the ${of}'s files (${value}): write ![a description](${attr.name === "poster" ? "./clip.mp4" : value}) on its own line instead (docs/writing.md)`
                  : `${attr.name} on a raw <${tag.name}> cannot use the ${of}'s files (${value}): write ![alt text](${value}) for an image or [text](${value}) for a link`,
              },
              line,
            });
            continue;
          }
          const ref: MediaRef = { kind: "html", href: value, tag: tag.name, attribute: attr.name, target, line };
          if (tag.name === "img") Object.assign(ref, altOf(tag));
          if (exact && attr.at && value === attr.value) ref.at = { start: offset + attr.at.start, end: offset + attr.at.end };
          else ref.unlocated = true;
          refs.push(ref);
        }
      }
      return;
    }
    const kind = t.type === "image" ? "image" : t.type === "link" ? "link" : t.type === "def" ? "definition" : undefined;
    if (!kind || typeof t.href !== "string") return;
    const target: FileReference | Elsewhere | undefined =
      fileReference(t.href, of) ?? (kind === "image" ? { elsewhere: true } : undefined);
    if (target === undefined) return;
    const ref: MediaRef = { kind, href: t.href, target, line: lineAt(offset) };
    if (kind === "image") ref.alt = t.text ?? "";
    if (kind === "image" && exact && body.startsWith(DECORATIVE, offset + t.raw.length)) ref.decorative = true;
    const inRaw = destinationIn(t.raw, kind === "definition");
    const written = inRaw ? t.raw.slice(inRaw.start, inRaw.end) : undefined;
    if (written !== undefined && asMarkedReads(written) === t.href) {
      const start = offset + (inRaw?.start ?? 0);
      if (exact && body.startsWith(written, start)) {
        ref.at = { start, end: start + written.length };
        ref.line = lineAt(start);
      } else ref.unlocated = true;
    } else if (kind === "definition" || /\]\s*\(/.test(t.raw)) {
      // An inline destination (or a definition) that could not be read back from the source.
      ref.unlocated = true;
    }
    refs.push(ref);
  });
  return refs;
}

/**
 * The source with each located reference's URL replaced by `url(ref)` (absolute URLs for the
 * Markdown representation). References are replaced back to front, so offsets stay valid.
 */
export function rewriteReferences(body: string, refs: readonly MediaRef[], url: (ref: MediaRef) => string | undefined): string {
  const located = refs.filter((r) => r.at).sort((a, b) => (b.at?.start ?? 0) - (a.at?.start ?? 0));
  let out = body;
  let last = Number.POSITIVE_INFINITY;
  for (const ref of located) {
    const at = ref.at!;
    const replacement = url(ref);
    // Two tokens never share a destination; if they did, the second would be skipped, not garbled.
    if (replacement === undefined || at.end > last) continue;
    out = `${out.slice(0, at.start)}${replacement}${out.slice(at.end)}`;
    last = at.start;
  }
  return out;
}
