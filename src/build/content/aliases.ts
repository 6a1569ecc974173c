import { type LineOf, withLine } from "./field-lines.ts";
import { isSlug, MAX_SLUG, typeName } from "./fields.ts";
import { isReservedSegment, pageSegments } from "./reserved.ts";

/**
 * Aliases: old URLs of a post (`aliases: [old-slug, /2025/12/01/old-title/]`) that redirect to it.
 * A bare slug is an old `/posts/<slug>`; a path starting with `/` is any old URL on this origin.
 * Each is checked alone here (its syntax, the blog's routes), and against every other post,
 * alias and page in `checkAliases`.
 */

/** An alias as the pipeline keeps it: the path it answers at, and where the author wrote it. */
export interface Alias {
  /** Normalised: `/posts/<slug>` for a bare slug, otherwise the path without trailing slashes. */
  path: string;
  /** As written in the front matter, for messages. */
  written: string;
  /** Its place in the `aliases` list, for `aliases[i]` in messages. */
  index: number;
  /** The line of the front matter it is written on. */
  line?: number;
}

/** Longer than any URL worth keeping; the Worker refuses paths over 2048 (src/worker/http/guard.ts). */
export const MAX_ALIAS = 1000;

/**
 * The characters of every URL the Worker answers (src/worker/http/guard.ts, `canonicalPath`): RFC 3986
 * unreserved characters and `/`. An alias outside them could never be requested as written.
 */
const PATH = /^[A-Za-z0-9\-._~/]*$/;

/** The path an alias answers at, or why it cannot be one. */
export function parseAlias(value: unknown): { path: string } | { problem: string } {
  if (typeof value !== "string") return { problem: `must be text, got ${typeName(value)}` };
  const q = JSON.stringify(value);
  if (value.trim() === "") return { problem: "must not be empty" };
  if (!value.startsWith("/")) {
    if (!isSlug(value)) {
      return { problem: `${q} must be a post slug (lower-case letters, digits and hyphens) or a path starting with /` };
    }
    if (value.length > MAX_SLUG) return { problem: `${q} must be at most ${MAX_SLUG} characters, got ${value.length}` };
    return { path: `/posts/${value}` };
  }
  if (value.length > MAX_ALIAS) return { problem: `must be at most ${MAX_ALIAS} characters, got ${value.length}` };
  if (value.includes("?")) return { problem: `${q} must not have a query (?…): an alias is a path` };
  if (value.includes("#")) return { problem: `${q} must not have a fragment (#…): an alias is a path` };
  if (!PATH.test(value)) return { problem: `${q} may only hold letters, digits, "-", ".", "_", "~" and "/"` };
  // The Worker drops trailing slashes (one URL per page), so `/old/` is requested as `/old`.
  const path = value.replace(/\/+$/, "");
  if (path === "") return { problem: `${q} is the home page, a route of the blog` };
  if (path.includes("//")) return { problem: `${q} must not have an empty segment (//)` };
  const segments = path.split("/").slice(1);
  if (segments.some((s) => s === "." || s === "..")) return { problem: `${q} must not have . or .. segments` };
  const route = routeProblem(path, "");
  if (route) return { problem: `${q} ${route}` };
  return { path };
}

/**
 * Why `path`, a language's prefix taken off, is one of the blog's routes, or undefined if an
 * alias may take it. `/posts/<slug>` is what a bare slug means; anything else under /posts/ is
 * the blog's, as is every reserved first segment. `prefix` only names the route in the message.
 */
function routeProblem(path: string, prefix: string): string | undefined {
  const [first = "", second = "", ...more] = path.split("/").slice(1);
  if (first === "posts") {
    if (more.length === 0 && isSlug(second) && second.length <= MAX_SLUG) return undefined;
    return `is under ${prefix}/posts/, where an alias can only be an old post slug`;
  }
  if (isReservedSegment(first)) return `is a route of the blog (${prefix}/${first})`;
  return undefined;
}

/**
 * Reads the `aliases` field; a problem is recorded under `aliases` or `aliases[i]`. `lineOf`:
 * where each is written, kept for the checks across posts.
 */
export function parseAliases(
  value: unknown,
  problem: (field: string, message: string) => void,
  lineOf: LineOf = () => undefined,
): Alias[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problem("aliases", `must be a list like [old-slug, /2025/12/01/old-title/], got ${typeName(value)}`);
    return [];
  }
  const aliases: Alias[] = [];
  value.forEach((item, index) => {
    const parsed = parseAlias(item);
    if ("problem" in parsed) problem(`aliases[${index}]`, parsed.problem);
    // The same path twice in one post (`old` and `/posts/old`) names the same redirect: kept once.
    else if (!aliases.some((a) => a.path === parsed.path)) {
      const line = lineOf(`aliases[${index}]`);
      aliases.push({ path: parsed.path, written: String(item), index, ...(line ? { line } : {}) });
    }
  });
  return aliases;
}

