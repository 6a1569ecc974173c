/**
 * The round trip with a real fediverse peer (issue 26 §4): the blog, served by `wrangler dev`
 * from a copy of this project with federation on and its local D1 (migrated as `npm start` does,
 * tools/local-d1.ts), and Fedify (the ActivityPub framework Ghost and Hollo are built on) running
 * an account, ana, on another loopback port. Ana:
 *   1. looks the blog up by WebFinger and fetches its actor;
 *   2. follows it, and receives the Accept (Fedify verifies its signature, or drops it);
 *   3. receives the Create of a post scheduled a few seconds ahead, once its instant has passed
 *      and the Cron Trigger runs (wrangler dev --test-scheduled), signature verified again;
 *   4. replies to a post; the reply waits (moderation: manual), is approved with
 *      `npm run replies -- approve`, and then shows under the post.
 * Loopback is allowed on both sides by their explicit settings (FEDERATION_ALLOW_LOOPBACK,
 * Fedify's allowPrivateAddress); nothing leaves the machine.
 */
import assert from "node:assert/strict";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createServer as netServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { createFederation, type Federation, generateCryptoKeyPair, MemoryKvStore } from "@fedify/fedify";
import { Accept, Create, Endpoints, Follow, Note, Person, PUBLIC_COLLECTION } from "@fedify/vocab";
import { lookupWebFinger } from "@fedify/webfinger";

const root = resolve(import.meta.dirname, "../..");
const freePort = () =>
  new Promise<number>((done) => {
    const s = netServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });

const blogPort = await freePort();
const anaPort = await freePort();
const BLOG = `http://127.0.0.1:${blogPort}`;
const ANA_ORIGIN = `http://127.0.0.1:${anaPort}`;
/** The scheduled post's instant: far enough ahead to be hidden while the blog starts. */
const later = new Date(Math.ceil((Date.now() + 45_000) / 1000) * 1000);

let dir = "";
let blog: ChildProcess | undefined;
let peer: Server | undefined;
const log: string[] = [];

/** What ana's inbox received, verified by Fedify. */
const inbox = { accepts: [] as string[], creates: [] as string[] };
const waiters: (() => void)[] = [];
const until = async (check: () => boolean, what: string, ms = 30_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${log.join("").slice(-3000)}`);
    await new Promise<void>((r) => {
      waiters.push(r);
      setTimeout(r, 200);
    });
  }
};

let federation: Federation<void>;
const keys = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");

before(async () => {
  // The blog: this project, its own tracked files, and a content/ with federation on.
  dir = mkdtempSync(join(tmpdir(), "peer-"));
  const files = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of files) {
    if (file.startsWith("content/") || file.startsWith("test/")) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(root, file), join(dir, file));
  }
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  cpSync(join(root, "test", "fixtures", "blog-fedi"), join(dir, "content"), { recursive: true });
  const site = readFileSync(join(dir, "content", "site.yaml"), "utf8")
    .replace(/^origin: .*$/m, `origin: ${BLOG}`)
    .replace(/moderation: \w+/, "moderation: manual");
  writeFileSync(join(dir, "content", "site.yaml"), site);
  writeFileSync(
    join(dir, "content", "posts", "later.md"),
    `---\ntitle: Written for later\ndate: ${later.toISOString().replace(/\.\d+Z$/, "Z")}\n---\n\nNow live.\n`,
  );
  // Federation's database bound, and loopback allowed: the setting for local development.
  writeFileSync(
    join(dir, "wrangler.toml"),
    `${readFileSync(join(dir, "wrangler.toml"), "utf8")}
[[d1_databases]]
binding = "DB"
database_name = "edge-blog"
database_id = "00000000-0000-0000-0000-000000000000"
migrations_dir = "migrations"

[vars]
FEDERATION_ALLOW_LOOPBACK = "true"
`,
  );
  const env = {
    ...process.env,
    CI: "true",
    WRANGLER_SEND_METRICS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    BLOG_PREVIEW: "",
  };
  execFileSync(process.execPath, ["tools/local-d1.ts"], { cwd: dir, env, stdio: "ignore" });
  blog = spawn(
    process.execPath,
    [
      join(root, "node_modules", "wrangler", "bin", "wrangler.js"),
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(blogPort),
      "--test-scheduled",
    ],
    { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  blog.stdout?.on("data", (d) => log.push(String(d)));
  blog.stderr?.on("data", (d) => log.push(String(d)));

  // Ana, on Fedify.
  federation = createFederation<void>({ kv: new MemoryKvStore(), allowPrivateAddress: true });
  federation
    .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
      if (identifier !== "ana") return null;
      const [pair] = await ctx.getActorKeyPairs(identifier);
      return new Person({
        id: ctx.getActorUri(identifier),
        preferredUsername: identifier,
        name: "Ana Peer",
        url: new URL(`/@${identifier}`, ctx.origin),
        inbox: ctx.getInboxUri(identifier),
        endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
        publicKey: pair?.cryptographicKey,
      });
    })
    .setKeyPairsDispatcher(async (_ctx, identifier) => (identifier === "ana" ? [keys] : []));
  federation
    .setInboxListeners("/users/{identifier}/inbox", "/inbox")
    .on(Accept, async (_ctx, accept) => {
      inbox.accepts.push(accept.objectId?.href ?? "");
      for (const w of waiters.splice(0)) w();
    })
    .on(Create, async (_ctx, create) => {
      inbox.creates.push(create.objectId?.href ?? "");
      for (const w of waiters.splice(0)) w();
    });
  peer = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const request = new Request(`${ANA_ORIGIN}${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
    });
    const response = await federation.fetch(request, { contextData: undefined });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    res.writeHead(response.status, headers);
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((r) => peer?.listen(anaPort, "127.0.0.1", r));

  // The blog is up when its WebFinger answers.
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await fetch(`${BLOG}/.well-known/nodeinfo`)).ok) break;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`the blog did not start:\n${log.join("")}`);
    await new Promise((r) => setTimeout(r, 500));
  }
});

