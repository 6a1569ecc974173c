import { join } from "node:path";
import type { CorpusManifest } from "../src/shared/corpus.ts";

/**
 * The blog's newest published post, from the manifest a build wrote in `generated`: the article
 * `npm run bench` measures unless told (--slug). Not the shipped sample, which an author deletes;
 * not a post scheduled for later, which answers 404 until its instant.
 */
export async function newestPublished(generated: string): Promise<string> {
  const { corpus } = (await import(join(generated, "content.ts"))) as { corpus: CorpusManifest };
  const newest = corpus.recent[corpus.scheduled.length];
  if (!newest) throw new Error("the blog has no published post to measure: write one, or name one with --slug");
  return newest.slug;
}
