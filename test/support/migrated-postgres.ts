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
