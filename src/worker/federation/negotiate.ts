import { FORMATS, MEDIA_TYPES } from "../../shared/formats.ts";
import { parseAccept, qualityOf } from "../http/negotiate.ts";

/**
 * Whether a request asks for the ActivityPub representation (`application/activity+json`, or
 * `application/ld+json` with the ActivityStreams profile) over every other one the URL has:
 * the fourth representation of `/` and of each post, negotiated like the three others. Mastodon
 * sends `application/activity+json, application/ld+json; profile="…", text/html;q=0.1`: the
 * activity types win. A browser's `*\/*;q=0.8` rates them below its text/html.
 */
const PROFILE = "https://www.w3.org/ns/activitystreams";

export function wantsActivity(accept: string | null): boolean {
  // Most requests never mention either type: one substring test, and the page path goes on.
  if (accept === null || !/activity\+json|ld\+json/i.test(accept)) return false;
  const ranges = parseAccept(accept);
  let q = 0;
  for (const r of ranges) {
    const activity = r.type === "application" && r.subtype === "activity+json";
    const ld = r.type === "application" && r.subtype === "ld+json" && (r.params.profile ?? "").split(/\s+/).includes(PROFILE);
    if ((activity || ld) && r.q > q) q = r.q;
  }
  if (q === 0) return false;
  return FORMATS.every((f) => qualityOf(ranges, MEDIA_TYPES[f]) <= q);
}
