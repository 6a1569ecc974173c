/**
 * One thread of src/build/parse-pool.ts: parses the chunks of posts it is sent, each as the
 * pipeline would (parseSafely: a post that throws is its own error), writes each record to the
 * parse cache and sends the records back; an empty chunk means there are no more. Kept as the
 * spare thread, it makes the search indexes it is asked for (src/build/search/threaded.ts).
 */
import { parentPort } from "node:worker_threads";
import { parseSafely } from "./content/collection.ts";
import { writeRecord } from "./parse-cache.ts";
import type { ParseChunk } from "./parse-pool.ts";
import { answerSearch, type SearchRequest } from "./search/threaded.ts";

parentPort?.on("message", (message: ParseChunk | SearchRequest) => {
  if ("search" in message) return void parentPort?.postMessage(answerSearch(message));
  const { files, paths, origin, render } = message;
  if (files.length === 0) return void parentPort?.close();
  parentPort?.postMessage(
    files.map((file, i) => {
      const parsed = parseSafely(file, origin, render);
      writeRecord(paths[i] as string, parsed);
      return parsed;
    }),
  );
});
