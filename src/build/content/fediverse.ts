import type { Fediverse } from "../../shared/types.ts";
import { unknownFieldMessage } from "./suggest.ts";

/**
 * `fediverse:` in content/site.yaml turns federation on (docs/federation.md): the blog becomes
 * an ActivityPub actor that Mastodon users follow as `@<handle>@<host>`. Off when absent, and
 * then nothing of it is routed.
 */

const KNOWN = ["handle", "moderation"];
const MODERATION = ["manual", "followers", "open"] as const;
/** Mastodon's own rule for a username: letters, digits and underscores, at most 30. */
const HANDLE = /^[a-z0-9_]{1,30}$/;

export function parseFediverse(value: unknown, at: (field: string, message: string) => void): Fediverse | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    at("fediverse", 'must be a mapping like { handle: "blog" }');
    return undefined;
  }
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v)) if (!KNOWN.includes(key)) at(`fediverse.${key}`, unknownFieldMessage(key, KNOWN));
  const handle = typeof v.handle === "string" ? v.handle.trim() : undefined;
  if (handle === undefined) at("fediverse.handle", 'is required: the name readers follow, e.g. "blog" for @blog@your.host');
  else if (!HANDLE.test(handle))
    at(
      "fediverse.handle",
      `must be 1 to 30 lower-case letters, digits or underscores (as Mastodon allows), got ${JSON.stringify(v.handle)}`,
    );
  const moderation = v.moderation ?? "manual";
  if (!(MODERATION as readonly unknown[]).includes(moderation))
    at("fediverse.moderation", `must be one of ${MODERATION.join(", ")}, got ${JSON.stringify(moderation)}`);
  if (handle === undefined || !HANDLE.test(handle) || !(MODERATION as readonly unknown[]).includes(moderation)) return undefined;
  return { handle, moderation: moderation as Fediverse["moderation"] };
}
