// A sync's change-tracking snapshot in the PostgreSQL app database (distributed mode): the table
// change_snapshot (migration 0007), keyed by sync and identifier, so whichever worker runs a sync
// sees what the last run confirmed. Every call is one statement over a whole page, never a
// statement per row.
import type pg from "pg";
import type { Change, KeyedRow, SnapshotStore } from "./snapshot-store";

/** Snapshot ids per page of `deletedIds`. */
const DELETED_PAGE_ROWS = 10_000;

/**
 * What this run has seen lives in a temporary table of the one connection the run holds from open to
 * close (a pool hands each query to any connection, and a temporary table belongs to one session).
 * A shared UNLOGGED table keyed by run would work with any connection, but it outlives a worker
 * killed mid-run (so it needs sweeping), and PostgreSQL empties it after its own crash: a run that
 * carried on would then list every id it had seen as deleted. A temporary table dies with its
 * session, and a run whose session died fails at its next call instead. Neither writes WAL.
 */
const SEEN = "pg_temp.tidewater_seen";

// For the run's session: no JIT compiling (on by default, for statements the planner thinks costly,
// as the per-id lookups below: it costs more than a page's statement takes to run), and more
// work_mem for the deleted ids' anti-join, which hashes the run's seen ids (fewer passes over disk).
const BEGIN_RUN = `DROP TABLE IF EXISTS ${SEEN}; CREATE TEMPORARY TABLE tidewater_seen (id text COLLATE "C" NOT NULL); CREATE INDEX ON ${SEEN} USING hash (id); SET jit = off; SET work_mem = '64MB'`;
// A session's buffers for temporary tables (8 MB by default) can only be set before its first use of
// one; a seen table of millions of ids is far bigger, and past them its pages go to and from disk.
// Taken as needed, given back when the connection ends.
const MORE_TEMP_BUFFERS = "SET temp_buffers = '256MB'";
const END_RUN = `CLOSE ALL; DROP TABLE IF EXISTS ${SEEN}; RESET jit; RESET work_mem`;

// One round trip per page: the ids go into the run's seen table (those already there are
// duplicates) and are looked up in the snapshot; the answer is one letter per id, in page order.
// Both lookups are subqueries per id, index probes whatever the statistics say: while a first run
// loads millions of rows they are stale, and a join was then planned as a scan of every row. The
// seen table's index is a hash, not a unique B-tree: ids come in no order, and inserting them at
// random places down a B-tree cost more than the whole rest of the statement (this session alone
// writes the table, so "not there yet" needs no unique constraint).
const CLASSIFY = `
  WITH page AS (
    SELECT t.id COLLATE "C" AS id, t.hash, t.n FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS t (id, hash, n)
  ), first_seen AS (
    INSERT INTO ${SEEN} (id) SELECT p.id FROM page p WHERE (SELECT true FROM ${SEEN} v WHERE v.id = p.id LIMIT 1) IS NULL RETURNING id
  )
  SELECT string_agg(
    CASE WHEN f.id IS NULL THEN 'd'
    ELSE coalesce((SELECT CASE WHEN s.hash = p.hash THEN 'u' ELSE 'c' END FROM change_snapshot s WHERE s.sync_id = $1 AND s.id = p.id), 'n') END,
    '' ORDER BY p.n) AS codes
  FROM page p LEFT JOIN first_seen f ON f.id = p.id`;

const CODES: Record<string, Change> = { n: "new", c: "changed", u: "unchanged", d: "duplicate" };

const CONFIRM = `
  INSERT INTO change_snapshot (sync_id, id, hash)
  SELECT $1, t.id, t.hash FROM unnest($2::text[], $3::text[]) AS t (id, hash)
  ON CONFLICT (sync_id, id) DO UPDATE SET hash = excluded.hash WHERE change_snapshot.hash <> excluded.hash`;

// The snapshot's ids missing from the run's seen table, worked out in one pass and held by the
// server (WITH HOLD: past the statement's own transaction, so each confirmDeleted in between
// commits on its own) for the pages to be fetched. Keyset pages of an anti-join were planned as a
// whole hash anti-join per page, over and over. The snapshot is walked in key order and each id
// probed in the seen table's hash index: no sort, no hash table of millions of seen ids.
const CURSOR = "tidewater_deleted";
const DECLARE_DELETED = `
  DECLARE ${CURSOR} NO SCROLL CURSOR WITH HOLD FOR
  SELECT s.id FROM change_snapshot s
  WHERE s.sync_id = $1 AND (SELECT true FROM ${SEEN} v WHERE v.id = s.id LIMIT 1) IS NULL
  ORDER BY s.id`;

const CONFIRM_DELETED = `DELETE FROM change_snapshot WHERE sync_id = $1 AND id = ANY ($2::text[])`;

/**
 * A run's view of one sync's snapshot. It holds one connection of `pool` until `close`: size the
 * pool for one connection per concurrent run on top of what else uses it. Only `confirm` and
 * `confirmDeleted` write the snapshot, each in one autocommitted statement, so a run that dies
 * leaves exactly what it confirmed, and its seen ids go with its session.
 */
