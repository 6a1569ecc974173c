import { exports } from "cloudflare:workers";
import { Validator } from "@cfworker/json-schema";
import schema from "../docs/blog.schema.json";

export const ORIGIN = "https://blog.fixture.test";
export const SITE_TITLE = "Fixture Notes";
export const SLUG = "rust-on-the-back-end";
export const POST = `/posts/${SLUG}`;

/** A request to the Worker under test, end to end through its fetch handler. */
export function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Response> {
  return exports.default.fetch(new Request(`http://localhost${path}`, { method, headers, redirect: "manual" }));
}

type Def = "post" | "index" | "tags" | "tag" | "problem";

/** Validates a JSON body against a definition of docs/blog.schema.json; returns the errors. */
export function schemaErrors(def: Def, value: unknown): string[] {
  const validator = new Validator(
    { $ref: `#/$defs/${def}`, $defs: (schema as { $defs: object }).$defs } as never,
    "2020-12",
    false,
  );
  const result = validator.validate(value);
  return result.errors.map((e) => `${e.instanceLocation}: ${e.error}`);
}

export const LINK_POST = `<${POST}>; rel="alternate"; type="text/html", <${POST}.json>; rel="alternate"; type="application/json", <${POST}.md>; rel="alternate"; type="text/markdown"`;
export const LINK_INDEX =
  '</>; rel="alternate"; type="text/html", </index.json>; rel="alternate"; type="application/json", </index.md>; rel="alternate"; type="text/markdown"';
