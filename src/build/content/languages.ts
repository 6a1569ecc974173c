import { languageNamed, languagesOf, TAGGED_FILE } from "../../shared/languages.ts";
import type { BuildError, SiteConfig } from "../../shared/types.ts";
import { closest } from "./suggest.ts";

/**
 * Which language a post or page file is in: `<slug>.<lang>.md` (or a folder's `index.<lang>.md`)
 * is a translation, the untagged file is in the default language. Slugs have no dots, so a dot
 * before the extension can only name a language.
 */

/** The language a file name names, as written (`pt-br`), or undefined for an untagged file. */
export function fileLanguage(path: string): string | undefined {
  const name = path.split("/").pop() ?? path;
  return TAGGED_FILE.exec(name)?.[2];
}

/** A file name without its language: `hello.pt-br.md` → `hello.md`. */
export function untagged(name: string): string {
  return TAGGED_FILE.test(name) ? name.replace(TAGGED_FILE, "$1.$3") : name;
}

/**
 * The canonical language of a file (`pt-BR`), or the problem naming it: a language the blog
 * does not list is an error, never a post quietly left out or served in the wrong language.
 */
export function languageOfFile(site: Pick<SiteConfig, "language" | "languages">, path: string): string | BuildError {
  const named = fileLanguage(path);
  if (named === undefined) return site.language;
  const language = languageNamed(site, named);
  if (language === site.language) {
    // Its untagged twin is in the same language: say so, rather than that the slug is taken.
    return {
      file: path,
      field: "file",
      message: `names ${language}, the blog's default language${site.languages ? " (the first of languages:)" : ""}: the default language's files have no language in their name (${untagged(path.split("/").pop() ?? path)})`,
    };
  }
  if (language) return language;
  const all = languagesOf(site);
  const base = (tag: string) => tag.split("-")[0]?.toLowerCase();
  const guess = closest(named, all) ?? all.find((l) => base(l) === base(named));
  return {
    file: path,
    field: "file",
    message: `is in "${named}", which is not one of the blog's languages (${all.join(", ")})${guess ? `: did you mean ${guess.toLowerCase()}?` : ""}; add it to languages: in site.yaml, or rename the file (a slug is lower-case letters, digits and hyphens)`,
  };
}