export class PgSnapshot implements SnapshotStore {
  private lost: Error | undefined;
  private closed = false;
  private readonly onSessionError = (error: Error) => {
    // A checked-out client has no listener of its own: an error while idle would crash the process.
    this.lost = error;
  };

  /** Ids of this run found in the snapshot (each once), against how many it held when the run began. */
  private foundInSnapshot = 0;

  private constructor(
    private readonly session: pg.PoolClient,
    private readonly syncId: string,
    private readonly heldAtStart: number,
  ) {
    session.on("error", this.onSessionError);
  }

  static async open(pool: pg.Pool, syncId: string): Promise<PgSnapshot> {
    const session = await pool.connect();
    try {
      await session.query(MORE_TEMP_BUFFERS).catch(() => {
        // The connection has used temporary tables already: its buffers are fixed, which only costs speed.
      });
      await session.query(BEGIN_RUN);
      const { rows } = await session.query<{ held: string }>("SELECT count(*) AS held FROM change_snapshot WHERE sync_id = $1", [syncId]);
      return new PgSnapshot(session, syncId, Number(rows[0].held));
    } catch (error) {
      session.release(error as Error);
      throw error;
    }
  }

  async classify(rows: readonly KeyedRow[]): Promise<Change[]> {
    const changes = new Array<Change>(rows.length);
    // A page may repeat an id: only its first row goes to the database, the others are duplicates.
    const firstRow = new Map<string, number>();
    for (let i = 0; i < rows.length; i++) {
      const { id } = rows[i];
      if (firstRow.has(id)) {
        changes[i] = "duplicate";
        continue;
      }
      firstRow.set(id, i);
    }
    if (firstRow.size === 0) return changes;
    // In id order, both B-trees are walked from one end to the other instead of at random.
    const order = [...firstRow.values()].sort((a, b) => (rows[a].id < rows[b].id ? -1 : 1));
    const result = await this.session.query<{ codes: string }>(CLASSIFY, [
      this.syncId,
      order.map((index) => rows[index].id),
      order.map((index) => rows[index].hash),
    ]);
    const codes = result.rows[0].codes;
    for (let k = 0; k < order.length; k++) {
      const change = CODES[codes[k]];
      changes[order[k]] = change;
      if (change === "unchanged" || change === "changed") this.foundInSnapshot++;
    }
    return changes;
  }

  readonly readOnly = false;

  async storedHashes(ids: readonly string[]): Promise<Map<string, string>> {
    const { rows } = await this.session.query<[string, string]>({
      text: "SELECT id, hash FROM change_snapshot WHERE sync_id = $1 AND id = ANY($2::text[])",
      values: [this.syncId, ids],
      rowMode: "array",
    });
    return new Map(rows);
  }

  async confirm(delivered: readonly KeyedRow[]): Promise<void> {
    if (delivered.length === 0) return;
    // One upsert may not touch a row twice: the last hash of an id stands.
    const latest = new Map<string, string>();
    for (const { id, hash } of delivered) latest.set(id, hash);
    await this.session.query(CONFIRM, [this.syncId, [...latest.keys()], [...latest.values()]]);
  }

  async *deletedIds(): AsyncIterable<string[]> {
    // Every id the snapshot held was seen: nothing was deleted, and the scan below is not needed;
    // the session must still be the run's own, with what it saw (its seen table).
    if (this.foundInSnapshot >= this.heldAtStart) {
      await this.session.query(`SELECT FROM ${SEEN} LIMIT 0`);
      return;
    }
    // A temporary table has no statistics until asked (autovacuum never sees it); without them its
    // lookups are planned for an empty table.
    await this.session.query(`ANALYZE ${SEEN}`);
    await this.session.query(DECLARE_DELETED, [this.syncId]);
    try {
      for (;;) {
        const { rows } = await this.session.query<[string]>({ text: `FETCH ${DELETED_PAGE_ROWS} FROM ${CURSOR}`, rowMode: "array" });
        if (rows.length > 0) yield rows.map((row) => row[0]);
        if (rows.length < DELETED_PAGE_ROWS) return;
      }
    } finally {
      if (!this.lost) await this.session.query(`CLOSE ${CURSOR}`);
    }
  }

  async confirmDeleted(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.session.query(CONFIRM_DELETED, [this.syncId, ids]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      if (!this.lost) await this.session.query(END_RUN);
    } catch (error) {
      this.lost = error as Error;
    } finally {
      this.session.off("error", this.onSessionError);
      // Released with an error, the pool ends the connection, and its temporary table goes with it.
      this.session.release(this.lost);
    }
  }
}

/** Forgets every identifier of a sync, so its next run sends every row. Not while a run holds it. */
export async function forgetPgSnapshot(pool: pg.Pool, syncId: string): Promise<void> {
  await pool.query("DELETE FROM change_snapshot WHERE sync_id = $1", [syncId]);
}
