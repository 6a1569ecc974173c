import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { consumeDeliveries, deliver } from "../../src/worker/federation/deliver.ts";
import type { FederationEnv } from "../../src/worker/federation/env.ts";
import type { FederationMessage } from "../../src/worker/federation/messages.ts";
import { db, ORIGIN } from "./helpers.ts";

/**
 * The Queue consumer (src/worker/federation/deliver.ts) against servers that hang, fail, refuse
 * or take the delivery: each pair is sent once, retried with backoff, or given up on.
 */

const fedEnv = env as unknown as FederationEnv;
const site = { origin: ORIGIN } as never;
const fediverse = { handle: "notes", moderation: "manual" } as const;
const INBOX = "https://social.example/inbox";

/** A batch of one message, recording what the consumer did with it. */
function batch(body: FederationMessage, attempts = 1) {
  const done: string[] = [];
  const message = {
    id: "m",
    timestamp: new Date(),
    attempts,
    body,
    ack: () => done.push("ack"),
    retry: (o?: { delaySeconds?: number }) => done.push(`retry ${o?.delaySeconds}`),
  };
  return {
    done,
    batch: { queue: "q", messages: [message], ackAll() {}, retryAll() {} } as unknown as MessageBatch<FederationMessage>,
  };
}

const planned = async (id: string) => {
  const queued: FederationMessage[] = [];
  const e = {
    ...fedEnv,
    FEDERATION_QUEUE: { send: async (m: FederationMessage) => void queued.push(m) },
  } as unknown as FederationEnv;
  await deliver(e, { waitUntil() {} }, ORIGIN, { id, type: "Create" }, [INBOX]);
  return queued[0] as FederationMessage;
};

const status = async (id: string) =>
  (await db().prepare("SELECT status FROM deliveries WHERE activity_id = ?").bind(id).first<{ status: string }>())?.status;

afterEach(async () => {
  vi.restoreAllMocks();
  await db().batch(["deliveries", "failing", "followers"].map((t) => db().prepare(`DELETE FROM ${t}`)));
});

describe("delivering", () => {
  it("the same activity planned twice for one inbox is queued once", async () => {
    expect(await planned(`${ORIGIN}/posts/a#create-1`)).toMatchObject({ type: "deliver", inbox: INBOX });
    expect(await planned(`${ORIGIN}/posts/a#create-1`)).toBeUndefined();
  });

  it("a server that hangs until the timeout is retried later, with backoff, and marked failing", async () => {
    vi.spyOn(globalThis, "fetch").mockImplementation(async () => {
      // What the 10 s AbortSignal.timeout makes of a server that never answers.
      throw new DOMException("The operation was aborted due to timeout", "TimeoutError");
    });
    const id = `${ORIGIN}/posts/b#create-1`;
    const { done, batch: b } = batch(await planned(id), 3);
    await consumeDeliveries(b, fedEnv, site, fediverse);
    expect(done).toEqual(["retry 240"]);
    expect(await status(id)).toBe("pending");
    expect((await db().prepare("SELECT host FROM failing").first<{ host: string }>())?.host).toBe("social.example");
  });

  it("a signed POST the server takes is sent once: a repeated message sends nothing", async () => {
    const sent: Request[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      sent.push(new Request(input, init));
      return new Response(null, { status: 202 });
    });
    const id = `${ORIGIN}/posts/c#create-1`;
    const message = await planned(id);
    const first = batch(message);
    await consumeDeliveries(first.batch, fedEnv, site, fediverse);
    const again = batch(message);
    await consumeDeliveries(again.batch, fedEnv, site, fediverse);
    expect([first.done, again.done, sent.length, await status(id)]).toEqual([["ack"], ["ack"], 1, "sent"]);
    expect(sent[0]?.headers.get("signature")).toMatch(
      /^keyId="https:\/\/blog\.example\/actor#main-key",algorithm="rsa-sha256",headers="\(request-target\) host date digest",signature="/,
    );
  });

  it("a refusal (410) is not retried; a server failing for a week is dropped with its followers", async () => {
    vi.spyOn(globalThis, "fetch").mockImplementation(async () => new Response("gone", { status: 410 }));
    const gone = `${ORIGIN}/posts/d#create-1`;
    const g = batch(await planned(gone));
    await consumeDeliveries(g.batch, fedEnv, site, fediverse);
    expect([g.done, await status(gone)]).toEqual([["ack"], "dropped"]);

    vi.spyOn(globalThis, "fetch").mockImplementation(async () => new Response("down", { status: 503 }));
    await db()
      .prepare("INSERT INTO failing (host, since) VALUES ('social.example', ?)")
      .bind(Date.now() - 8 * 86_400_000)
      .run();
    await db()
      .prepare(
        "INSERT INTO followers (actor, inbox, shared_inbox, follow_id, created_at) VALUES ('https://social.example/users/ana', 'https://social.example/users/ana/inbox', ?, 'f', 0)",
      )
      .bind(INBOX)
      .run();
    const dead = `${ORIGIN}/posts/e#create-1`;
    const d = batch(await planned(dead));
    await consumeDeliveries(d.batch, fedEnv, site, fediverse);
    expect([d.done, await status(dead)]).toEqual([["ack"], "dropped"]);
    expect((await db().prepare("SELECT COUNT(*) AS n FROM followers").first<{ n: number }>())?.n).toBe(0);
  });
});
