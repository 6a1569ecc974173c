// `node --test --test-global-setup`: one blog server for every test file. Test files run in
// child processes, which inherit E2E_BASE_URL from here.
import { assembleBlog } from "./lib/blog.ts";
import { freePort, type Server, startServer } from "./lib/server.ts";

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
