/**
 * A build's search indexes, one per language, made on a spare thread when the build has one.
 *
 * Once a cold build has parsed its posts, its parse thread (src/build/parse-pool.ts) is idle, and
 * this thread then writes the corpus, about half a second at 1,000 posts, with a core to spare.
 * The indexes take about a second there: reading each post's HTML as text, splitting it into
 * terms, scoring. So the spare thread makes them meanwhile, and their files are written last
 * (src/build/build.ts).
 *
 * A build without a spare thread makes them here, as it always did. That includes every
 * rebuild, which parses its few changed posts on this thread and patches the last index. Both
 * ways make the same files, byte for byte (test/node/search-threaded.test.ts).
 */
import { BODY_DIGEST, type CorpusSource, type DigestedPost } from "../../shared/corpus.ts";
import type { SearchManifest } from "../../shared/search/types.ts";
import type { Post } from "../../shared/types.ts";
import { buildSearch } from "./index-build.ts";

/** One language's index: its posts, its folder in the build cache, and where its files go in the corpus. */
export interface SearchJob {
  language: string;
  posts: readonly Post[];
  /** The index's folder in the build cache. */
  dir: string;
  now: number;
  /** Its files' folder in the corpus. */
  base: string;
}

/** A language's index, ready to write. */
export interface LanguageSearch {
  manifest: SearchManifest;
  files: CorpusSource[];
}

/** A thread that can make indexes (src/build/parse-pool.ts `SpareThread`). */
export interface SearchThread {
  search(request: SearchRequest): Promise<SearchReply>;
  close(): void;
}

/**
 * What the spare thread is sent. Each post's body digest goes beside it: the digest is a
 * symbol-keyed field (src/shared/corpus.ts `BODY_DIGEST`), which a message does not carry, and
 * the index's memo is keyed by it.
 */
export interface SearchRequest {
  search: (Omit<SearchJob, "posts"> & { posts: readonly Post[]; digests: (string | undefined)[] })[];
}

/** A file as a message carries it: made, since a function is not carried. */
interface MadeFile {
  path: string;
  inputs?: readonly string[];
  body: string;
}

/** What the spare thread sends back: each job's index, or why it could not be made. */
export type SearchReply = { indexes: { manifest: SearchManifest; files: MadeFile[] }[] } | { error: string };

/** A language's index, made on this thread; a file that names its inputs is made only if they changed (src/build/write-corpus.ts). */
export function searchHere(job: SearchJob): LanguageSearch {
  const built = buildSearch(job.posts, { dir: job.dir, language: job.language, now: job.now });
  return { manifest: built.manifest, files: [...built.files(job.base)] };
}

/** The spare thread's side: makes each job's index, with its files made. */
export function answerSearch(request: SearchRequest): SearchReply {
  try {
    return {
      indexes: request.search.map(({ digests, ...job }) => {
        job.posts.forEach((post, i) => {
          if (digests[i] !== undefined) (post as DigestedPost)[BODY_DIGEST] = digests[i];
        });
        const { manifest, files } = searchHere(job);
        return {
          manifest,
          files: files.map((f) => ({ path: f.path, ...(f.inputs ? { inputs: f.inputs } : {}), body: f.body() })),
        };
      }),
    };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * Every language's index: on `thread` when there is one (which is then closed), else here.
 * Rejects with the spare thread's error, as making them here would have thrown it.
 */
export async function searchIndexes(jobs: readonly SearchJob[], thread?: SearchThread): Promise<LanguageSearch[]> {
  if (!thread) return jobs.map(searchHere);
  try {
    const reply = await thread.search({
      search: jobs.map((job) => ({ ...job, digests: job.posts.map((p) => (p as DigestedPost)[BODY_DIGEST]) })),
    });
    if ("error" in reply) throw new Error(reply.error);
    return reply.indexes.map(({ manifest, files }) => ({
      manifest,
      files: files.map(({ body, ...file }) => ({ ...file, body: () => body })),
    }));
  } finally {
    thread.close();
  }
}
