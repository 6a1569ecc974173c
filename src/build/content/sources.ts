import { INDEX_FILE } from "../../shared/languages.ts";
import type { BuildError } from "../../shared/types.ts";

/**
 * Which entries of content/posts are posts. Nothing an author puts there is skipped silently:
 * an entry is read as a post, or reported. Only dotfiles (.DS_Store, editor swap files) are
 * passed over, since no author means them as content.
 *
 * A post is a file, `<slug>.md`, or a folder, `<slug>/index.md`, with the files it uses (images,
 * downloads) beside it.
 */
export type PostEntry =
  | { kind: "post" }
  | { kind: "folder"; index: string; indexes: string[] }
  | { kind: "ignored" }
  | { kind: "error"; error: BuildError };

const POST_FILE = /\.(md|markdown)$/i;
/** An index file's language part, lower-cased: `""` for `index.md`, `.pt-br` for `index.pt-br.md`. */
const indexLanguage = (name: string) => (INDEX_FILE.exec(name)?.[1] ?? "").toLowerCase();

/**
 * `folderFiles`: for a folder, the names of the entries in it. `severalLanguages`: the blog has
 * `languages:`, so `index.pt-br.md` is a translation; in a blog in one, `index.old.md` is only
 * a file beside the post, which the media step reports if nothing uses it.
 */
export function classifyPostEntry(
  path: string,
  isDirectory: boolean,
  folderFiles: readonly string[] = [],
  severalLanguages = false,
): PostEntry {
  const name = path.split("/").pop() ?? path;
  if (name.startsWith(".")) return { kind: "ignored" };
  if (isDirectory) return classifyFolder(path, folderFiles, severalLanguages, "post");
  if (POST_FILE.test(name)) return { kind: "post" };
  return {
    kind: "error",
    error: { file: path, field: "file", message: "is not a post: posts are .md or .markdown files, or folders with an index.md" },
  };
}

/**
 * A folder of content/posts or content/pages (`of`): its index files, or why it is neither a
 * folder post nor a folder page. Both are the same: `<slug>/index.md` with its files beside it.
 */
export function classifyFolder(
  path: string,
  folderFiles: readonly string[],
  severalLanguages: boolean,
  of: "post" | "page",
): Extract<PostEntry, { kind: "folder" | "error" }> {
  const name = path.split("/").pop() ?? path;
  const error = (message: string) => ({ kind: "error" as const, error: { file: path, field: "file", message } });
  // index.md, and in a blog in several languages its translations, index.pt-br.md.
  const indexes = folderFiles.filter((f) => INDEX_FILE.test(f) && (severalLanguages || indexLanguage(f) === "")).sort();
  const twice = indexes.find((f, i) => indexes.findIndex((g) => indexLanguage(g) === indexLanguage(f)) !== i);
  if (twice) {
    const both = indexes.filter((f) => indexLanguage(f) === indexLanguage(twice));
    return error(`has ${both.join(" and ")}: a folder ${of} has one index.md${indexLanguage(twice) ? " per language" : ""}`);
  }
  const main = indexes.find((f) => indexLanguage(f) === "") ?? indexes[0];
  if (main) return { kind: "folder", index: main, indexes };
  return error(`is a folder without index.md: a folder ${of} is content/${of}s/${name}/index.md, with its files beside it`);
}
