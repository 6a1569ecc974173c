/**
 * Live reload for the preview (`npm start`) only: every HTML page gets one small same-origin
 * script that listens to /cdn-cgi/preview/events and reloads the tab when the build it was
 * rendered by is no longer the current one. The production Worker never goes through this module, so
 * its pages stay byte for byte what they were, with no script at all.
 */

const SCRIPT_PATH = "/__preview/reload.js";
/**
 * Under /cdn-cgi/ because wrangler dev does not log requests there (its ProxyControllerLogger
 * drops them): an open tab asks twice a second, and its log lines would scroll a build error,
 * printed once, out of sight. Production never sees this path: Cloudflare keeps /cdn-cgi/ for itself.
 */
const EVENTS_PATH = "/cdn-cgi/preview/events";

/**
 * The browser side. EventSource reconnects by itself; the server answers each connection with
 * the current build id and closes it, so a rebuild (a save in content/, styles or views) is seen
 * within about half a second, and a restarted `wrangler dev` is picked up too.
 */
const RELOAD_JS = `(() => {
  const built = document.currentScript && document.currentScript.dataset.build;
  const events = new EventSource(${JSON.stringify(EVENTS_PATH)});
  events.onmessage = (e) => { if (e.data !== built) { events.close(); location.reload(); } };
})();
`;

interface Handler {
  fetch(request: Request, env: unknown, ctx: ExecutionContext): Response | Promise<Response>;
}

/** `worker` with live reload: the script and the event stream, and the script added to its pages. */
export function withLiveReload(worker: Handler, buildId: string): Handler {
  return {
    async fetch(request, env, ctx) {
      const path = new URL(request.url).pathname;
      const headers = { "cache-control": "no-store", "x-content-type-options": "nosniff" };
      if (path === SCRIPT_PATH) return new Response(RELOAD_JS, { headers: { ...headers, "content-type": "text/javascript" } });
      if (path === EVENTS_PATH) {
        return new Response(`retry: 500\ndata: ${buildId}\n\n`, { headers: { ...headers, "content-type": "text/event-stream" } });
      }
      const response = await worker.fetch(request, env, ctx);
      if (!response.headers.get("content-type")?.startsWith("text/html") || response.body === null) return response;
      const csp = response.headers.get("content-security-policy");
      const rewritten = new HTMLRewriter()
        .on("head", {
          element(head) {
            head.append(`<script src="${SCRIPT_PATH}" data-build="${buildId}" defer></script>`, { html: true });
          },
        })
        .transform(response);
      const out = new Response(rewritten.body, rewritten);
      // The preview's pages may run this one same-origin script; production pages run none.
      if (csp) out.headers.set("content-security-policy", `${csp}; script-src 'self'`);
      out.headers.delete("content-length");
      return out;
    },
  };
}
