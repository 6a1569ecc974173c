/**
 * One thread of src/build/parse-pool.ts: parses the posts it is given, each as the pipeline
 * would (parseSafely: a post that throws is its own error), and sends the records back.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { AlertTitles } from "./content/alerts.ts";
import { parseSafely } from "./content/collection.ts";
import type { SourceFile } from "./content/index.ts";

const { files, origin, alerts } = workerData as { files: SourceFile[]; origin: string; alerts: AlertTitles };
parentPort?.postMessage(files.map((file) => parseSafely(file, origin, alerts)));
