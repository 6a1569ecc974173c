-- A reply's author's avatar, as their server names it, and the key it is served under
-- (/avatars/<key>): through the blog, so pages keep img-src 'self' and readers' browsers never
-- call the reply's server.
ALTER TABLE interactions ADD COLUMN avatar_url TEXT NOT NULL DEFAULT '';
ALTER TABLE interactions ADD COLUMN avatar_key TEXT NOT NULL DEFAULT '';
CREATE INDEX interactions_avatar ON interactions (avatar_key);
