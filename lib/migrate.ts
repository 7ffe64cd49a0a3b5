import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * Applies the committed SQL migrations (prisma/migrations/<provider>/NNNN_name.sql) that a database
 * has not had yet, each in its own transaction, recorded in _tidewater_migrations. Prisma's own
 * `migrate deploy` needs a native engine that is not on npm (see PITFALLS), hence this runner.
 */
export async function migrate(databaseUrl: string, migrationsDir = path.join(process.cwd(), "prisma", "migrations")): Promise<string[]> {
  const provider = databaseUrl.startsWith("file:") ? "sqlite" : "postgresql";
  const dir = path.join(migrationsDir, provider);
  const files = readdirSync(dir).filter((file) => file.endsWith(".sql")).sort();
  return provider === "sqlite" ? migrateSqlite(databaseUrl, dir, files) : migratePostgres(databaseUrl, dir, files);
}

const TRACKING = `CREATE TABLE IF NOT EXISTS _tidewater_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`;

async function migrateSqlite(url: string, dir: string, files: string[]): Promise<string[]> {
  const { default: Database } = await import("better-sqlite3");
  const { mkdirSync } = await import("node:fs");
  const file = url.slice("file:".length);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.exec(TRACKING);
    const done = new Set(db.prepare("SELECT name FROM _tidewater_migrations").all().map((row) => (row as { name: string }).name));
    const applied: string[] = [];
    for (const name of files.filter((f) => !done.has(f))) {
      // Prisma rebuilds a changed SQLite table as new_X → DROP X → rename. With foreign keys on, that
      // DROP would cascade into every row pointing at X; and the pragma is a no-op inside a
      // transaction, so it is switched off around it and the keys are checked before the commit.
      db.pragma("foreign_keys = OFF");
      try {
        db.transaction(() => {
          db.exec(readFileSync(path.join(dir, name), "utf8"));
          const broken = db.pragma("foreign_key_check") as unknown[];
          if (broken.length > 0) throw new Error(`Migration ${name} would leave ${broken.length} rows pointing at nothing: ${JSON.stringify(broken.slice(0, 3))}`);
          db.prepare("INSERT INTO _tidewater_migrations (name, applied_at) VALUES (?, ?)").run(name, new Date().toISOString());
        })();
      } finally {
        db.pragma("foreign_keys = ON");
      }
      applied.push(name);
    }
    return applied;
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, dir: string, files: string[]): Promise<string[]> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // One migrator at a time, when several app instances start together.
    await client.query("SELECT pg_advisory_lock(7261001)");
    await client.query(TRACKING);
    const { rows } = await client.query<{ name: string }>("SELECT name FROM _tidewater_migrations");
    const done = new Set(rows.map((row) => row.name));
    const applied: string[] = [];
    for (const name of files.filter((f) => !done.has(f))) {
      await client.query("BEGIN");
      try {
        await client.query(readFileSync(path.join(dir, name), "utf8"));
        await client.query("INSERT INTO _tidewater_migrations (name, applied_at) VALUES ($1, $2)", [name, new Date().toISOString()]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`);
      }
      applied.push(name);
    }
    return applied;
  } finally {
    await client.end();
  }
}
