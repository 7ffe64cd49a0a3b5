// Memory stays flat however large the result: 2,000,000 rows from PostgreSQL through the connector,
// then a large sync through the whole engine into an HTTP destination, with RSS sampled throughout.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresConnector } from "../../lib/connectors/postgres/index";
import type { TPostgresConfig } from "../../lib/connectors/postgres/spec";
import type { Db } from "../../lib/db";
import { useFreshAppDatabase } from "../support/app-db";
import { startCountingReceiver } from "../support/counting-receiver";
import { gc, liveHeapMb } from "../support/gc";
import { startPostgres, type StartedServer } from "../support/postgres";

const MB = 1024 * 1024;

const LIMIT_MB = 300;
const ROWS = 2_000_000;
const ENGINE_ROWS = 2_000_000;
const wideRows = (count: number) =>
  `SELECT g AS userId, 'user' || g || '@example.com' AS email, md5(g::text) AS first_name, g % 7 AS plan,
          (g * 1.5)::numeric AS "cart.total", now() AS updated_at
   FROM generate_series(1, ${count}) g`;

// Cheaper to produce, for the 2,000,000-row read: the server's CPU is the test's CPU here.
const narrowRows = (count: number) => `SELECT g AS id, 'user' || g || '@example.com' AS email, g * 1.5 AS total FROM generate_series(1, ${count}) g`;

let server: StartedServer;
let receiver: Awaited<ReturnType<typeof startCountingReceiver>>;
let app: Db;
let config: TPostgresConfig;

beforeAll(async () => {
  [server, receiver, app] = await Promise.all([startPostgres(), startCountingReceiver(), useFreshAppDatabase()]);
  const url = new URL(server.url);
  config = { host: url.hostname, port: Number(url.port), database: "app", user: url.username, password: url.password, sslMode: "disable", caCertificate: "" };
});

afterAll(async () => {
  await Promise.all([server?.stop(), receiver?.stop()]);
});

/** Runs `work` while sampling RSS every 20 ms; returns the peak in MB and the RSS before it. */
async function peakRss(work: () => Promise<void>) {
  gc();
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage.rss());
  return { beforeMb: Math.round(before / MB), peakMb: Math.round(peak / MB) };
}

describe("memory", () => {
  it(`runs a ${ENGINE_ROWS.toLocaleString("en-US")}-row sync through the whole engine in constant memory`, async () => {
    const { createSource } = await import("../../lib/sources/create-source");
    const { createDatabase } = await import("../../lib/sources/create-database");
    const { createDestination } = await import("../../lib/destinations/create-destination");
    const { createSync } = await import("../../lib/syncs/create-sync");
    const { runSyncNow } = await import("../../lib/runs/run-sync-now");
    const sourceId = (await createSource({ name: "Warehouse", kind: "postgres" })).id;
    const databaseId = (await createDatabase(sourceId, { name: "app", config })).id;
    const destinationId = (await createDestination({ name: "Counter", kind: "http-batch", config: { url: receiver.url, writeKey: "wk" } })).id;
    const syncId = (
      await createSync({ sourceId, databaseId, name: "Big", type: "identify", query: wideRows(ENGINE_ROWS), frequencyMinutes: 60, destinationIds: [destinationId] })
    ).id;
    let runId = "";
    const live: number[] = [];
    const started = Date.now();
    const engine = await peakRss(async () => {
      const run = await runSyncNow(syncId);
      runId = run.id;
      // Each probe forces a full collection and notes what is still alive.
      const probe = setInterval(() => live.push(liveHeapMb()), 1000);
      await run.done.finally(() => clearInterval(probe));
    });
    const run = await app.syncRun.findUniqueOrThrow({ where: { id: runId } });
    console.log(
      `[memory] engine: ${run.rowsRead} rows in ${Date.now() - started} ms, ${receiver.counts.requests} batches; RSS ${engine.beforeMb} MB before, ` +
        `peak ${engine.peakMb} MB; live heap after each forced GC (MB): ${live.map((mb) => mb.toFixed(0)).join(", ")}`,
    );
    expect(run).toMatchObject({ status: "succeeded", rowsRead: ENGINE_ROWS, rowsSucceeded: ENGINE_ROWS, rowsFailed: 0 });
    expect(receiver.counts.calls).toBe(ENGINE_ROWS);
    expect(engine.peakMb).toBeLessThan(LIMIT_MB);
    expect(Math.max(...live) - Math.min(...live)).toBeLessThan(24);
  }, 120_000);

  it(`streams ${ROWS.toLocaleString("en-US")} rows through the connector under ${LIMIT_MB} MB`, async () => {
    // Ten rows first: the baseline the big read is compared with. No forced collections here.
    const small = await peakRss(async () => {
      for await (const page of postgresConnector.read(config, narrowRows(10))) void page;
    });
    let rows = 0;
    const started = Date.now();
    const big = await peakRss(async () => {
      for await (const page of postgresConnector.read(config, narrowRows(ROWS), { pageSize: 5000 })) rows += page.rows.length;
    });
    console.log(`[memory] connector: ${rows} rows in ${Date.now() - started} ms; RSS ${small.peakMb} MB after 10 rows, peak ${big.peakMb} MB over ${ROWS} rows`);
    expect(rows).toBe(ROWS);
    expect(big.peakMb).toBeLessThan(LIMIT_MB);
  }, 120_000);

  it("holds no more live memory after 500,000 rows than after the first page", async () => {
    // RSS includes garbage V8 collects when it pleases; after a forced collection only what the
    // read still holds is left, and that must not grow with the rows read.
    let pages = 0;
    const live: number[] = [];
    for await (const page of postgresConnector.read(config, wideRows(500_000), { pageSize: 5000 })) {
      void page;
      if (pages++ % 20 === 0) live.push(liveHeapMb());
    }
    console.log(`[memory] connector live heap after each forced GC (MB): ${live.map((mb) => mb.toFixed(1)).join(", ")}`);
    expect(Math.max(...live) - live[0]).toBeLessThan(16);
  }, 120_000);
});
