// `node --test --test-global-setup`: one blog server for every test file. Test files run in
// child processes, which inherit E2E_BASE_URL from here.
import { createServer } from "node:net";
import { assembleBlog } from "./lib/blog.ts";
import { type Server, startServer } from "./lib/server.ts";

let server: Server | undefined;

export async function globalSetup(): Promise<void> {
  if (process.env.E2E_BASE_URL) return; // testing a server that is already running
  await assembleBlog();
  const port = Number(process.env.E2E_PORT ?? (await freePort()));
  server = await startServer(port);
  process.env.E2E_BASE_URL = server.url;
}

export async function globalTeardown(): Promise<void> {
  await server?.stop();
}

/** A port nothing listens on right now (the OS picks it). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no free port");
  return address.port;
}
