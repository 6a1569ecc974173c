/**
 * One Chrome DevTools protocol session with a Worker's isolate, through workerd's inspector
 * (Miniflare's `inspectorPort`): for CPU profiles (first-profile.ts) and heap readings (soak.ts).
 */
export interface InspectorSession {
  send(method: string, params?: object): Promise<unknown>;
  close(): void;
  /** The inspector target's title (workerd names it after the Worker). */
  title: string;
}

/** Opens a session with the Worker whose target title contains `worker` (not its socket entry). */
export async function inspect(port: number, worker: string): Promise<InspectorSession> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as {
    webSocketDebuggerUrl: string;
    title: string;
  }[];
  const target = targets.find((t) => t.title.includes(worker) && !t.title.includes("socket")) ?? targets[0];
  if (!target) throw new Error("no inspector target");
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((r, j) => {
    ws.onopen = r;
    ws.onerror = j;
  });
  let id = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; method: string }>();
  ws.onmessage = (e) => {
    const m = JSON.parse(String(e.data)) as { id?: number; result?: unknown; error?: { message: string } };
    if (m.id === undefined) return;
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error) p?.reject(new Error(`${p.method}: ${m.error.message}`));
    else p?.resolve(m.result);
  };
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => {
      pending.set(++id, { resolve, reject, method });
      ws.send(JSON.stringify({ id, method, params }));
    });
  return { send, close: () => ws.close(), title: target.title };
}

/**
 * The isolate's JS heap in use after a full garbage collection, MiB. workerd's inspector never
 * answers `HeapProfiler.collectGarbage`; a heap snapshot collects garbage first, and its chunks
 * (events) are ignored. About 0.1 s for a heap of a few MiB.
 */
export async function heapAfterGc(s: InspectorSession): Promise<number> {
  await s.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
  const { usedSize } = (await s.send("Runtime.getHeapUsage")) as { usedSize: number };
  return usedSize / 2 ** 20;
}
