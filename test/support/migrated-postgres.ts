import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { migrate } from "../../lib/migrate";
import { startPostgres, type StartedServer } from "./postgres";

export type MigratedPostgres = { server: StartedServer; pool: pg.Pool };

/**
 * A PostgreSQL server with the app's migrations applied and a pool on it, for the whole test file:
 * started in beforeAll (before the file's own beforeAll hooks, when called first), stopped in
 * afterAll. Read the fields inside hooks and tests, once it has started.
 */
export function useMigratedPostgres(): MigratedPostgres {
  const postgres = {} as MigratedPostgres;
  beforeAll(async () => {
    postgres.server = await startPostgres();
    await migrate(postgres.server.url);
    postgres.pool = new pg.Pool({ connectionString: postgres.server.url, max: 4 });
  });
  afterAll(async () => {
    await postgres.pool?.end();
    await postgres.server?.stop();
  });
  return postgres;
}

/** A Sync row with the source and database it needs (ids `src_<id>`, `db_<id>`), for a snapshot's foreign key. */
export async function insertSyncRow(pool: pg.Pool, id: string): Promise<void> {
  await pool.query(`
    INSERT INTO "Source" (id, name, kind) VALUES ('src_${id}', 'Warehouse', 'postgres');
    INSERT INTO "Database" (id, "sourceId", name, "configJson", "updatedAt") VALUES ('db_${id}', 'src_${id}', 'main', '{}', now());
    INSERT INTO "Sync" (id, "sourceId", "databaseId", name, type, query, "frequencyMinutes", "startAt", "updatedAt")
      VALUES ('${id}', 'src_${id}', 'db_${id}', 'Users', 'identify', 'SELECT 1', 60, now(), now());
  `);
}