after(async () => {
  blog?.kill("SIGTERM");
  peer?.closeAllConnections();
  peer?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ctx = () => federation.createContext(new URL(ANA_ORIGIN), undefined);

test("Fedify looks the blog up by WebFinger and reads its actor and key", async () => {
  const jrd = await lookupWebFinger(`${BLOG}/`, { allowPrivateAddress: true });
  assert.equal(jrd?.subject, `acct:notes@127.0.0.1:${blogPort}`);
  const self = jrd?.links?.find((l) => l.rel === "self")?.href;
  assert.equal(self, `${BLOG}/actor`);
  const actor = await ctx().lookupObject(self as string);
  assert.ok(actor instanceof Person, "the actor is a Person");
  assert.equal(actor.preferredUsername, "notes");
  assert.equal(actor.inboxId?.href, `${BLOG}/inbox`);
  const key = await actor.getPublicKey();
  assert.equal(key?.id?.href, `${BLOG}/actor#main-key`);
});

test("ana follows the blog and receives its Accept, signature verified by Fedify", async () => {
  const c = ctx();
  const blogActor = (await c.lookupObject(`${BLOG}/actor`)) as Person;
  const follow = new Follow({ id: new URL(`${ANA_ORIGIN}/follows/1`), actor: c.getActorUri("ana"), object: blogActor.id });
  await c.sendActivity({ identifier: "ana" }, blogActor, follow);
  await until(() => inbox.accepts.length > 0, "the Accept");
  assert.deepEqual(inbox.accepts, [`${ANA_ORIGIN}/follows/1`]);
  const followers = (await (await fetch(`${BLOG}/followers`, { headers: { accept: "application/activity+json" } })).json()) as {
    totalItems: number;
  };
  assert.equal(followers.totalItems, 1);
});

test("the scheduled post reaches ana once its instant has passed and the Cron Trigger runs", async () => {
  // Before its instant: not in the outbox, and the Cron run announces nothing.
  await fetch(`${BLOG}/__scheduled?cron=*+*+*+*+*`);
  assert.deepEqual(inbox.creates, []);
  const wait = later.getTime() + 1500 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  await fetch(`${BLOG}/__scheduled?cron=*+*+*+*+*`);
  await until(() => inbox.creates.length > 0, "the Create");
  assert.deepEqual(inbox.creates, [`${BLOG}/posts/later`]);
  // The next run sends nothing again.
  await fetch(`${BLOG}/__scheduled?cron=*+*+*+*+*`);
  await new Promise((r) => setTimeout(r, 1000));
  assert.deepEqual(inbox.creates, [`${BLOG}/posts/later`]);
});

test("ana's reply waits for approval, then shows under the post", async () => {
  const c = ctx();
  const blogActor = (await c.lookupObject(`${BLOG}/actor`)) as Person;
  const note = new Note({
    id: new URL(`${ANA_ORIGIN}/notes/1`),
    attribution: c.getActorUri("ana"),
    replyTarget: new URL(`${BLOG}/posts/hello`),
    content: "<p>Replying from Fedify: <strong>lovely</strong> post!</p>",
    to: PUBLIC_COLLECTION,
  });
  await c.sendActivity(
    { identifier: "ana" },
    blogActor,
    new Create({ id: new URL(`${ANA_ORIGIN}/creates/1`), actor: c.getActorUri("ana"), object: note, to: PUBLIC_COLLECTION }),
  );
  const page = async () => (await fetch(`${BLOG}/posts/hello`)).text();
  const env = { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" };
  // Waiting: the moderation command lists it (the page is not asked yet, so nothing of it is kept).
  let listed = "";
  await until(() => {
    listed = execFileSync(process.execPath, ["tools/replies.ts", "list"], { cwd: dir, env, encoding: "utf8" });
    return listed.includes(`${ANA_ORIGIN}/notes/1`);
  }, "the reply to be stored");
  const approved = execFileSync(process.execPath, ["tools/replies.ts", "approve", `${ANA_ORIGIN}/notes/1`], {
    cwd: dir,
    env,
    encoding: "utf8",
  });
  assert.match(approved, /✓ approve: 1 row\(s\) changed/);
  // Replies are read at most once a minute per post and isolate: this one was not read since.
  const html = await page();
  assert.match(html, /<a href="http:\/\/127\.0\.0\.1:\d+\/@ana" rel="nofollow ugc">Ana Peer<\/a>/);
  assert.match(html, /<p>Replying from Fedify: lovely post!<\/p>/);
});
