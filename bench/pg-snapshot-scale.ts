// Change tracking with the snapshot in PostgreSQL (PgSnapshot), at scale (a script; bench/run.ts
// runs it for its table):
//   tsx bench/pg-snapshot-scale.ts [identifiers=1000000] [changedFraction=0.01]
// Starts its own PostgreSQL unless BENCH_POSTGRES_URL names a throwaway database (it is migrated).
// Run 1 loads the snapshot as a first sync run does (every row new); run 2 classifies the same
// identifiers with a fraction changed, confirms those and lists deletions. Pages of 2,000 rows, as
// the source connectors read them, confirmed in batches of 2,500, as the engine delivers them; rows
// in a scrambled order, as an unordered query returns them. Prints wall and CPU time of this
// process and of the PostgreSQL server, and the table's size on disk.
import { readFileSync } from "node:fs";
import pg from "pg";
import { forgetPgSnapshot, PgSnapshot } from "../lib/engine/change-tracking/pg-snapshot";
import { rowHash, rowIdentity } from "../lib/engine/change-tracking/row-hash";
import type { KeyedRow } from "../lib/engine/change-tracking/snapshot-store";
import { migrate } from "../lib/migrate";
import { startPostgres } from "../test/support/postgres";
import { BENCH_SHARED_BUFFERS } from "./postgres-sizing";
import { scatteredStride, userRow } from "./scattered-rows";

const total = Number(process.argv[2] ?? 1_000_000);
const changedFraction = Number(process.argv[3] ?? 0.01);
const PAGE = 2_000;
const BATCH = 2_500;
const SYNC = "bench_sync";

export type PgSnapshotScaleResult = {
  identifiers: number;
  changedFraction: number;
  load: RunFigures;
  diff: RunFigures;
  tableBytes: number;
  indexBytes: number;
};
type RunFigures = { seconds: number; cpuSeconds: number; serverCpuSeconds: number; deletedScanSeconds: number; counts: Record<string, number> };

const APPLICATION = "bench-pg-snapshot";

/**
 * CPU seconds the PostgreSQL backends of this script have used (the server runs on this machine):
 * on a shared machine, CPU time is the fairer figure.
 */
async function serverCpuSeconds(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name = $1", [APPLICATION]);
  let ticks = 0;
  for (const { pid } of rows) {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the line)
  }
  return ticks / 100; // USER_HZ is 100 on Linux
}

const stride = scatteredStride(total);

async function runOnce(pool: pg.Pool, changed: (key: number) => boolean): Promise<RunFigures> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const serverCpu = await serverCpuSeconds(pool);
  const counts = { new: 0, changed: 0, unchanged: 0, duplicate: 0, deleted: 0 };
  const snapshot = await PgSnapshot.open(pool, SYNC);
  let pending: KeyedRow[] = [];
  for (let start = 0; start < total; start += PAGE) {
    const page: KeyedRow[] = [];
    for (let i = start; i < Math.min(total, start + PAGE); i++) {
      const key = (i * stride) % total;
      const values = userRow(key, changed(key) ? 2 : 1);
      page.push({ id: rowIdentity(values, [0])!, hash: rowHash(values) });
    }
    const changes = await snapshot.classify(page);
    for (let i = 0; i < page.length; i++) {
      counts[changes[i]]++;
      if (changes[i] === "new" || changes[i] === "changed") pending.push(page[i]);
    }
    if (pending.length >= BATCH) {
      await snapshot.confirm(pending);
      pending = [];
    }
    if (start % 1_000_000 === 0 && start > 0) process.stderr.write(`  ${start / 1e6}M rows, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  }
  await snapshot.confirm(pending);
  const classified = performance.now();
  for await (const ids of snapshot.deletedIds()) counts.deleted += ids.length;
  await snapshot.close();
  const { user, system } = process.cpuUsage(cpu);
  const seconds = (performance.now() - started) / 1000;
  const deletedScanSeconds = (performance.now() - classified) / 1000;
  return { counts, seconds, cpuSeconds: (user + system) / 1e6, serverCpuSeconds: (await serverCpuSeconds(pool)) - serverCpu, deletedScanSeconds };
}


/** Migrates the (throwaway) database and adds the one Sync row the snapshot's key points at. */
async function prepareDatabase(url: string): Promise<void> {
  await migrate(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      DELETE FROM "Sync" WHERE id = '${SYNC}';
      DELETE FROM "Source" WHERE id = '${SYNC}_src';
      INSERT INTO "Source" (id, name, kind) VALUES ('${SYNC}_src', 'Warehouse', 'postgres');
      INSERT INTO "Database" (id, "sourceId", name, "configJson", "updatedAt") VALUES ('${SYNC}_db', '${SYNC}_src', 'main', '{}', now());
      INSERT INTO "Sync" (id, "sourceId", "databaseId", name, type, query, "frequencyMinutes", "startAt", "updatedAt")
        VALUES ('${SYNC}', '${SYNC}_src', '${SYNC}_db', 'Users', 'identify', 'SELECT 1', 60, now(), now());
    `);
  } finally {
    await client.end();
  }
}

async function main() {
  const shared = process.env.BENCH_POSTGRES_URL;
  const server = shared ? undefined : await startPostgres({ sharedBuffers: BENCH_SHARED_BUFFERS });
  // Stopped by hand (a 30M run is long): stop the server too, which is not a child of this process.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void server?.stop().finally(() => process.exit(130)));
  try {
    const url = shared ?? server!.url;
    await prepareDatabase(url);
    const pool = new pg.Pool({ connectionString: url, max: 2, idleTimeoutMillis: 0, application_name: APPLICATION });
    try {
      console.log(`change tracking, PostgreSQL snapshot: ${total.toLocaleString("en-US")} identifiers, ${changedFraction * 100}% changed, node ${process.version}`);
      const load = await runOnce(pool, () => false);
      await pool.query("VACUUM ANALYZE change_snapshot");
      const size = await pool.query<{ table: string; index: string }>(
        "SELECT pg_table_size('change_snapshot') AS table, pg_indexes_size('change_snapshot') AS index",
      );
      const tableBytes = Number(size.rows[0].table);
      const indexBytes = Number(size.rows[0].index);
      const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
      console.log(`run 1 (load, all new): ${load.seconds.toFixed(1)} s (CPU: here ${load.cpuSeconds.toFixed(1)} s, PostgreSQL ${load.serverCpuSeconds.toFixed(1)} s), ${Math.round(total / load.seconds).toLocaleString("en-US")} rows/s, ${JSON.stringify(load.counts)}; table ${mib(tableBytes)} MiB + index ${mib(indexBytes)} MiB`);
      const threshold = Math.round(changedFraction * 10_000);
      const diff = await runOnce(pool, (key) => key % 10_000 < threshold);
      console.log(`run 2 (diff): ${diff.seconds.toFixed(1)} s (CPU: here ${diff.cpuSeconds.toFixed(1)} s, PostgreSQL ${diff.serverCpuSeconds.toFixed(1)} s), ${Math.round(total / diff.seconds).toLocaleString("en-US")} rows/s, deleted-id scan ${diff.deletedScanSeconds.toFixed(1)} s, ${JSON.stringify(diff.counts)}`);
      await forgetPgSnapshot(pool, SYNC);
      const result: PgSnapshotScaleResult = { identifiers: total, changedFraction, load, diff, tableBytes, indexBytes };
      console.log(JSON.stringify(result));
      process.send?.(result);
    } finally {
      await pool.end();
    }
  } finally {
    await server?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
