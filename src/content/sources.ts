import type { BuildError } from "./types.ts";

/**
 * Which entries of content/posts are posts. Nothing an author puts there is skipped silently:
 * an entry is read as a post, or reported. Only dotfiles (.DS_Store, editor swap files) are
 * passed over, since no author means them as content.
 */
export type PostEntry = { kind: "post" } | { kind: "ignored" } | { kind: "error"; error: BuildError };

const POST_FILE = /\.(md|markdown)$/i;

export function classifyPostEntry(path: string, isDirectory: boolean): PostEntry {
  const name = path.split("/").pop() ?? path;
  if (name.startsWith(".")) return { kind: "ignored" };
  if (isDirectory) {
    return {
      kind: "error",
      error: { file: path, field: "file", message: "is a folder; posts are files directly in content/posts (name.md)" },
    };
  }
  if (POST_FILE.test(name)) return { kind: "post" };
  return {
    kind: "error",
    error: { file: path, field: "file", message: "is not a post: posts are .md or .markdown files" },
  };
}
