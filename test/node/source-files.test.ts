/**
 * src/build/source-files.ts: a rebuild does not read a source file whose size and times are
 * what they were; anything else is read and decoded as on a first build.
 *
 *   node --test test/node/source-files.test.ts
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { sourceReader } from "../../src/build/source-files.ts";

const work = mkdtempSync(join(tmpdir(), "edge-blog-sources-"));
after(() => rmSync(work, { recursive: true, force: true }));

test("an unchanged file is handed on by its digest and read only if asked; a changed one is read again", () => {
  const memory = join(work, "sources.json");
  const post = join(work, "post.md");
  writeFileSync(post, "---\ntitle: One\n---\n\nText.\n");

  const first = sourceReader(memory);
  const one = first.read(post, "posts/post.md").file;
  assert.equal(one?.text, "---\ntitle: One\n---\n\nText.\n");
  assert.equal(one?.path, "posts/post.md");
  first.save();

  // Unchanged: the same digest, and the text is read only when asked for. Deleted after the
  // check, the file shows it was not read then.
  const second = sourceReader(memory);
  const two = second.read(post, "posts/post.md").file;
  assert.equal(two?.digest, one?.digest);
  const bytes = readFileSync(post);
  rmSync(post);
  assert.throws(() => two?.text, /ENOENT/);
  writeFileSync(post, bytes);
});

test("a file rewritten with the same size and its old times put back is read again: its ctime moved", () => {
  const memory = join(work, "ctime.json");
  const post = join(work, "ctime.md");
  writeFileSync(post, "---\ntitle: One\n---\n\nText.\n");
  // Whole milliseconds, which utimes can put back exactly.
  utimesSync(post, new Date(1_700_000_000_000), new Date(1_700_000_000_000));
  const first = sourceReader(memory);
  const one = first.read(post, "posts/ctime.md").file;
  first.save();
  const { atime, mtime, size } = statSync(post);
  writeFileSync(post, "---\ntitle: Two\n---\n\nText.\n");
  utimesSync(post, atime, mtime);
  assert.equal(statSync(post).size, size);
  assert.equal(statSync(post).mtimeMs, 1_700_000_000_000);
  const two = sourceReader(memory).read(post, "posts/ctime.md").file;
  assert.equal(two?.text, "---\ntitle: Two\n---\n\nText.\n");
  assert.notEqual(two?.digest, one?.digest);
});

test("a file that is not UTF-8 is reported on every build, never remembered", () => {
  const memory = join(work, "bad.json");
  const bad = join(work, "bad.md");
  writeFileSync(bad, Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xe9, 0x0a]));
  for (let build = 0; build < 2; build++) {
    const reader = sourceReader(memory);
    const { file, error } = reader.read(bad, "posts/bad.md");
    assert.equal(file, undefined);
    assert.deepEqual(error, { file: "posts/bad.md", field: "file", message: "is not valid UTF-8 text" });
    reader.save();
  }
});

test("a file that changes between the check and the read is an error to build again, never another file's text", () => {
  const memory = join(work, "race.json");
  const post = join(work, "race.md");
  writeFileSync(post, "---\ntitle: Race\n---\n\nA.\n");
  const first = sourceReader(memory);
  first.read(post, "posts/race.md");
  first.save();
  const lazy = sourceReader(memory).read(post, "posts/race.md").file;
  const { atime, mtime } = statSync(post);
  writeFileSync(post, "---\ntitle: Race\n---\n\nB.\n");
  utimesSync(post, atime, mtime);
  assert.throws(() => lazy?.text, /posts\/race\.md changed while the build was reading it: build again/);
});
