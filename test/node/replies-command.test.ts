/**
 * `npm run replies` (tools/replies.ts): the SQL each command runs on federation's D1, quoted so
 * an id or a name from another server cannot run SQL of its own; and the real command against a
 * local database made from migrations/.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { commandSql, sqlText } from "../../tools/replies.ts";

test("each command's SQL, with every value quoted", () => {
  assert.equal(sqlText("it's"), "'it''s'");
  assert.equal(
    commandSql("approve", "https://social.example/notes/1'); DROP TABLE keys; --"),
    "UPDATE interactions SET status = 'approved' WHERE id = 'https://social.example/notes/1''); DROP TABLE keys; --' AND kind IN ('reply', 'mention') RETURNING id",
  );
  assert.match(
    commandSql("block", "spam.example"),
    /VALUES \('spam\.example', \d+\); UPDATE interactions SET status = 'rejected' WHERE actor LIKE 'https:\/\/spam\.example\/%' RETURNING id$/,
  );
  assert.match(
    commandSql("block", "https://social.example/users/troll"),
    /WHERE actor = 'https:\/\/social\.example\/users\/troll' RETURNING id$/,
  );
  assert.throws(() => commandSql("approve", undefined), /approve needs an argument/);
  assert.throws(() => commandSql("block", "not a host"), /neither an account URL nor a host/);
  assert.throws(() => commandSql("delete-everything", "x"), /unknown command "delete-everything"/);
});

test("against a local D1: list what waits, approve one, block a host", () => {
  const root = resolve(import.meta.dirname, "../..");
  const dir = mkdtempSync(join(tmpdir(), "replies-"));
  try {
    // A project with federation's database bound, sharing this one's packages and migrations.
    cpSync(join(root, "migrations"), join(dir, "migrations"), { recursive: true });
    cpSync(join(root, "tools"), join(dir, "tools"), { recursive: true, filter: (p) => !p.includes("node_modules") });
    symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
    writeFileSync(
      join(dir, "wrangler.toml"),
      'name = "t"\nmain = "x.js"\ncompatibility_date = "2026-11-01"\n[[d1_databases]]\nbinding = "DB"\ndatabase_name = "t"\ndatabase_id = "00000000-0000-0000-0000-000000000000"\nmigrations_dir = "migrations"\n',
    );
    const env = { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" };
    const wrangler = (...args: string[]) =>
      execFileSync(process.execPath, [join(root, "node_modules", "wrangler", "bin", "wrangler.js"), ...args], {
        cwd: dir,
        env,
        encoding: "utf8",
      });
    wrangler("d1", "migrations", "apply", "DB", "--local");
    wrangler(
      "d1",
      "execute",
      "DB",
      "--local",
      "--command",
      "INSERT INTO interactions (id, post_slug, kind, actor, author_name, content_html, status, created_at) VALUES ('https://a.example/n/1', 'hello', 'reply', 'https://a.example/u/ana', 'Ana', '<p>Hi</p>', 'pending', 1), ('https://spam.example/n/2', 'hello', 'reply', 'https://spam.example/u/x', 'X', '<p>Buy</p>', 'pending', 2)",
    );
    const run = (...args: string[]) =>
      execFileSync(process.execPath, [join(dir, "tools", "replies.ts"), ...args], { cwd: dir, env, encoding: "utf8" });
    const listed = run("list");
    assert.match(listed, /https:\/\/a\.example\/n\/1/);
    assert.match(listed, /https:\/\/spam\.example\/n\/2/);
    assert.match(run("approve", "https://a.example/n/1"), /✓ approve: 1 row\(s\) changed/);
    assert.match(run("block", "spam.example"), /✓ block: 1 row\(s\) changed/);
    assert.equal(run("list"), "No replies waiting.\n");
    const status = JSON.parse(
      wrangler("d1", "execute", "DB", "--local", "--json", "--command", "SELECT id, status FROM interactions ORDER BY id"),
    )[0].results;
    assert.deepEqual(status, [
      { id: "https://a.example/n/1", status: "approved" },
      { id: "https://spam.example/n/2", status: "rejected" },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
