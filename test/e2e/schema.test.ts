// The JSON representations against docs/blog.schema.json (JSON Schema 2020-12, with formats).
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { firstPostPath, get, TAG_PATH } from "./lib/site.ts";

const schema = JSON.parse(readFileSync(join(import.meta.dirname, "../../docs/blog.schema.json"), "utf8"));
// Strict mode: unknown keywords and loose types in the schema fail too.
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
ajv.addSchema(schema);

async function check(path: string, def: string) {
  const { status, type, text } = await get(path, "application/json");
  assert.equal(status, 200, `${path} answers ${status}`);
  assert.match(type, /^application\/json/);
  const validate = ajv.getSchema(`${schema.$id}#/$defs/${def}`);
  assert.ok(validate, `no $defs/${def} in the schema`);
  const ok = validate(JSON.parse(text));
  assert.ok(ok, `${path} is not a valid "${def}": ${ajv.errorsText(validate.errors, { separator: "\n" })}`);
}

test("/index.json is an index", () => check("/index.json", "index"));
test("/posts/<slug>.json is a post", async () => check(`${await firstPostPath()}.json`, "post"));
test("/tags.json is a tag list", () => check("/tags.json", "tags"));
test(`${TAG_PATH}.json is a tag`, async (t) => {
  if ((await get(`${TAG_PATH}.json`, "application/json")).status === 404) return t.todo("tag pages pending");
  await check(`${TAG_PATH}.json`, "tag");
});
test("a missing page's JSON is a problem document", async () => {
  const { status, type, text } = await get("/posts/no-such-post.json", "application/json");
  assert.equal(status, 404);
  assert.match(type, /^application\/problem\+json/);
  const validate = ajv.getSchema(`${schema.$id}#/$defs/problem`);
  assert.ok(validate?.(JSON.parse(text)), ajv.errorsText(validate?.errors));
});
