/**
 * One thread of src/build/parse-pool.ts: parses the posts it is given, each as the pipeline
 * would (parseSafely: a post that throws is its own error), and sends the records back.
 */
import { parentPort, workerData } from "node:worker_threads";
import { parseSafely } from "./content/collection.ts";
import type { SourceFile } from "./content/index.ts";
import type { RenderSettings } from "./content/render-settings.ts";

const { files, origin, render } = workerData as { files: SourceFile[]; origin: string; render: RenderSettings };
parentPort?.postMessage(files.map((file) => parseSafely(file, origin, render)));
