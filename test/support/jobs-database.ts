// A migrated PostgreSQL app database with pg-boss started on it, for tests of the distributed
// runner's pieces called in this process (the cluster tests run real worker processes instead).
import pg from "pg";
import type PgBoss from "pg-boss";
import type { Db } from "../../lib/db";
import { startPostgres } from "./postgres";

export type JobsDatabase = { app: Db; pool: pg.Pool; boss: PgBoss; stop(): Promise<void> };

export async function startJobsDatabase(secretKey: string): Promise<JobsDatabase> {
  const server = await startPostgres();
  process.env.DATABASE_URL = server.url;
  process.env.TIDEWATER_SECRET_KEY = secretKey;
  const { migrate } = await import("../../lib/migrate");
  await migrate(server.url);
  const app = (await import("../../lib/db")).db();
  const { startBoss } = await import("../../lib/jobs/distributed/boss");
  const boss = await startBoss(server.url, { supervise: false });
  const pool = new pg.Pool({ connectionString: server.url });
  return {
    app,
    pool,
    boss,
    async stop() {
      await boss.stop({ graceful: false });
      await pool.end();
      await app.$disconnect();
      await server.stop();
    },
  };
}
