import type { MarkedExtension, Tokens } from "marked";
import { EMBED_ALLOW, EMBED_REFERRER, EMBED_SANDBOX } from "../../shared/embeds.ts";

/**
 * A YouTube, Vimeo or PeerTube link alone in its paragraph becomes a video embed (src/shared/embeds.ts):
 *
 *     https://www.youtube.com/watch?v=dQw4w9WgXcQ
 *     [The talk, in full](https://vimeo.com/76979871)
 *
 * The frame is the provider's privacy-respecting player; the caption links to the video on its
 * site, which is also what feeds and JSON show. Any other link, and a link inside a sentence,
 * stays a link: a look-alike host (youtube.com.example.net) or a malformed id is never framed.
 */

export interface Embed {
  src: string;
  provider: "YouTube" | "Vimeo" | "PeerTube";
}

const YOUTUBE_HOSTS = new Set(["youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com"]);
const VIMEO_HOSTS = new Set(["vimeo.com", "www.vimeo.com", "player.vimeo.com"]);

/** A PeerTube video's id: a short UUID (base58, 22 characters) or a UUID. */
const PEERTUBE_ID = /^(?:[1-9A-HJ-NP-Za-km-z]{22}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * The embed for a video page's URL, or undefined for any other URL. `peertube`: the PeerTube
 * servers the blog names in site.yaml; anyone can run one, so no other host's URL is trusted to
 * be one.
 */
export function embedFor(href: string, peertube: readonly string[] = []): Embed | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  const host = url.hostname.toLowerCase();
  const youtube = (id: string | null | undefined) =>
    id && /^[A-Za-z0-9_-]{11}$/.test(id)
      ? { src: `https://www.youtube-nocookie.com/embed/${id}`, provider: "YouTube" as const }
      : undefined;
  if (YOUTUBE_HOSTS.has(host)) {
    if (url.pathname === "/watch") return youtube(url.searchParams.get("v"));
    const m = /^\/(?:shorts|embed|live)\/([^/]+)\/?$/.exec(url.pathname);
    return youtube(m?.[1]);
  }
  if (host === "youtu.be") return youtube(/^\/([^/]+)\/?$/.exec(url.pathname)?.[1]);
  if (VIMEO_HOSTS.has(host)) {
    const m = /^\/(?:video\/)?(\d{1,12})\/?$/.exec(url.pathname);
    return m ? { src: `https://player.vimeo.com/video/${m[1]}?dnt=1`, provider: "Vimeo" } : undefined;
  }
  if (peertube.includes(host) && url.protocol === "https:" && url.port === "") {
    const id = /^\/(?:w|videos\/watch|videos\/embed)\/([^/]+)\/?$/.exec(url.pathname)?.[1];
    // p2p=0: the player fetches from the server only, so readers' addresses are not shared with other viewers (WebRTC).
    return id && PEERTUBE_ID.test(id) ? { src: `https://${host}/videos/embed/${id}?p2p=0`, provider: "PeerTube" } : undefined;
  }
  return undefined;
}

/**
 * A post on Mastodon (or any server with its URL shape, `https://<host>/@<user>/<id>`) or on
 * Bluesky (`https://bsky.app/profile/<handle>/post/<id>`): who wrote it, for a quoted card. Build
 * time has no network, so nothing is fetched: the card quotes what the author wrote as the link's
 * text, and links to the post.
 */
export function socialPostFor(href: string): { handle: string } | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" || url.search || url.hash) return undefined;
  const host = url.hostname.toLowerCase();
  if (host === "bsky.app") {
    const m = /^\/profile\/([a-z0-9.:-]{3,253})\/post\/([a-z0-9]{6,20})\/?$/i.exec(url.pathname);
    return m ? { handle: `@${m[1]}` } : undefined;
  }
  const m = /^\/@([A-Za-z0-9_]{1,30})\/(\d{1,20})\/?$/.exec(url.pathname);
  return m ? { handle: `@${m[1]}@${host}` } : undefined;
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function markedEmbeds(
  settings: () => { peertube: readonly string[]; embedTitle: string } = () => ({ peertube: [], embedTitle: "{provider} video" }),
): MarkedExtension {
  return {
    renderer: {
      paragraph(token: Tokens.Paragraph) {
        const parts = (token.tokens ?? []).filter((t) => !(t.type === "text" && t.raw.trim() === ""));
        const [link] = parts;
        if (parts.length !== 1 || link?.type !== "link") return false;
        const social = socialPostFor((link as Tokens.Link).href);
        if (social) {
          const href = (link as Tokens.Link).href;
          const text = this.parser.parseInline((link as Tokens.Link).tokens ?? []);
          // A bare URL has no words to quote: the card is the author and the link.
          const quote = text === escapeHtml(href) ? "" : `<p>${text}</p>`;
          return `<blockquote class="social-post">${quote}<p>— <a href="${escapeHtml(href)}">${escapeHtml(social.handle)}</a></p></blockquote>\n`;
        }
        const embed = embedFor((link as Tokens.Link).href, settings().peertube);
        if (!embed) return false;
        const href = (link as Tokens.Link).href;
        const text = this.parser.parseInline((link as Tokens.Link).tokens ?? []);
        // A bare URL's text is the URL: the frame is named after the provider in the blog's
        // language ("YouTube video"); the caption says where it goes.
        const name =
          text === escapeHtml(href)
            ? escapeHtml(settings().embedTitle.replaceAll("{provider}", embed.provider))
            : `${embed.provider}: ${text.replace(/<[^>]*>/g, "")}`;
        return (
          `<figure class="embed"><iframe src="${escapeHtml(embed.src)}" title="${name}" width="560" height="315" loading="lazy" ` +
          `sandbox="${EMBED_SANDBOX}" allow="${EMBED_ALLOW}" referrerpolicy="${EMBED_REFERRER}"></iframe>` +
          `<figcaption><a href="${escapeHtml(href)}">${text}</a></figcaption></figure>\n`
        );
      },
    },
  };
}
