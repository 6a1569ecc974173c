import type { BuildError, Post } from "../../shared/types.ts";
import type { Alias, AliasSpace } from "./aliases.ts";
import type { PostMedia } from "./media.ts";

/**
 * The pipeline's own types: what it takes in, and its memory of parsed posts. Build-only, so
 * they live here, not in types.ts (the records the Worker reads too); and below collection.ts,
 * which uses them, so that no module the collection imports has to reach back into it.
 */

/** A source file handed to the pipeline: its path (for messages) and its text. */
export interface SourceFile {
  path: string;
  text: string;
  /**
   * A folder post (`content/posts/<slug>/index.md`): the files beside it, which its relative
   * links and images refer to. Its slug is the folder's name.
   */
  media?: PostMedia;
  /**
   * A digest of the file's bytes, when the build knows it (src/build/source-files.ts): the parse
   * cache keys the file by it rather than by its text, which then need not be read at all.
   */
  digest?: string;
}

export interface BuildOptions {
  /** Keep drafts and posts dated later (local preview); production builds leave them out. */
  includeDrafts: boolean;
  /** Posts dated after this instant are not published yet. */
  now: Date;
  /** Parsed posts from earlier builds (`ParseMemo`). */
  memo?: ParseMemo;
  /** In a blog in several languages, the one these files are in; absent, the default. */
  language?: string;
  /**
   * In a blog in several languages, where these posts' aliases live: this language's prefix,
   * and every language's prefix and URLs, which no alias may take (src/build/content/aliases.ts).
   */
  aliasSpace?: AliasSpace;
}

export interface ParsedPost {
  post?: Post;
  errors: BuildError[];
  /** Its old URLs (front matter `aliases`), checked across the blog by the collection. */
  aliases?: Alias[];
  /** Its series (front matter `series`, on `line`), numbered across the blog by the collection. */
  series?: { name: string; slug: string; line?: number };
  /** The line of its `updated`, for the collection's check that it is not in the future. */
  updatedLine?: number;
}

/**
 * Remembers parsed posts between builds (the build script keeps them on disk, keyed by the
 * source, what the parse reads of site.yaml (`context`: the origin and the alerts' titles in the
 * blog's language), the post's files and the pipeline's own code): a rebuild renders only the
 * posts that changed. parsePost is a pure function of exactly those, so a remembered result is
 * the one it would give.
 */
export interface ParseMemo {
  get(file: SourceFile, context: string): ParsedPost | undefined;
  set(file: SourceFile, context: string, parsed: ParsedPost): void;
}
