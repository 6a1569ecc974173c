/**
 * A thread that draws a build's cards (src/build/cards/stage.ts): it loads the fonts and the
 * renderer (and lays a card out, so the fonts' tables are read) before it is given work. A cold
 * build first sends it cards to draw ahead, from posts as they are parsed; then the plan's jobs,
 * which it draws (those drawn ahead are only written out), answering with what it drew and
 * warned, and ends. Messages are handled one at a time, in the order they came.
 */
import { parentPort } from "node:worker_threads";
import { type AheadCard, type DrawnAhead, drawAhead, drawCards } from "./batch.ts";
import type { CardJob } from "./plan.ts";
import { composeCard } from "./template.ts";

/** What the thread is sent: cards to draw ahead (any number of these), then the jobs, once. */
export type DrawMessage = { ahead: AheadCard[] } | { jobs: CardJob[] };

composeCard({ title: "Ready", date: "2025-01-01", siteName: "A blog", lang: "en" });
const early: DrawnAhead = new Map();
let queue = Promise.resolve();
parentPort?.on("message", (message: DrawMessage) => {
  queue = queue.then(async () => {
    if ("ahead" in message) return drawAhead(message.ahead, early);
    parentPort?.postMessage(await drawCards(message.jobs, early));
    parentPort?.close();
  });
});
