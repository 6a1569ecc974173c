/**
 * Federation's entry, loaded on first use (src/worker/index.ts): the routes, the Cron run and
 * the Queue consumer.
 */
export { consumeDeliveries } from "./deliver.ts";
export { publish as publishNow } from "./publish.ts";
export { withReplies } from "./replies.ts";
export { federationFetch } from "./routes.ts";
