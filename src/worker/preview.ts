/**
 * What only the preview (`npm start`) does, around the Worker:
 * - it answers only requests addressed to this machine (DNS rebinding guard, below);
 * - live reload: every HTML page gets one small same-origin script that listens to
 *   /cdn-cgi/preview/events and reloads the tab when the build it was rendered by is no longer the
 *   current one.
 * The production Worker never goes through this module, so its pages stay byte for byte what
 * they were, with no script at all.
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

/**
 * Whether `host` (a Host header: name or address, and maybe a port) names this machine in a way
 * no one else's DNS can: `localhost`, or an IP literal, which covers 127.0.0.1, [::1] and the
 * address given to `wrangler dev --ip` without the Worker being told it. A page elsewhere can
 * make its own hostname resolve to 127.0.0.1 (DNS rebinding) and then read the preview, drafts
 * and all, as same-origin; the browser still sends that hostname in Host, so it is refused.
 * An IP literal cannot be rebound: its origin is the address itself.
 */
export function isLocalHost(host: string): boolean {
  const m = /^(?:(localhost)|(\d{1,3}(?:\.\d{1,3}){3})|\[([0-9A-Fa-f:.]+)\])(?::\d{1,5})?$/i.exec(host);
  if (m === null) return false;
  if (m[2] !== undefined) return m[2].split(".").every((octet) => Number(octet) <= 255 && !/^0\d/.test(octet));
  if (m[3] !== undefined) {
    // A well-formed IPv6 address: URL parsing normalises it, and rejects anything else.
    try {
      return new URL(`http://[${m[3]}]/`).hostname.length > 2;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * 421 Misdirected Request (RFC 9110 §15.5.20): this server will not answer for that authority.
 * Small and plain, with nothing another origin could use.
 */
function misdirected(): Response {
  return new Response("421 Misdirected Request: the preview answers only at localhost or an IP address.\n", {
    status: 421,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" },
  });
}

interface Handler {
  fetch(request: Request, env: unknown, ctx: ExecutionContext): Response | Promise<Response>;
  scheduled?: ExportedHandler["scheduled"];
  queue?: ExportedHandler["queue"];
}

/**
 * `worker` as the preview serves it: requests for another host refused, and live reload (the
 * script and the event stream, and the script added to its pages).
 */
export function withLiveReload(worker: Handler, buildId: string): Handler {
  return {
    // The Cron Trigger and the Queue run as they would in production.
    ...(worker.scheduled ? { scheduled: worker.scheduled } : {}),
    ...(worker.queue ? { queue: worker.queue } : {}),
    async fetch(request, env, ctx) {
      const url = new URL(request.url);
      // Both: the URL's authority comes from the Host header, unless a proxy rewrote one of them.
      if (!isLocalHost(url.host) || !isLocalHost(request.headers.get("host") ?? url.host)) return misdirected();
      const path = url.pathname;
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
