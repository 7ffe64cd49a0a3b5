import pg from "pg";

// The first key of the two-key advisory lock form: ours, apart from anyone else's locks.
const SYNC_LOCK_SPACE = 7261002;

/**
 * The PostgreSQL advisory locks of the syncs this worker is running, all held on one connection of
 * their own: if the process dies, PostgreSQL ends the session and every lock goes with it. If the
 * connection is lost while the process lives, the runs are told (`onLost`), since others may start.
 */
export class SyncLocks {
  private readonly client: pg.Client;
  private lost = false;
  // One statement at a time on the connection: runs starting together would otherwise overlap
  // their queries on it, which pg deprecates (and pg 9 refuses).
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(connectionString: string, onLost: (error: Error) => void) {
    this.client = new pg.Client({ connectionString, application_name: "tidewater-sync-locks", keepAlive: true });
    this.client.on("error", (error) => {
      this.lost = true;
      onLost(error);
    });
  }

  static async open(connectionString: string, onLost: (error: Error) => void): Promise<SyncLocks> {
    const locks = new SyncLocks(connectionString, onLost);
    await locks.client.connect();
    // A machine that vanishes sends no FIN: keepalives let PostgreSQL end its session (and free its
    // locks) in about 25 seconds rather than the system's two hours.
    await locks.client.query("SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3");
    return locks;
  }

  async tryLock(syncId: string): Promise<boolean> {
    if (this.lost) return false;
    const { rows } = await this.query("SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked", [SYNC_LOCK_SPACE, syncId]);
    return rows[0].locked === true;
  }

  async unlock(syncId: string): Promise<void> {
    if (this.lost) return;
    await this.query("SELECT pg_advisory_unlock($1, hashtext($2))", [SYNC_LOCK_SPACE, syncId]);
  }

  private query(text: string, values: unknown[]): Promise<pg.QueryResult> {
    const result = this.queue.then(() => this.client.query(text, values));
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}

/**
 * Whether no session holds the sync's lock, asked on a pooled connection (never the locks' own:
 * advisory locks are re-entrant within a session, so that one would always get it).
 */
export async function isSyncLockFree(pool: pg.Pool, syncId: string): Promise<boolean> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query("SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked", [SYNC_LOCK_SPACE, syncId]);
    if (rows[0].locked) await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [SYNC_LOCK_SPACE, syncId]);
    return rows[0].locked === true;
  } finally {
    client.release();
  }
}
