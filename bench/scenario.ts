// One measurement of `npm run bench`, run in a process of its own so that its peak RSS is its own.
// bench/run.ts forks it with a JSON argument and receives a ScenarioResult over IPC.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import Cursor from "pg-cursor";
import { clientConfig } from "../lib/connectors/postgres/connect";
import { readPostgres } from "../lib/connectors/postgres/read";
import type { TPostgresConfig } from "../lib/connectors/postgres/spec";
import { ChangeSnapshot, type Delivered } from "../lib/sync/change-tracking/change-snapshot";
import { rowHash, rowIdentity } from "../lib/sync/change-tracking/row-hash";

export type ScenarioInput =
  | { kind: "baseline"; postgresUrl: string; sql: string }
  | { kind: "engine"; postgresUrl: string; sql: string; sinkUrl: string }
  | { kind: "diff"; postgresUrl: string; sql: string; changeSql: string };

export type ScenarioResult = {
  rows: number;
  seconds: number;
  cpuSeconds: number;
  peakRssBytes: number;
  rssAtStartBytes: number;
  detail?: Record<string, unknown>;
};

const PAGE_ROWS = 2_000;
const CONFIRM_BATCH = 2_500;

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
    ssl: false,
  };
}

/** The floor: the same rows through a bare cursor (with the connector's type parsers), stringified. */
async function baseline(input: Extract<ScenarioInput, { kind: "baseline" }>) {
  const client = new pg.Client(clientConfig(postgresConfig(input.postgresUrl)));
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

/** The real engine: app DB, services, "Run now", HTTP batches to the sink. */
async function engine(input: Extract<ScenarioInput, { kind: "engine" }>) {
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
      await createSync({ sourceId, databaseId, name: "Bench", type: "identify", query: input.sql, frequencyMinutes: 60, destinationIds: [destinationId] })
    ).id;
    markStart();
    const started = performance.now();
    const cpu = process.cpuUsage();
    const run = await runSyncNow(syncId);
    await run.done;
    const seconds = (performance.now() - started) / 1000;
    const { user, system } = process.cpuUsage(cpu);
    const record = await app.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    if (record.status !== "succeeded") throw new Error(`bench run ${record.status}: ${record.error}`);
    return { rows: record.rowsSucceeded, seconds, cpuSeconds: (user + system) / 1e6, detail: { rowsRead: record.rowsRead, rowsFailed: record.rowsFailed } };
  } finally {
    await app.$disconnect();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Change tracking measured on its own (the engine does not call it yet): the connector's read, then
 * rowIdentity/rowHash → classify → confirm per 2,500 sent rows, as the engine will after delivery.
 * Run 1 fills the snapshot; `changeSql` then changes rows at the source; run 2 is the timed diff.
 */
async function diff(input: Extract<ScenarioInput, { kind: "diff" }>) {
  const dir = mkdtempSync(path.join(tmpdir(), "tidewater-bench-diff-"));
  const config = postgresConfig(input.postgresUrl);
  const snapshot = ChangeSnapshot.open(path.join(dir, "snapshots", "bench.db"));
  const once = async () => {
    const started = performance.now();
    const counts = { new: 0, changed: 0, unchanged: 0, duplicate: 0, deleted: 0, rows: 0 };
    let sent: Delivered[] = [];
    for await (const page of readPostgres(config, input.sql)) {
      for (const values of page.rows) {
        const id = rowIdentity(values, [0]);
        if (id === null) continue;
        const hash = rowHash(values);
        const change = snapshot.classify(id, hash);
        counts[change]++;
        if (change === "new" || change === "changed") sent.push({ id, hash });
        if (sent.length === CONFIRM_BATCH) {
          snapshot.confirm(sent);
          sent = [];
        }
      }
      counts.rows += page.rows.length;
    }
    snapshot.confirm(sent);
    for (const _ of snapshot.deletedIds()) counts.deleted++;
    snapshot.endRun();
    return { ...counts, seconds: (performance.now() - started) / 1000 };
  };
  try {
    markStart();
    const first = await once();
    const client = new pg.Client(clientConfig(config));
    await client.connect();
    const changed = (await client.query(input.changeSql)).rowCount;
    await client.end();
    const cpu = process.cpuUsage();
    const second = await once();
    const { user, system } = process.cpuUsage(cpu);
    return {
      rows: second.rows,
      seconds: second.seconds,
      cpuSeconds: (user + system) / 1e6,
      detail: { firstRun: first, diffRun: second, rowsChangedAtSource: changed, rowsSent: second.new + second.changed },
    };
  } finally {
    snapshot.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const input = JSON.parse(process.argv[2]) as ScenarioInput;
  const timer = setInterval(sampleRss, 100);
  sampleRss();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const outcome =
    input.kind === "baseline" ? await baseline(input) : input.kind === "engine" ? await engine(input) : await diff(input);
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
