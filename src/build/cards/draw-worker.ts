/**
 * A thread that draws its share of a build's cards (src/build/cards/stage.ts): it loads the
 * fonts and the renderer, draws, writes the files, and answers with what it drew and warned.
 */
import { parentPort, workerData } from "node:worker_threads";
import { drawCards } from "./batch.ts";
import type { CardJob } from "./plan.ts";

parentPort?.postMessage(await drawCards((workerData as { jobs: CardJob[] }).jobs));
