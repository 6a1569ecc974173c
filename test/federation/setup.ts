import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, vi } from "vitest";
import { settleAll } from "./helpers.ts";

// Each test file starts with the schema of migrations/ (vitest.config.ts reads them in Node).
const bound = env as unknown as { DB: D1Database; TEST_MIGRATIONS: Parameters<typeof applyD1Migrations>[1] };
await applyD1Migrations(bound.DB, bound.TEST_MIGRATIONS);

// A test's requests may leave work running (federation checks for news in the background): it
// ends before the next test starts, never after the file's database is gone.
afterEach(settleAll);

// Nothing leaves the machine: a fetch no test stands in for (a page a new post links to, told by
// Webmention) answers 404 rather than reaching the network.
beforeEach(() => {
  vi.spyOn(globalThis, "fetch").mockImplementation(async () => new Response("no network in tests", { status: 404 }));
});
