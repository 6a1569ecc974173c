// Every HTML route through the Nu HTML Checker (vnu-jar): zero errors. Warnings and info are
// printed as diagnostics, not failures.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { firstPostPath, get, IMAGES_PATH, NOT_FOUND_PATH, READER_PATH, TAG_PATH, WRITING_PATH } from "./lib/site.ts";

// The package's main module exports the jar's path.
const VNU = String(createRequire(import.meta.url)("vnu-jar"));

interface VnuMessage {
  type: "error" | "info" | "non-document-error";
  subType?: string;
  url: string;
  message: string;
  lastLine?: number;
  extract?: string;
}

test("Nu HTML Checker: no errors on every kind of page, a post with math and footnotes, one with the writing tools, and one with images", async (t) => {
  const routes = [
    "/",
    await firstPostPath(),
    READER_PATH,
    WRITING_PATH,
    IMAGES_PATH,
    "/tags",
    TAG_PATH,
    "/archive",
    "/search?q=rust",
    "/search?q=zebrafish",
    NOT_FOUND_PATH,
  ];
  const dir = mkdtempSync(join(tmpdir(), "e2e-vnu-"));
  const files = new Map<string, string>();
  try {
    for (const [i, route] of routes.entries()) {
      const { status, type, text } = await get(route);
      if (route === TAG_PATH && status === 404) {
        t.diagnostic(`${route} is 404 (tag pages pending): validated as the 404 page`);
      }
      assert.match(type, /^text\/html/, `${route} is not HTML`);
      const file = join(dir, `page${i}.html`);
      writeFileSync(file, text);
      files.set(`file:${file}`, route);
    }
    // vnu exits 1 when it finds errors; --exit-zero-always lets us read them all from stderr.
    const { stderr } = await promisify(execFile)(
      "java",
      ["-jar", VNU, "--format", "json", "--exit-zero-always", ...[...files.keys()].map((f) => f.slice(5))],
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const messages = (JSON.parse(stderr) as { messages: VnuMessage[] }).messages;
    const line = (m: VnuMessage) =>
      `${files.get(m.url) ?? m.url}:${m.lastLine ?? "?"} ${m.type}${m.subType ? `/${m.subType}` : ""}: ${m.message}`;
    // Info and warnings, counted per route and message (hono/jsx writes `<meta … />`, which
    // vnu notes once per void element).
    const notes = new Map<string, number>();
    for (const m of messages.filter((m) => m.type === "info")) {
      const key = `${files.get(m.url) ?? m.url} ${m.subType ?? "info"}: ${m.message}`;
      notes.set(key, (notes.get(key) ?? 0) + 1);
    }
    for (const [note, n] of notes) t.diagnostic(`${note} (×${n})`);
    assert.deepEqual(messages.filter((m) => m.type !== "info").map(line), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
