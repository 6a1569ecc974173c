import { createApp } from "./app.ts";

/** The Worker: the Hono app is the fetch handler. */
export default createApp();
