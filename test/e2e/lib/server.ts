// Starts the blog with `wrangler dev` (which builds the content first: the suite's own blog) in
// its own process group, waits until it answers, and stops the whole group.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";

export interface Server {
  url: string;
  stop(): Promise<void>;
  /** What wrangler dev has printed so far (its last 20,000 characters): what an author's terminal shows. */
  output(): string;
}

const READY_TIMEOUT_MS = 120_000;

export interface ServerOptions {
  /** The project folder to serve from (a copy, for the live reload test). */
  cwd?: string;
  /** `npm start`'s preview (drafts, no-cache, live reload) instead of the build that deploys. */
  preview?: boolean;
  /** The content folder; the default is the suite's blog (lib/blog.ts), never the author's. */
  content?: string;
}

/**
 * `wrangler dev`, which builds the content first. By default the build is the one that deploys
 * (what readers, validators and Lighthouse should see); `preview: true` is `npm start` itself.
 */
export async function startServer(port: number, options: ServerOptions = {}): Promise<Server> {
  const url = `http://127.0.0.1:${port}`;
  const args = ["--port", String(port), "--ip", "127.0.0.1"];
  const child = spawn("npm", options.preview ? ["start", "--", ...args] : ["exec", "--", "wrangler", "dev", ...args], {
    cwd: options.cwd,
    detached: true, // its own process group, so stop() reaches wrangler and workerd too
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      ...(options.content === undefined && options.cwd !== undefined
        ? {}
        : { BLOG_CONTENT: options.content ?? process.env.E2E_CONTENT ?? "test/e2e/.blog" }),
      BLOG_PREVIEW: options.preview ? "1" : "",
      WRANGLER_SEND_METRICS: "false",
      CI: "true",
      NO_COLOR: "1",
    },
  });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const server: Server = { url, stop: () => stopGroup(child), output: () => log };
  try {
    await waitUntilReady(url, child);
  } catch (err) {
    await server.stop();
    throw new Error(`${(err as Error).message}\n--- wrangler dev output ---\n${log}`);
  }
  return server;
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`wrangler dev was not ready on ${url} within ${READY_TIMEOUT_MS / 1000}s`);
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), sig);
    } catch {
      // the group is already gone
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
  signal("SIGKILL"); // workerd children that outlived their parent
}

/** A port nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no free port");
  return address.port;
}
