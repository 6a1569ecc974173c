import type { SiteConfig } from "../../shared/types.ts";
import { ALERT_TITLES, type AlertTitles, alertTitlesFor } from "./alerts.ts";

/**
 * What rendering a body reads of site.yaml: the alerts' titles in the blog's language, and the
 * PeerTube servers whose video links become players (embeds.ts). One record, so the parse
 * cache's context (parse-cache.ts) and the parser threads get all of it or none.
 */
export interface RenderSettings {
  alerts: AlertTitles;
  /** Host names, lower-cased (site.yaml `peertube`). */
  peertube: readonly string[];
}

export const DEFAULT_RENDER: RenderSettings = { alerts: ALERT_TITLES, peertube: [] };

export function renderSettingsFor(site: Pick<SiteConfig, "language" | "strings" | "peertube"> | undefined): RenderSettings {
  return { alerts: alertTitlesFor(site), peertube: site?.peertube ?? [] };
}
