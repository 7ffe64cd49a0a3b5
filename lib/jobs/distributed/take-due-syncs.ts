import type pg from "pg";
import { nextRunFor, runsAtOnce, TIMED_KINDS } from "../../engine/schedule";

const TAKE_AT_MOST = 500;

/**
 * Takes the syncs whose time has come and moves each one's next run along its grid, in one
 * transaction: rows another process is taking are skipped (SKIP LOCKED), so each due time is taken
 * by exactly one process however many tick at once. Returns the syncs to run now; a sync scheduled
 * for later with no next run yet only gets its first time set. The database's clock decides.
 */
export async function takeDueSyncs(pool: pg.Pool): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // Prisma keeps DateTime as UTC in timestamp(3) columns without a time zone.
    const { rows } = await client.query<{
      id: string;
      start_ms: number;
      frequency: number;
      kind: string;
      cron: string | null;
      time_zone: string;
      next_ms: number | null;
      now_ms: number;
    }>(
      `SELECT id, EXTRACT(EPOCH FROM "startAt") * 1000 AS start_ms, "frequencyMinutes" AS frequency,
              "scheduleKind" AS kind, "cronExpression" AS cron, "timeZone" AS time_zone,
              EXTRACT(EPOCH FROM "nextRunAt") * 1000 AS next_ms, EXTRACT(EPOCH FROM now()) * 1000 AS now_ms
         FROM "Sync"
        WHERE enabled AND "scheduleKind" = ANY($1) AND ("nextRunAt" IS NULL OR "nextRunAt" <= (now() AT TIME ZONE 'UTC'))
        ORDER BY "nextRunAt" NULLS FIRST
        LIMIT ${TAKE_AT_MOST}
          FOR UPDATE SKIP LOCKED`,
      [TIMED_KINDS],
    );
    const due: string[] = [];
    const ids: string[] = [];
    const nexts: (number | null)[] = [];
    for (const row of rows) {
      const now = new Date(Number(row.now_ms));
      const startAt = new Date(Number(row.start_ms));
      const timing = { scheduleKind: row.kind, frequencyMinutes: row.frequency, startAt, cronExpression: row.cron, timeZone: row.time_zone };
      ids.push(row.id);
      nexts.push(nextRunFor(timing, now)?.getTime() ?? null);
      if (!(row.next_ms === null && !runsAtOnce(timing, now))) due.push(row.id);
    }
    if (ids.length > 0) {
      await client.query(
        `UPDATE "Sync" AS s SET "nextRunAt" = to_timestamp(v.ms / 1000.0) AT TIME ZONE 'UTC'
           FROM unnest($1::text[], $2::float8[]) AS v(id, ms) WHERE s.id = v.id`,
        [ids, nexts],
      );
    }
    await client.query("COMMIT");
    return due;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
