/** The content pipeline: pure functions from source text to validated, rendered records. */
export { buildCollection, decodeSource, formatError, parsePost, slugFromPath, MAX_POST_BYTES } from "./collection.ts";
export { generateContentModule } from "./module.ts";
export type * from "./types.ts";
