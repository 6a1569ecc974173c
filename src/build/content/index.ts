/** The content pipeline: pure functions from source text to validated, rendered records. */

export { withAbsoluteUrls } from "../../shared/media-urls.ts";
export { isPublished, scheduledNote } from "../../shared/schedule.ts";
export type * from "../../shared/types.ts";
export { type BuildFacts, generateBuildModule } from "./build-module.ts";
export {
  buildCollection,
  decodeSource,
  formatError,
  MAX_POST_BYTES,
  parseContext,
  parsePost,
  parseSafely,
  slugFromPath,
  slugOf,
} from "./collection.ts";
export { generateContentModule, type ModuleContent } from "./module.ts";
export { classifyPageEntry, parsePage } from "./pages.ts";
export type { BuildOptions, ParsedPost, ParseMemo, SourceFile } from "./pipeline.ts";
export { RESERVED_SEGMENTS } from "./reserved.ts";
export { fallbackSite, isPlaceholderOrigin, parseSite } from "./site.ts";
export { classifyPostEntry } from "./sources.ts";
