// Destinations, syncs and runs of a test cluster, made through its REST API as a user's script
// would; run rows read straight from the app database where the API does not show a field.
import { isRunInProgress } from "../../lib/runs/run-status";
import type { Cluster } from "./cluster";

export type RunRow = {
  id: string;
  syncId: string;
  status: string;
  trigger: string;
  startedAt: Date;
  finishedAt: Date | null;
  rowsRead: number;
  rowsSucceeded: number;
  rowsFailed: number;
  rowsUnchanged: number;
  workerId: string | null;
  heartbeatAt: Date | null;
  error: string | null;
};


async function ok(cluster: Cluster, method: string, route: string, body?: unknown) {
  const reply = await cluster.api(method, route, body);
  if (reply.status >= 300) throw new Error(`${method} ${route}: ${reply.status} ${reply.text}`);
  return reply.body;
}

/** A webhook destination that POSTs each call on its own, one request at a time. */
export async function createWebhook(cluster: Cluster, name: string, url: string): Promise<string> {
  const body = await ok(cluster, "POST", "/destinations", { name, kind: "webhook", config: { url, mode: "call", concurrency: 1 } });
  return body.id;
}

export type SyncFields = {
  name: string;
  query: string;
  destinationIds: string[];
  frequencyMinutes?: number;
  /** Far in the future by default: only Run now starts it. */
  startAt?: Date;
  changeTracking?: { idColumns: string[] };
};

export async function createSync(cluster: Cluster, fields: SyncFields): Promise<string> {
  const body = await ok(cluster, "POST", "/syncs", {
    sourceId: cluster.sourceId,
    databaseId: cluster.databaseId,
    type: "identify",
    frequencyMinutes: 60,
    startAt: new Date("2100-01-01T00:00:00Z"),
    ...fields,
  });
  return body.id;
}

/** Run now from the web process; returns the new run's id. */
export async function runNow(cluster: Cluster, syncId: string): Promise<string> {
  return (await ok(cluster, "POST", `/syncs/${syncId}/runs`)).id;
}

const COLUMNS = `id, "syncId", status, trigger, "startedAt", "finishedAt", "rowsRead", "rowsSucceeded", "rowsFailed", "rowsUnchanged", "workerId", "heartbeatAt", error`;

export async function runRow(cluster: Cluster, runId: string): Promise<RunRow> {
  const { rows } = await cluster.appDb.query<RunRow>(`SELECT ${COLUMNS} FROM "SyncRun" WHERE id = $1`, [runId]);
  if (!rows[0]) throw new Error(`no run ${runId}`);
  return rows[0];
}

export async function runRowsOf(cluster: Cluster, syncIds: string[]): Promise<RunRow[]> {
  const { rows } = await cluster.appDb.query<RunRow>(`SELECT ${COLUMNS} FROM "SyncRun" WHERE "syncId" = ANY($1) ORDER BY "startedAt"`, [syncIds]);
  return rows;
}

/** Polls a run until `done(run)`; throws with the cluster's logs after `timeoutMs`. */
export async function waitForRun(cluster: Cluster, runId: string, done: (run: RunRow) => boolean, timeoutMs: number, pollMs = 100): Promise<RunRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await runRow(cluster, runId);
    if (done(run)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms: ${JSON.stringify(run)}\n${cluster.logs()}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

export const finished = (run: RunRow) => !isRunInProgress(run.status);

export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs: number, cluster?: Cluster, pollMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cluster ? `\n${cluster.logs()}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
