// One measurement of `npm run bench`, run in a process of its own so that its peak RSS is its own.
// bench/run.ts forks it with a JSON argument and receives a ScenarioResult over IPC.
import { rmSync, writeFileSync } from "node:fs";
import pg from "pg";
import Cursor from "pg-cursor";
import { clientConfig } from "../lib/connectors/postgres/connect";
import { limitHeapGrowth } from "../lib/engine/heap-growth";
import type { TPostgresConfig } from "../lib/connectors/postgres/spec";
import { naivePipeline } from "./naive-pipeline";

export type ScenarioInput =
  | { kind: "baseline"; postgresUrl: string; sql: string; typeParsers: "pg" | "tidewater" }
  | { kind: "engine"; postgresUrl: string; sql: string; sinkUrl: string }
  | { kind: "diff"; postgresUrl: string; sql: string; sinkUrl: string; changeSql: string }
  | { kind: "naive"; postgresUrl: string; sql: string; sinkUrl: string };

export type ScenarioResult = {
  rows: number;
  seconds: number;
  cpuSeconds: number;
  peakRssBytes: number;
  rssAtStartBytes: number;
  detail?: Record<string, unknown>;
};

const PAGE_ROWS = 2_000;

let peakRss = 0;
let rssAtStart = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage.rss()));
if (process.env.BENCH_TRACE_MEMORY) {
  setInterval(() => {
    const m = process.memoryUsage();
    const mb = (n: number) => Math.round(n / 2 ** 20);
    console.error(`[mem] rss ${mb(m.rss)} heapTotal ${mb(m.heapTotal)} heapUsed ${mb(m.heapUsed)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}`);
  }, 700).unref();
}
/** RSS once code is loaded and set up, just before the rows flow: what the rows add is the rest. */
const markStart = () => (rssAtStart = process.memoryUsage.rss());

function postgresConfig(url: string): TPostgresConfig {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    database: parsed.pathname.slice(1),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    sslMode: "disable" as const,
    caCertificate: "",
  };
}

/**
 * The same rows through a bare cursor, stringified. `pg`: pg's own type parsers (timestamps become
 * Dates), the baseline. `tidewater`: the connector's, which also turn values into what a call
 * holds (ISO timestamps, exact numbers) — a stricter floor, with part of the engine's work in it.
 */
async function baseline(input: Extract<ScenarioInput, { kind: "baseline" }>) {
  const config = input.typeParsers === "tidewater" ? clientConfig(postgresConfig(input.postgresUrl)) : { connectionString: input.postgresUrl };
  const client = new pg.Client(config);
  await client.connect();
  try {
    await client.query("BEGIN READ ONLY");
    markStart();
    const cursor = client.query(new Cursor(input.sql, [], { rowMode: "array" }));
    let rows = 0;
    let bytes = 0;
    for (;;) {
      const page = await cursor.read(PAGE_ROWS);
      if (page.length === 0) break;
      for (const row of page) bytes += JSON.stringify(row).length;
      rows += page.length;
    }
    await cursor.close();
    return { rows, detail: { jsonBytes: bytes } };
  } finally {
    await client.end();
  }
}

type EngineInput = { postgresUrl: string; sql: string; sinkUrl: string };
type SyncOptions = { changeTracking?: { idColumns: string[]; onDeleted: "nothing" } };

/**
 * The real engine, as the app runs it: app DB, services, "Run now", HTTP batches to the sink.
 * Calls `use` with a function that runs the sync once and reports that run.
 */
