// The distributed mode's bench rows (bench/run.ts prints them): a full load run by a pg-boss worker
// process, to compare with the embedded run, and how long 1,000 syncs due at the same second wait
// before a worker starts them. Both use real processes (test/support/cluster.ts).
import { readFileSync } from "node:fs";
import type { StartedPostgres } from "../test/support/postgres";
import { type AppProcess } from "../test/support/app-process";
import { startCluster, type Cluster } from "../test/support/cluster";
import { finished, runNow, waitFor, waitForRun } from "../test/support/cluster-syncs";

type Sink = { url: string; reset(latencyMs: number): Promise<void>; stats(): Promise<{ calls: number }> };

export type WorkerRunResult = { rows: number; seconds: number; cpuSeconds: number; peakRssBytes: number; wallSeconds: number };

async function httpBatchDestination(cluster: Cluster, sink: Sink): Promise<string> {
  const reply = await cluster.api("POST", "/destinations", { name: "Sink", kind: "http-batch", config: { url: sink.url, writeKey: "wk_bench" } });
  if (reply.status !== 201) throw new Error(`POST /destinations: ${reply.status} ${reply.text}`);
  return reply.body.id;
}

async function createSync(cluster: Cluster, query: string, destinationId: string): Promise<string> {
  const reply = await cluster.api("POST", "/syncs", {
    sourceId: cluster.sourceId,
    databaseId: cluster.databaseId,
    name: "Bench",
    type: "identify",
    query,
    frequencyMinutes: 60,
    startAt: "2100-01-01T00:00:00Z",
    destinationIds: [destinationId],
  });
  if (reply.status !== 201) throw new Error(`POST /syncs: ${reply.status} ${reply.text}`);
  return reply.body.id;
}

/** One web and one worker on `postgres`, reading `sourceUrl`; runOnce is Run now of the sync `sql`, timed by its run row. */
export async function startWorkerFullLoad(postgres: StartedPostgres, sourceUrl: string, sink: Sink, sql: string) {
  const cluster = await startCluster({ workers: 1, postgres, sourceUrl });
  const [worker] = cluster.workers;
  const syncId = await createSync(cluster, sql, await httpBatchDestination(cluster, sink));
  return {
    async runOnce(): Promise<WorkerRunResult> {
      await sink.reset(0);
      const cpuBefore = await groupCpuSeconds(worker);
      const sampler = sampleRss(worker);
      const asked = performance.now();
      const run = await waitForRun(cluster, await runNow(cluster, syncId), finished, 30 * 60_000, 100);
      const wallSeconds = (performance.now() - asked) / 1000;
      const peakRssBytes = await sampler.stop();
      if (run.status !== "succeeded") throw new Error(`worker run ${run.status}: ${run.error}\n${cluster.logs()}`);
      const received = await sink.stats();
      if (received.calls !== run.rowsSucceeded) throw new Error(`worker run: the sink got ${received.calls} calls for ${run.rowsSucceeded} rows sent`);
      return {
        rows: run.rowsSucceeded,
        seconds: (run.finishedAt!.getTime() - run.startedAt.getTime()) / 1000,
        cpuSeconds: (await groupCpuSeconds(worker)) - cpuBefore,
        peakRssBytes,
        wallSeconds,
      };
    },
    stop: () => cluster.stop(),
  };
}

export type SchedulingResult = {
  syncs: number;
  workers: number;
  p50Seconds: number;
  p99Seconds: number;
  maxSeconds: number;
  allDoneSeconds: number;
  /** How long one run took, started → finished: with the due → started wait, where the time goes. */
  runP50Seconds: number;
};

/**
 * `syncs` enabled syncs of a tiny query, all due at the same second, on `workers` workers: how long
 * after the due time each run started (SyncRun.startedAt − due).
 */
export async function measureScheduling(postgres: StartedPostgres, sink: Sink, syncs = Number(process.env.BENCH_SCHEDULING_SYNCS ?? 1_000), workers = 2): Promise<SchedulingResult> {
  const cluster = await startCluster({ workers, postgres });
  try {
    await sink.reset(0);
    const destinationId = await httpBatchDestination(cluster, sink);
    const ids: string[] = [];
    // Made through the API a few at a time, far in the future; then all set due at once below.
    for (let i = 0; i < syncs; i += 10) {
      ids.push(...(await Promise.all(Array.from({ length: Math.min(10, syncs - i) }, () => createSync(cluster, `SELECT 1 AS "userId"`, destinationId)))));
    }
    const dueAt = new Date(Math.ceil((Date.now() + 2_000) / 1000) * 1000);
    await cluster.appDb.query(`UPDATE "Sync" SET "startAt" = $1, "nextRunAt" = $1 WHERE id = ANY($2)`, [dueAt, ids]);
    const runs = await waitFor(
      `${syncs} runs`,
      async () => {
        const { rows } = await cluster.appDb.query<{ status: string; startedAt: Date; finishedAt: Date | null }>(
          `SELECT status, "startedAt", "finishedAt" FROM "SyncRun" WHERE "syncId" = ANY($1)`,
          [ids],
        );
        return rows.length >= syncs && rows.every((run) => run.finishedAt !== null) && rows;
      },
      10 * 60_000,
      cluster,
      250,
    );
    const notRun = runs.filter((run) => run.status !== "succeeded");
    if (runs.length !== syncs || notRun.length > 0) throw new Error(`scheduling: ${runs.length} runs for ${syncs} syncs, ${notRun.length} not succeeded (${notRun[0]?.status})`);
    const waits = runs.map((run) => (run.startedAt.getTime() - dueAt.getTime()) / 1000).sort((a, b) => a - b);
    const at = (q: number) => waits[Math.min(waits.length - 1, Math.ceil(q * waits.length) - 1)];
    const lastFinish = Math.max(...runs.map((run) => run.finishedAt!.getTime()));
    const durations = runs.map((run) => (run.finishedAt!.getTime() - run.startedAt.getTime()) / 1000).sort((a, b) => a - b);
    return {
      syncs,
      workers,
      p50Seconds: at(0.5),
      p99Seconds: at(0.99),
      maxSeconds: waits[waits.length - 1],
      allDoneSeconds: (lastFinish - dueAt.getTime()) / 1000,
      runP50Seconds: durations[Math.floor(durations.length / 2)],
    };
  } finally {
    await cluster.stop();
  }
}

const CLOCK_TICKS = 100;

/** utime + stime of every process in the worker's group (tsx and the node process it runs). */
async function groupCpuSeconds(worker: AppProcess): Promise<number> {
  let ticks = 0;
  for (const pid of await worker.pids()) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {}
  }
  return ticks / CLOCK_TICKS;
}

/** The largest RSS of any one process in the worker's group, sampled every 100 ms until stop(). */
function sampleRss(worker: AppProcess) {
  let peak = 0;
  let pids: number[] = [];
  void worker.pids().then((found) => (pids = found));
  const timer = setInterval(() => {
    for (const pid of pids) {
      try {
        const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
        peak = Math.max(peak, kb * 1024);
      } catch {}
    }
  }, 100);
  return {
    async stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
