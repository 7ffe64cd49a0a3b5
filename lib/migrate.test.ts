import Database from "better-sqlite3";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "./migrate";

const committed = path.join(process.cwd(), "prisma", "migrations");
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A migrations folder holding the first `count` committed SQLite migrations. */
function firstMigrations(count: number): string {
  const folder = path.join(dir, "migrations");
  mkdirSync(path.join(folder, "sqlite"), { recursive: true });
  for (const name of readdirSync(path.join(committed, "sqlite")).sort().slice(0, count)) {
    copyFileSync(path.join(committed, "sqlite", name), path.join(folder, "sqlite", name));
  }
  return folder;
}

describe("migrate (SQLite)", () => {
  it("keeps every row of an existing database through all later migrations, tables Prisma rebuilds included", async () => {
    dir = mkdtempSync(path.join(tmpdir(), "tidewater-migrate-"));
    const file = path.join(dir, "app.db");
    expect(await migrate(`file:${file}`, firstMigrations(2))).toHaveLength(2);

    const db = new Database(file);
    db.exec(`
      INSERT INTO "Source" (id, name, kind) VALUES ('src', 'Warehouse', 'postgres');
      INSERT INTO "Database" (id, sourceId, name, configJson, updatedAt) VALUES ('db', 'src', 'main', '{}', CURRENT_TIMESTAMP);
      INSERT INTO "Destination" (id, name, kind, configJson) VALUES ('dest', 'CDP', 'http-batch', '{}');
      INSERT INTO "Sync" (id, sourceId, databaseId, name, type, query, frequencyMinutes, startAt, updatedAt)
        VALUES ('sync', 'src', 'db', 'Users', 'identify', 'SELECT 1', 60, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
      INSERT INTO "SyncDestination" (syncId, destinationId) VALUES ('sync', 'dest');
      INSERT INTO "SyncRun" (id, syncId, status) VALUES ('run', 'sync', 'succeeded');
      INSERT INTO "RunError" (id, runId, rowNumber, rowJson, reason) VALUES ('err', 'run', 1, '{}', 'no userId');
    `);
    db.close();

    const later = await migrate(`file:${file}`, committed);
    expect(later.length).toBeGreaterThan(0);
    const after = new Database(file, { readonly: true });
    const count = (table: string) => (after.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
    expect(["Sync", "SyncDestination", "SyncRun", "RunError"].map(count)).toEqual([1, 1, 1, 1]);
    expect(after.prepare(`SELECT "rowsUnchanged" FROM "SyncRun"`).get()).toEqual({ rowsUnchanged: 0 });
    expect(after.pragma("foreign_keys", { simple: true })).toBe(1);
    after.close();
  });
});
