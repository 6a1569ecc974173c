-- Federation (docs/federation.md): what the blog must remember as an ActivityPub actor.
-- Applied by `npm start` and `npm test` locally, and by `wrangler d1 migrations apply DB --remote`.

-- The actor's key pair, created at first use. The private half never leaves this table.
CREATE TABLE keys (
  id TEXT PRIMARY KEY,
  public_pem TEXT NOT NULL,
  private_jwk TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

-- Who follows the blog, and where to deliver to them.
CREATE TABLE followers (
  actor TEXT PRIMARY KEY,
  inbox TEXT NOT NULL,
  shared_inbox TEXT,
  follow_id TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

-- Activity ids already received: a replayed activity changes nothing.
CREATE TABLE seen (
  id TEXT PRIMARY KEY,
  at INTEGER NOT NULL
);

-- Other servers' public keys, by keyId, kept for a day.
CREATE TABLE remote_keys (
  key_id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  public_pem TEXT NOT NULL,
  fetched_at INTEGER NOT NULL
);

-- What followers were last told of each post (delivery-plan.ts): the Cron run's baseline.
-- A row with slug '' marks that the baseline exists (federation was on at an earlier run).
CREATE TABLE announced (
  slug TEXT PRIMARY KEY,
  version TEXT NOT NULL
);

-- One row per activity per inbox: delivered once, however often it is planned or retried.
CREATE TABLE deliveries (
  activity_id TEXT NOT NULL,
  inbox TEXT NOT NULL,
  status TEXT NOT NULL, -- pending | sent | dropped
  attempts INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (activity_id, inbox)
);

-- Servers that keep failing, dropped after a week (delivery-plan.ts DEAD_AFTER_DAYS).
CREATE TABLE failing (
  host TEXT PRIMARY KEY,
  since INTEGER NOT NULL
);

-- Replies, likes, boosts and webmentions of posts.
CREATE TABLE interactions (
  id TEXT PRIMARY KEY,
  post_slug TEXT NOT NULL,
  kind TEXT NOT NULL, -- reply | like | boost | mention
  actor TEXT NOT NULL,
  author_name TEXT NOT NULL DEFAULT '',
  author_url TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  content_html TEXT NOT NULL DEFAULT '',
  published TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL, -- pending | approved | rejected
  created_at INTEGER NOT NULL
);
CREATE INDEX interactions_post ON interactions (post_slug, status);

-- Actors or hosts whose replies are never shown.
CREATE TABLE blocks (
  target TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL
);
