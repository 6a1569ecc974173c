/** The content pipeline: pure functions from source text to validated, rendered records. */

export { type BuildFacts, generateBuildModule } from "./build-module.ts";
export {
  buildCollection,
  decodeSource,
  formatError,
  MAX_POST_BYTES,
  parsePost,
  slugFromPath,
  slugOf,
} from "./collection.ts";
export { withAbsoluteUrls } from "./media-urls.ts";
export { generateContentModule, type ModuleContent } from "./module.ts";
export { classifyPageEntry, parsePage } from "./pages.ts";
export type { BuildOptions, ParsedPost, ParseMemo, SourceFile } from "./pipeline.ts";
export { RESERVED_SEGMENTS } from "./reserved.ts";
export { isPublished, scheduledNote } from "./schedule.ts";
export { fallbackSite, isPlaceholderOrigin } from "./site.ts";
export { classifyPostEntry } from "./sources.ts";
export type * from "./types.ts";
