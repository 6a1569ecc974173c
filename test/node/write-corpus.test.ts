/**
 * src/build/write-corpus.ts: a file that names its inputs is left alone, without being made,
 * while its inputs, the code and the file on disk are what they were; anything else makes it.
 *
 *   node --test test/node/write-corpus.test.ts
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { writeCorpus } from "../../src/build/write-corpus.ts";
import { corpusLocation } from "../../src/shared/corpus.ts";

const work = mkdtempSync(join(tmpdir(), "edge-blog-write-corpus-"));
after(() => rmSync(work, { recursive: true, force: true }));

const KEY = "0123456789abcdef0123456789abcdef";

test("a file with the same inputs is not made again; new inputs, new code or a changed file make it", async () => {
  const assets = join(work, "assets");
  const manifest = join(work, "written.json");
  const path = "/_content/posts/a.json";
  const stored = join(assets, corpusLocation(path, KEY));
  let made = 0;
  const source = (inputs: string[], body: string) => ({
    path,
    inputs,
    body: () => {
      made++;
      return body;
    },
  });
  const write = (inputs: string[], body: string, code = "v1") => writeCorpus(assets, [source(inputs, body)], KEY, manifest, code);

  assert.deepEqual(await write(["x", "y"], '{"a":1}'), { written: 1, removed: 0 });
  assert.equal(made, 1);
  assert.equal(readFileSync(stored, "utf8"), '{"a":1}');

  // The same inputs and code: left alone, never made.
  assert.deepEqual(await write(["x", "y"], "never asked for"), { written: 0, removed: 0 });
  assert.equal(made, 1);
  assert.equal(readFileSync(stored, "utf8"), '{"a":1}');

  // Inputs that would run together if joined ("xy" and "" against "x" and "y") are different inputs.
  assert.deepEqual(await write(["xy", ""], '{"a":2}'), { written: 1, removed: 0 });
  assert.equal(made, 2);
  assert.equal(readFileSync(stored, "utf8"), '{"a":2}');

  // Other code (an engine upgrade): made again; the same bytes are not written again.
  assert.deepEqual(await write(["xy", ""], '{"a":2}', "v2"), { written: 0, removed: 0 });
  assert.equal(made, 3);

  // The file changed behind the build's back: made and written again, though its inputs did not change.
  writeFileSync(stored, '{"a":9}');
  assert.deepEqual(await write(["xy", ""], '{"a":2}', "v2"), { written: 1, removed: 0 });
  assert.equal(made, 4);
  assert.equal(readFileSync(stored, "utf8"), '{"a":2}');

  // A file no longer in the corpus is removed.
  assert.deepEqual(await writeCorpus(assets, [], KEY, manifest, "v2"), { written: 0, removed: 1 });
});
