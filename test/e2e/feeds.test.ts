// The feeds as readers see them: /feed.xml through a feed reader's parser, /feed.json against
// the JSON Feed 1.1 rules (https://www.jsonfeed.org/version/1.1/).
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { parseFeed } from "@rowanmanning/feed-parser";
import { get } from "./lib/site.ts";

const posts = async () =>
  (JSON.parse((await get("/index.json", "application/json")).text) as { posts: { url: string; title: string }[] }).posts;

test("/feed.xml: an Atom feed a reader parses, one entry per post with content", async () => {
  const { status, type, text } = await get("/feed.xml", "*/*");
  assert.equal(status, 200);
  assert.match(type, /^application\/atom\+xml/);
  const feed = parseFeed(text);
  assert.equal(feed.meta.type, "atom");
  assert.ok(feed.title, "feed has no title");
  assert.ok(feed.url, "feed has no alternate (home page) link");
  assert.ok(feed.updated, "feed has no updated date");
  const expected = await posts();
  assert.equal(feed.items.length, Math.min(expected.length, 20));
  for (const item of feed.items) {
    assert.ok(item.id && item.title && item.url, `entry lacks id, title or link: ${item.id}`);
    assert.ok(item.content && item.content.length > 100, `entry ${item.id} has no content`);
    assert.ok(item.published || item.updated, `entry ${item.id} has no date`);
  }
  assert.deepEqual(
    feed.items.map((i) => i.url),
    expected.slice(0, 20).map((p) => p.url),
  );
});

test("/feed.json: JSON Feed 1.1", async () => {
  const { status, type, text } = await get("/feed.json", "*/*");
  assert.equal(status, 200);
  assert.match(type, /^application\/feed\+json/);
  const feed = JSON.parse(text);
  assert.equal(feed.version, "https://jsonfeed.org/version/1.1");
  assert.equal(typeof feed.title, "string");
  assert.ok(feed.title.length > 0);
  for (const key of ["home_page_url", "feed_url"])
    if (key in feed) assert.match(feed[key], /^https?:\/\//, `${key} is not absolute`);
  if ("authors" in feed) {
    assert.ok(Array.isArray(feed.authors));
    for (const a of feed.authors) assert.ok(a.name || a.url || a.avatar, "an author needs name, url or avatar");
  }
  assert.ok(Array.isArray(feed.items), "items must be an array");
  assert.ok(feed.items.length > 0);
  const ids = new Set<string>();
  for (const item of feed.items) {
    assert.equal(typeof item.id, "string", "item.id must be a string");
    assert.ok(item.id.length > 0 && !ids.has(item.id), `item id empty or repeated: ${item.id}`);
    ids.add(item.id);
    assert.ok(
      typeof item.content_html === "string" || typeof item.content_text === "string",
      `item ${item.id} has no content_html or content_text`,
    );
    for (const key of ["date_published", "date_modified"]) {
      if (key in item)
        assert.ok(!Number.isNaN(Date.parse(item[key])) && /T.*(Z|[+-]\d\d:\d\d)$/.test(item[key]), `${key} is not RFC 3339`);
    }
    if ("tags" in item) assert.ok(item.tags.every((t: unknown) => typeof t === "string"));
    if ("url" in item) assert.match(item.url, /^https?:\/\//);
  }
});

test("a tag's own feeds: Atom a reader parses and JSON Feed 1.1, announced on the tag page", async () => {
  const page = (await get("/tags/rust")).text;
  assert.match(page, /<link rel="alternate" type="application\/atom\+xml" title="[^"]*" href="\/tags\/rust\/feed.xml"\/>/);
  assert.match(page, /<link rel="alternate" type="application\/feed\+json" title="[^"]*" href="\/tags\/rust\/feed.json"\/>/);
  const atom = await get("/tags/rust/feed.xml", "*/*");
  assert.equal(atom.status, 200);
  const feed = parseFeed(atom.text);
  assert.equal(feed.meta.type, "atom");
  const tagged = (JSON.parse((await get("/tags/rust.json", "application/json")).text) as { posts: { url: string }[] }).posts;
  assert.deepEqual(
    feed.items.map((i) => i.url),
    tagged.slice(0, 20).map((p) => p.url),
  );
  for (const item of feed.items) assert.ok(item.content && item.content.length > 20, `entry ${item.id} has no content`);
  const json = JSON.parse((await get("/tags/rust/feed.json", "*/*")).text);
  assert.equal(json.version, "https://jsonfeed.org/version/1.1");
  assert.deepEqual(
    json.items.map((i: { url: string }) => i.url),
    tagged.slice(0, 20).map((p) => p.url),
  );
});
