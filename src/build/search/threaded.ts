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
import { BODY_DIGEST, type CorpusSource } from "../../shared/corpus.ts";
import type { SearchManifest } from "../../shared/search/types.ts";
import type { SearchedPost } from "./doc.ts";
import { buildSearch } from "./index-build.ts";

/** One language's index: its posts, its folder in the build cache, and where its files go in the corpus. */
export interface SearchJob {
  language: string;
  posts: readonly SearchedPost[];
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
 * What the spare thread is sent: of each post, only what the index reads (SearchedPost: a whole
 * post's Markdown and headings would be copied into that thread's memory for nothing, about
 * doubling a large blog's peak). Each post's body digest goes beside it: the digest is a
 * symbol-keyed field (src/shared/corpus.ts `BODY_DIGEST`), which a message does not carry, and
 * the index's memo is keyed by it.
 */
export interface SearchRequest {
  search: (SearchJob & { digests: (string | undefined)[] })[];
}

/** A post as the request carries it: the fields the index reads, copied. */
const searched = ({ slug, title, date, dateText, tags, description, html }: SearchedPost): SearchedPost => ({
  slug,
  title,
  date,
  ...(dateText === undefined ? {} : { dateText }),
  tags,
  description,
  html,
});

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
          if (digests[i] !== undefined) (post as { [BODY_DIGEST]?: string })[BODY_DIGEST] = digests[i];
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
 * Posts above which the indexes are made here even with a spare thread. The thread's copy of
 * the posts and its index are in memory while this thread writes the corpus, where they used to
 * come one after the other: a cold build's peak grows by about 60 KB a post (4,000 posts, no
 * cards: 0.80 GB against 0.56). Up to this many, that is about 0.3 GB; a larger blog keeps its
 * old peak, and its old time.
 */
export const SPARE_THREAD_MAX_POSTS = 5000;

/**
 * Every language's index: on `thread` when there is one (which is then closed), else here.
 * Rejects with the spare thread's error, as making them here would have thrown it.
 */
export async function searchIndexes(
  jobs: readonly SearchJob[],
  thread?: SearchThread,
  maxPosts = SPARE_THREAD_MAX_POSTS,
): Promise<LanguageSearch[]> {
  if (thread && jobs.reduce((n, job) => n + job.posts.length, 0) > maxPosts) thread.close();
  else if (thread) return searchThere(jobs, thread);
  return jobs.map(searchHere);
}

async function searchThere(jobs: readonly SearchJob[], thread: SearchThread): Promise<LanguageSearch[]> {
  try {
    const reply = await thread.search({
      search: jobs.map((job) => ({
        ...job,
        posts: job.posts.map(searched),
        digests: job.posts.map((p) => p[BODY_DIGEST]),
      })),
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
