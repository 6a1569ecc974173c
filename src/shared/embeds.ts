/**
 * Video embeds (docs/writing.md "Videos"): what the build writes for a YouTube or Vimeo link alone
 * on its line, what the allow-list accepts of it, and what the Worker derives from it. One module,
 * so the three agree on every string.
 *
 * - The frame is YouTube's privacy-enhanced host (youtube-nocookie.com), Vimeo's player with
 *   `dnt=1`, or the player of a PeerTube server named in site.yaml with `p2p=0`; nothing else
 *   can be framed.
 * - `sandbox` allows only what playback needs: scripts (the players are script), their own origin
 *   (their cookies and storage, e.g. the volume), and presentation (fullscreen, casting). No forms,
 *   popups, top navigation or downloads.
 * - The page's CSP gains `frame-src` for exactly the origins its post frames, and no other page
 *   gains anything.
 * - Feeds and JSON get the figure's caption link instead of the frame: readers do not run frames.
 */

export const EMBED_SANDBOX = "allow-scripts allow-same-origin allow-presentation";
export const EMBED_ALLOW = "fullscreen; picture-in-picture";
export const EMBED_REFERRER = "strict-origin-when-cross-origin";

const SOURCES = [
  /^https:\/\/www\.youtube-nocookie\.com\/embed\/[A-Za-z0-9_-]{11}$/,
  /^https:\/\/player\.vimeo\.com\/video\/\d{1,12}\?dnt=1$/,
  // A PeerTube server the blog names in site.yaml (the build frames no other): any host, this exact shape.
  /^https:\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+\/videos\/embed\/(?:[1-9A-HJ-NP-Za-km-z]{22}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\?p2p=0$/,
];

/** Whether `src` is a frame the build makes (and so the only one a post may hold). */
export const isEmbedSrc = (src: string): boolean => SOURCES.some((re) => re.test(src));

/** The origins a post's HTML frames, for its page's `frame-src`; none for most posts. */
export function frameOriginsOf(html: string): string[] {
  if (!html.includes("<iframe")) return [];
  const origins = new Set<string>();
  for (const m of html.matchAll(/<iframe\b[^>]*\ssrc="([^"]+)"/g)) {
    const src = (m[1] as string).replace(/&amp;/g, "&");
    if (isEmbedSrc(src)) origins.add(new URL(src).origin);
  }
  return [...origins].sort();
}

/** Whether a post's HTML plays its own video or audio (src/build/content/media.ts writes the players). */
export const playsMedia = (html: string): boolean => /<(?:video|audio) controls/.test(html);

/** A post's HTML with each embed's frame replaced by its caption's link, for feeds and JSON. */
export function embedsAsLinks(html: string): string {
  if (!html.includes('<figure class="embed">')) return html;
  return html.replace(
    /<figure class="embed"><iframe\b[^>]*><\/iframe><figcaption>(<a href="[^"]*">.*?<\/a>)<\/figcaption><\/figure>/gs,
    "<p>$1</p>",
  );
}
