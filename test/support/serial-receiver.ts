// A receiver that proves the distributed mode's "never two runs of one sync at once": each sync gets
// its own path (/<key>, one webhook destination per sync, concurrency 1), and the receiver records
// when each request to a path opened and closed. Two requests of one key open at the same moment are
// an overlap; so are the calls of one run interleaved with another run's (a run is told apart by a
// column of the call that the query makes unique per run, e.g. `now()::text AS run_at`).
import { startReceiver, type Receiver } from "./receiver";

export type Delivery = {
  key: string;
  /** The request this call came in, numbered across the receiver. */
  request: number;
  openedAt: number;
  closedAt: number;
  call: { messageId: string; userId?: string; traits?: Record<string, unknown>; [field: string]: unknown };
};

export type SerialReceiver = {
  url(key: string): string;
  /** How long the receiver holds each request to `key` before answering (0 by default). */
  setDelay(key: string, ms: number): void;
  setDefaultDelay(ms: number): void;
  deliveries(key: string): Delivery[];
  /** Requests the receiver has seen, in all. */
  requestCount(): number;
  /** Times a request opened while another to the same key was still open. */
  overlaps(): string[];
  /** Keys whose runs' calls interleave (A, B, A), by `runOf(call)`. */
  interleaved(key: string, runOf: (call: Delivery["call"]) => unknown): boolean;
  stop(): Promise<void>;
};

export async function startSerialReceiver(): Promise<SerialReceiver> {
  const delays = new Map<string, number>();
  let defaultDelay = 0;
  const open = new Map<string, number>();
  const byKey = new Map<string, Delivery[]>();
  const overlaps: string[] = [];
  let requests = 0;

  const receiver: Receiver = await startReceiver(async (request) => {
    const number = requests++;
    const key = request.path.replace(/^\//, "").split("?")[0];
    const openedAt = Date.now();
    const alreadyOpen = open.get(key) ?? 0;
    if (alreadyOpen > 0) overlaps.push(`${key}: request ${number} opened while ${alreadyOpen} other(s) were open`);
    open.set(key, alreadyOpen + 1);
    try {
      const delay = delays.get(key) ?? defaultDelay;
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    } finally {
      open.set(key, (open.get(key) ?? 1) - 1);
    }
    const body = request.json as { batch?: Delivery["call"][] } & Delivery["call"];
    const calls = Array.isArray(body?.batch) ? body.batch : [body];
    const list = byKey.get(key) ?? [];
    byKey.set(key, list);
    for (const call of calls) list.push({ key, request: number, openedAt, closedAt: Date.now(), call });
    return { status: 200, body: { success: true } };
  });
  // The receiver's own list of raw requests would only grow; the deliveries are what the tests read.
  const forget = setInterval(() => (receiver.requests.length = 0), 1_000);
  forget.unref();

  return {
    url: (key) => `${receiver.url}/${key}`,
    setDelay: (key, ms) => void delays.set(key, ms),
    setDefaultDelay: (ms) => void (defaultDelay = ms),
    deliveries: (key) => [...(byKey.get(key) ?? [])],
    requestCount: () => requests,
    overlaps: () => [...overlaps],
    interleaved(key, runOf) {
      const seen = new Set<unknown>();
      let current: unknown = undefined;
      for (const delivery of [...(byKey.get(key) ?? [])].sort((a, b) => a.openedAt - b.openedAt || a.request - b.request)) {
        const run = runOf(delivery.call);
        if (run === current) continue;
        if (seen.has(run)) return true;
        seen.add(run);
        current = run;
      }
      return false;
    },
    async stop() {
      clearInterval(forget);
      await receiver.stop();
    },
  };
}
