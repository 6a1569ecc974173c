/**
 * Moderating replies (docs/federation.md): a command in the repo, not an admin page, so nothing
 * about moderation is exposed on the web. It runs SQL on federation's D1 database through
 * wrangler: the local one `npm start` uses, or with --remote the deployed one.
 *
 *   npm run replies -- list [--all] [--remote]
 *   npm run replies -- approve <reply id> [--remote]
 *   npm run replies -- reject <reply id> [--remote]
 *   npm run replies -- block <account URL or host> [--remote]    (and rejects what it sent)
 *   npm run replies -- unblock <account URL or host> [--remote]
 */
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

/** A value in SQL text: wrangler's `--command` takes no parameters, so quotes are doubled. */
export const sqlText = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** An account URL, or a host whose every account is meant. */
function target(value: string): { actor?: string; host?: string } {
  if (/^https?:\/\//.test(value)) return { actor: new URL(value).href };
  if (/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(value)) return { host: value.toLowerCase() };
  throw new Error(`"${value}" is neither an account URL nor a host`);
}

/** The SQL a command runs (pure, for the tests). */
export function commandSql(command: string, arg: string | undefined, all = false): string {
  const need = () => {
    if (!arg) throw new Error(`${command} needs an argument: see npm run replies -- help`);
    return arg;
  };
  switch (command) {
    case "list":
      return `SELECT id, post_slug AS post, author_name AS author, status, substr(content_html, 1, 80) AS text FROM interactions WHERE kind IN ('reply', 'mention')${all ? "" : " AND status = 'pending'"} ORDER BY created_at`;
    case "approve":
    case "reject":
      return `UPDATE interactions SET status = ${sqlText(command === "approve" ? "approved" : "rejected")} WHERE id = ${sqlText(need())} AND kind IN ('reply', 'mention') RETURNING id`;
    case "block": {
      const t = target(need());
      const match = t.actor ? `actor = ${sqlText(t.actor)}` : `actor LIKE ${sqlText(`https://${t.host}/%`)}`;
      return `INSERT OR IGNORE INTO blocks (target, created_at) VALUES (${sqlText(t.actor ?? (t.host as string))}, ${Date.now()}); UPDATE interactions SET status = 'rejected' WHERE ${match} RETURNING id`;
    }
    case "unblock": {
      const t = target(need());
      return `DELETE FROM blocks WHERE target = ${sqlText(t.actor ?? (t.host as string))} RETURNING target`;
    }
    default:
      throw new Error(`unknown command "${command}": list, approve, reject, block or unblock`);
  }
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { remote: { type: "boolean", default: false }, all: { type: "boolean", default: false } },
  });
  const [command = "list", arg] = positionals;
  let sql: string;
  try {
    sql = commandSql(command, arg, values.all);
  } catch (e) {
    console.error(`✗ ${(e as Error).message}`);
    process.exit(2);
  }
  const root = resolve(import.meta.dirname, "..");
  const out = execFileSync(
    process.execPath,
    [
      join(root, "node_modules", "wrangler", "bin", "wrangler.js"),
      "d1",
      "execute",
      "DB",
      values.remote ? "--remote" : "--local",
      "--json",
      "--command",
      sql,
    ],
    {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
    },
  );
  // The last statement's rows: what `list` found, or what the change RETURNING named (local D1
  // reports no change counts).
  const rows = (JSON.parse(out) as { results: Record<string, unknown>[] }[]).at(-1)?.results ?? [];
  if (command === "list") {
    if (rows.length === 0) console.log("No replies waiting.");
    else console.table(rows);
  } else console.log(`✓ ${command}: ${rows.length} row(s) changed`);
}
