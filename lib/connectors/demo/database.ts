/**
 * The process-wide, in-memory DuckDB behind the demo source: created and filled on first use,
 * then locked down so user queries can neither read files, fetch extensions nor change settings.
 */
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";

import { loadSaasDataset, touchRecentRows } from "./dataset";

// On globalThis so a dev-server reload of this module reuses the database instead of leaking one.
const shared = globalThis as typeof globalThis & {
  tidewaterDemoDatabase?: Promise<DuckDBInstance>;
};
let touching: Promise<void> | undefined;

async function openDatabase(): Promise<DuckDBInstance> {
  const instance = await DuckDBInstance.create(":memory:", {
    enable_external_access: "false",
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false",
    memory_limit: "512MB",
  });
  const connection = await instance.connect();
  try {
    // Sample timestamps are UTC wall-clock values; comparing them with to_timestamp(...) must not
    // depend on the server's time zone. TimeZone is not accepted as a start-up option, hence SET.
    await connection.run("SET GLOBAL TimeZone = 'UTC'");
    await loadSaasDataset(connection);
    await connection.run("SET GLOBAL lock_configuration = true");
  } catch (error) {
    instance.closeSync();
    throw error;
  } finally {
    connection.closeSync();
  }
  return instance;
}

function getDatabase(): Promise<DuckDBInstance> {
  shared.tidewaterDemoDatabase ??= openDatabase().catch((error: unknown) => {
    shared.tidewaterDemoDatabase = undefined; // let the next call try again
    throw error;
  });
  return shared.tidewaterDemoDatabase;
}

/** Moves the "recent" rows to the last minute; concurrent callers share one update. */
async function touch(instance: DuckDBInstance): Promise<void> {
  touching ??= (async () => {
    const connection = await instance.connect();
    try {
      await touchRecentRows(connection);
    } finally {
      connection.closeSync();
      touching = undefined;
    }
  })();
  return touching;
}

/**
 * A new connection to the sample database; the caller closes it. Each connection is used by one
 * query, so interrupting it cancels exactly that query.
 */
export async function connectDemo(options: { touchRecentRows?: boolean } = {}): Promise<DuckDBConnection> {
  const instance = await getDatabase();
  if (options.touchRecentRows) await touch(instance);
  return instance.connect();
}
