/**
 * A thread that draws its share of a build's cards (src/build/cards/stage.ts): it loads the
 * fonts and the renderer (and lays a card out, so the fonts' tables are read) before it is
 * given work, draws, writes the files, and answers with what it drew and warned.
 */
import { parentPort } from "node:worker_threads";
import { drawCards } from "./batch.ts";
import type { CardJob } from "./plan.ts";
import { composeCard } from "./template.ts";

composeCard({ title: "Ready", date: "2025-01-01", siteName: "A blog", lang: "en" });
parentPort?.once("message", async (jobs: CardJob[]) => {
  parentPort?.postMessage(await drawCards(jobs));
  parentPort?.close();
});
