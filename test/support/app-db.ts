import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Points the app at a fresh SQLite app database in a temp dir and migrates it. Call before anything
 * reads env() (it is read lazily, on first use). Loopback destinations are allowed, as in the demo.
 */
export async function useFreshAppDatabase() {
  const dir = mkdtempSync(path.join(tmpdir(), "tidewater-app-"));
  process.env.TIDEWATER_DATA_DIR = dir;
  process.env.DATABASE_URL = `file:${path.join(dir, "app.db")}`;
  process.env.TIDEWATER_SECRET_KEY = "11".repeat(32);
  process.env.TIDEWATER_ALLOW_PRIVATE_DESTINATIONS = "1";
  const { migrate } = await import("../../lib/migrate");
  await migrate(process.env.DATABASE_URL);
  const { db } = await import("../../lib/db");
  return db();
}
