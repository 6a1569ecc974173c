/**
 * One thread of src/build/parse-pool.ts: parses the chunks of posts it is sent, each as the
 * pipeline would (parseSafely: a post that throws is its own error), writes each record to the
 * parse cache and sends the records back; an empty chunk means there are no more.
 */
import { parentPort, workerData } from "node:worker_threads";
import { parseSafely } from "./content/collection.ts";
import type { RenderSettings } from "./content/render-settings.ts";
import { writeRecord } from "./parse-cache.ts";
import type { ParseChunk } from "./parse-pool.ts";

const { origin, render } = workerData as { origin: string; render: RenderSettings };
parentPort?.on("message", ({ files, paths }: ParseChunk) => {
  if (files.length === 0) return void parentPort?.close();
  parentPort?.postMessage(
    files.map((file, i) => {
      const parsed = parseSafely(file, origin, render);
      writeRecord(paths[i] as string, parsed);
      return parsed;
    }),
  );
});