/** A post as the alias check needs it. */
export interface AliasOwner {
  file: string;
  slug: string;
  aliases: readonly Alias[];
  /** In this build's output (not a draft left out of production): its aliases go in the map. */
  included: boolean;
}

/**
 * Where a language's aliases live, in a blog in several (src/shared/languages.ts). A bare slug
 * is an old URL of the language's own posts (`/pt-br/posts/<old>`); a path is the path written,
 * in whichever language's URLs it falls.
 */
export interface AliasSpace {
  /** This language's prefix, `""` for the default language. */
  prefix: string;
  /** Every language's prefix but the default's (`/pt-br`): a path under one is among that language's routes. */
  prefixes: readonly string[];
  /** Every language's post and page URLs, path → what answers there (`the URL of content/posts/hi.pt-br.md`), drafts included. */
  taken: ReadonlyMap<string, string>;
}

const ONE_LANGUAGE: AliasSpace = { prefix: "", prefixes: [], taken: new Map() };

/** An old URL a post claims, drafts' included, and where its author wrote it. */
export interface AliasClaim {
  path: string;
  file: string;
  field: string;
  written: string;
  /** The line `field` is written on. */
  line?: number;
}

export interface AliasCheck {
  /** Alias path → post slug, for included posts only. */
  map: Record<string, string>;
  /** Every alias that passed, drafts' too: what the other languages' aliases are checked against. */
  claims: AliasClaim[];
  errors: { file: string; field: string; message: string }[];
}

/**
 * Checks every alias against every post's URL, every other alias and every page's URLs. All
 * posts count, drafts too, so publishing a draft never turns a good build into a broken one.
 * Two posts claiming one alias are both reported, each naming the other: the author may have
 * just edited either.
 */
export function checkAliases(
  owners: readonly AliasOwner[],
  pages: readonly { file: string; slug: string }[],
  space: AliasSpace = ONE_LANGUAGE,
): AliasCheck {
  const { prefix, prefixes, taken } = space;
  const posts = new Map(owners.map((o) => [`${prefix}/posts/${o.slug}`, o]));
  const pagePaths = new Map<string, string>();
  for (const p of pages) for (const segment of pageSegments(p.slug)) pagePaths.set(`${prefix}/${segment}`, p.file);
  const claimed = new Map<string, { owner: AliasOwner; alias: Alias }>();
  const map: Record<string, string> = {};
  const errors: AliasCheck["errors"] = [];
  const claims: AliasClaim[] = [];
  for (const owner of owners) {
    for (const alias of owner.aliases) {
      const at = (message: string) =>
        errors.push({ file: owner.file, field: `aliases[${alias.index}]`, message: withLine(message, alias.line) });
      const q = JSON.stringify(alias.written);
      // A bare slug is an old URL of this language's posts; a path is the path written.
      const path = alias.written.startsWith("/") ? alias.path : `${prefix}${alias.path}`;
      // Under a language's prefix, the path is among that language's routes. The Worker moves any
      // other spelling of a prefix (`/PT-BR/x`) to its one, so an alias there could never be reached.
      const first = `/${path.split("/")[1] ?? ""}`;
      const home = prefixes.find((p) => first.toLowerCase() === p);
      const route =
        home === undefined
          ? undefined
          : first !== home
            ? `would never be reached: the blog spells ${first} as ${home}, and moves every URL under it there`
            : path === home
              ? `is the home page of the blog's ${home.slice(1)} posts`
              : routeProblem(path.slice(home.length), home);
      const post = posts.get(path);
      const page = pagePaths.get(path);
      const other = taken.get(path);
      const before = claimed.get(path);
      if (post === owner) at(`${q} is this post's own URL`);
      else if (post) at(`${q} is the URL of ${post.file}`);
      else if (page) at(`${q} is a URL of the page ${page}`);
      else if (route) at(`${q} ${route}`);
      else if (other) at(`${q} is ${other}`);
      else if (before) {
        at(`${q} is also an alias of ${before.owner.file}`);
        errors.push({
          file: before.owner.file,
          field: `aliases[${before.alias.index}]`,
          message: withLine(`${JSON.stringify(before.alias.written)} is also an alias of ${owner.file}`, before.alias.line),
        });
      } else {
        claimed.set(path, { owner, alias });
        claims.push({
          path,
          file: owner.file,
          field: `aliases[${alias.index}]`,
          written: alias.written,
          ...(alias.line ? { line: alias.line } : {}),
        });
        if (owner.included) map[path] = owner.slug;
      }
    }
  }
  return { map, claims, errors };
}