async function withBenchSync<T>(input: EngineInput, options: SyncOptions, use: (runOnce: () => Promise<TimedRun>) => Promise<T>): Promise<T> {
  limitHeapGrowth(); // as the server and the worker do at start
  const { useFreshAppDatabase } = await import("../test/support/app-db");
  const app = await useFreshAppDatabase();
  const dataDir = process.env.TIDEWATER_DATA_DIR!;
  try {
    const { createSource } = await import("../lib/sources/create-source");
    const { createDatabase } = await import("../lib/sources/create-database");
    const { createDestination } = await import("../lib/destinations/create-destination");
    const { createSync } = await import("../lib/syncs/create-sync");
    const { runSyncNow } = await import("../lib/runs/run-sync-now");
    const sourceId = (await createSource({ name: "Bench", kind: "postgres" })).id;
    const databaseId = (await createDatabase(sourceId, { name: "bench", config: postgresConfig(input.postgresUrl) })).id;
    const destinationId = (await createDestination({ name: "Sink", kind: "http-batch", config: { url: input.sinkUrl, writeKey: "wk_bench" } })).id;
    const syncId = (
      await createSync({ sourceId, databaseId, name: "Bench", type: "identify", query: input.sql, frequencyMinutes: 60, destinationIds: [destinationId], ...options })
    ).id;
    const runOnce = async (): Promise<TimedRun> => {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const run = await runSyncNow(syncId);
      await run.done;
      const seconds = (performance.now() - started) / 1000;
      const { user, system } = process.cpuUsage(cpu);
      const record = await app.syncRun.findUniqueOrThrow({ where: { id: run.id } });
      if (record.status !== "succeeded") throw new Error(`bench run ${record.status}: ${record.error}`);
      return { seconds, cpuSeconds: (user + system) / 1e6, rowsRead: record.rowsRead, rowsSent: record.rowsSucceeded, rowsFailed: record.rowsFailed };
    };
    return await use(runOnce);
  } finally {
    const { alertsSettled } = await import("../lib/alerts/evaluate-alerts");
    await alertsSettled();
    await app.$disconnect();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

type TimedRun = { seconds: number; cpuSeconds: number; rowsRead: number; rowsSent: number; rowsFailed: number };

async function engine(input: Extract<ScenarioInput, { kind: "engine" }>) {
  return withBenchSync(input, {}, async (runOnce) => {
    markStart();
    const run = await runOnce();
    return { rows: run.rowsSent, seconds: run.seconds, cpuSeconds: run.cpuSeconds, detail: { rowsRead: run.rowsRead, rowsFailed: run.rowsFailed } };
  });
}

/**
 * Change tracking through the engine: run 1 sends every row and fills the sync's snapshot;
 * `changeSql` then changes rows at the source; run 2, the timed one, reads every row again, hashes
 * and compares each with the snapshot, and sends only the changed ones.
 */
async function diff(input: Extract<ScenarioInput, { kind: "diff" }>) {
  return withBenchSync(input, { changeTracking: { idColumns: ["userId"], onDeleted: "nothing" } }, async (runOnce) => {
    markStart();
    const first = await runOnce();
    const client = new pg.Client(clientConfig(postgresConfig(input.postgresUrl)));
    await client.connect();
    const changed = (await client.query(input.changeSql)).rowCount;
    await client.end();
    const second = await profiledIf(process.env.BENCH_PROFILE_DIFF_RUN, runOnce);
    return {
      rows: second.rowsRead,
      seconds: second.seconds,
      cpuSeconds: second.cpuSeconds,
      detail: { firstRun: first, diffRun: second, rowsChangedAtSource: changed, rowsSent: second.rowsSent },
    };
  });
}

/** Runs `work` under the CPU profiler when `file` is set, and writes the profile there. */
async function profiledIf<T>(file: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!file) return work();
  const { Session } = await import("node:inspector/promises");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  try {
    return await work();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}

async function main() {
  const input = JSON.parse(process.argv[2]) as ScenarioInput;
  const timer = setInterval(sampleRss, 100);
  sampleRss();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const outcome =
    input.kind === "baseline"
      ? await baseline(input)
      : input.kind === "naive"
        ? await naivePipeline(input.postgresUrl, input.sql, input.sinkUrl, markStart)
        : input.kind === "engine"
          ? await engine(input)
          : await diff(input);
  const { user, system } = process.cpuUsage(cpu);
  clearInterval(timer);
  sampleRss();
  // Engine and diff time only their run (not app-DB setup or the first diff run).
  const timed = outcome as { seconds?: number; cpuSeconds?: number };
  const result: ScenarioResult = {
    rows: outcome.rows,
    seconds: timed.seconds ?? (performance.now() - started) / 1000,
    cpuSeconds: timed.cpuSeconds ?? (user + system) / 1e6,
    peakRssBytes: peakRss,
    rssAtStartBytes: rssAtStart,
    detail: outcome.detail,
  };
  process.send!(result);
  process.disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
