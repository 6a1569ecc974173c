import type { FederationMessage } from "./messages.ts";

/**
 * What federation needs bound to the Worker (docs/federation.md). All optional: a blog with
 * `fediverse` off binds none of them, and one with it on but no database answers federation's
 * routes with a 503 that says what to add.
 */
export interface FederationEnv {
  /** D1: keys, followers, deliveries, replies (migrations/). */
  DB?: D1Database;
  /** Deliveries, retried with backoff; without it they are sent once, in the background. */
  FEDERATION_QUEUE?: Queue<FederationMessage>;
  /** "true" lets fetches and deliveries reach loopback: local development and tests only. */
  FEDERATION_ALLOW_LOOPBACK?: string;
}
