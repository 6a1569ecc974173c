import { messagesFor } from "../../shared/i18n/index.ts";
import type { SiteConfig } from "../../shared/types.ts";
import { ALERT_TITLES, type AlertTitles, alertTitlesFor } from "./alerts.ts";

/**
 * What rendering a body reads of site.yaml: the alerts' titles and a video frame's name in the
 * blog's language, and the PeerTube servers whose video links become players (embeds.ts). One record, so the parse
 * cache's context (parse-cache.ts) and the parser threads get all of it or none.
 */
export interface RenderSettings {
  alerts: AlertTitles;
  /** Host names, lower-cased (site.yaml `peertube`). */
  peertube: readonly string[];
  /** A bare video link's frame title, `{provider}` filled in ("YouTube video"). */
  embedTitle: string;
  /** The footnotes' heading and back-links' names, and each section link's, in the blog's language. */
  words: BodyWords;
}

/** Words a body's own markup carries, as templates: `{n}`, `{use}` and `{heading}` filled per use. */
export interface BodyWords {
  footnotes: string;
  backToReference: string;
  backToReferenceUse: string;
  linkToSection: string;
}

export const DEFAULT_WORDS: BodyWords = {
  footnotes: "Footnotes",
  backToReference: "Back to reference {n}",
  backToReferenceUse: "Back to reference {n}, use {use}",
  linkToSection: "Link to section: {heading}",
};

export const DEFAULT_RENDER: RenderSettings = {
  alerts: ALERT_TITLES,
  peertube: [],
  embedTitle: "{provider} video",
  words: DEFAULT_WORDS,
};

export function renderSettingsFor(site: Pick<SiteConfig, "language" | "strings" | "peertube"> | undefined): RenderSettings {
  if (!site) return DEFAULT_RENDER;
  const t = messagesFor(site.language, site.strings);
  // `{provider}` is left in, to be filled per video.
  return {
    alerts: alertTitlesFor(site),
    peertube: site.peertube ?? [],
    embedTitle: t.text("embedTitle", { provider: "{provider}" }),
    // The slots are left in, to be filled per note and per heading.
    words: {
      footnotes: t.text("footnotes"),
      backToReference: t.text("backToReference", { n: "{n}" }),
      backToReferenceUse: t.text("backToReferenceUse", { n: "{n}", use: "{use}" }),
      linkToSection: t.text("linkToSection", { heading: "{heading}" }),
    },
  };
}
