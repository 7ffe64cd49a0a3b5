import pg from "pg";
import type { Db } from "../../lib/db";
import { useFreshAppDatabase } from "./app-db";
import { startPostgres, type StartedServer } from "./postgres";
import { startReceiver, type Receiver } from "./receiver";

export type EngineFixture = {
  server: StartedServer;
  receiver: Receiver;
  app: Db;
  sourceId: string;
  databaseId: string;
  /** An HTTP batch destination pointing at the receiver, write key "wk_test". */
  destinationId: string;
  /** Runs a sync now, waits for it to end and returns its run record. */
  runNow(syncId: string): Promise<Awaited<ReturnType<Db["syncRun"]["findUniqueOrThrow"]>>>;
  /** Runs SQL on the source database (seeding, changing rows between runs). */
  sql(text: string): Promise<void>;
  stop(): Promise<void>;
};

/**
 * What the engine tests share: a real PostgreSQL source registered as a Tidewater source and
 * database (through the services, so the connection is tested), a real HTTP receiver registered as
 * a destination, and a fresh app database.
 */
export async function startEngineFixture(): Promise<EngineFixture> {
  const [server, receiver, app] = await Promise.all([startPostgres(), startReceiver(), useFreshAppDatabase()]);
  const { createSource } = await import("../../lib/sources/create-source");
  const { createDatabase } = await import("../../lib/sources/create-database");
  const sourceId = (await createSource({ name: "Warehouse", kind: "postgres" })).id;
  const url = new URL(server.url);
  const config = { host: url.hostname, port: Number(url.port), database: "app", user: url.username, password: url.password };
  const databaseId = (await createDatabase(sourceId, { name: "app", config })).id;
  const { createDestination } = await import("../../lib/destinations/create-destination");
  const destinationId = (await createDestination({ name: "Receiver", kind: "http-batch", config: { url: receiver.url, writeKey: "wk_test" } })).id;
  const { runSyncNow } = await import("../../lib/runs/run-sync-now");
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  return {
    server,
    receiver,
    app,
    sourceId,
    databaseId,
    destinationId,
    runNow: async (syncId) => {
      const run = await runSyncNow(syncId);
      await run.done;
      return app.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    },
    sql: async (text) => void (await client.query(text)),
    stop: async () => {
      await client.end();
      await Promise.all([server.stop(), receiver.stop()]);
    },
  };
}
