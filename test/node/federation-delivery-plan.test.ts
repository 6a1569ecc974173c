/** What followers are sent (src/worker/federation/delivery-plan.ts), as pure decisions. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { activityId, inboxesFor, isDead, planDeliveries, retryDelaySeconds } from "../../src/worker/federation/delivery-plan.ts";

const v = (slug: string, version = "1") => ({ slug, version });

test("a new post is announced, an edited one corrected, a removed one withdrawn; the rest is quiet", () => {
  const told = [v("a"), v("b"), v("c")];
  assert.deepEqual(planDeliveries(told, [v("a"), v("b", "2"), v("d")]), {
    create: [v("d")],
    update: [v("b", "2")],
    delete: [v("c")],
  });
  assert.deepEqual(planDeliveries(told, told), { create: [], update: [], delete: [] });
});

test("a scheduled post is news the minute it becomes visible, not before", () => {
  const told = [v("a")];
  // Before its instant the visible set does not hold it; after, it does: the same rule as a deploy.
  assert.deepEqual(planDeliveries(told, [v("a")]).create, []);
  assert.deepEqual(planDeliveries(told, [v("a"), v("later")]).create, [v("later")]);
});

test("turning federation on sends nothing: the posts already there are the baseline", () => {
  assert.deepEqual(planDeliveries(undefined, [v("a"), v("b")]), { create: [], update: [], delete: [] });
});

test("the same news has the same activity id, so it is delivered once", () => {
  const url = "https://blog.example/posts/a";
  assert.equal(activityId(url, "Create", "1"), "https://blog.example/posts/a#create-1");
  assert.equal(activityId(url, "Create", "1"), activityId(url, "Create", "1"));
  assert.notEqual(activityId(url, "Update", "2"), activityId(url, "Update", "3"));
});

test("one delivery per server with a shared inbox, one per follower without", () => {
  assert.deepEqual(
    inboxesFor([
      { inbox: "https://m.example/users/a/inbox", sharedInbox: "https://m.example/inbox" },
      { inbox: "https://m.example/users/b/inbox", sharedInbox: "https://m.example/inbox" },
      { inbox: "https://solo.example/actor/inbox" },
      { inbox: "https://solo.example/other/inbox" },
    ]),
    ["https://m.example/inbox", "https://solo.example/actor/inbox", "https://solo.example/other/inbox"],
  );
});

test("retries back off from a minute to six hours; a server failing for a week is dropped", () => {
  assert.deepEqual([1, 2, 3, 4, 10, 20].map(retryDelaySeconds), [60, 120, 240, 480, 21600, 21600]);
  const day = 86_400_000;
  assert.equal(isDead(undefined, 10 * day), false);
  assert.equal(isDead(0, 7 * day - 1), false);
  assert.equal(isDead(0, 7 * day), true);
});
