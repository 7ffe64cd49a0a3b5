import { readdirSync } from "node:fs";
import path from "node:path";

/**
 * The migrations this build ships for the app database's provider (as lib/migrate.ts applies them).
 * The paths are spelled out so Next.js traces just these folders, not the whole project.
 */
export function shippedMigrations(databaseUrl: string): string[] {
  const dir = databaseUrl.startsWith("file:")
    ? path.join(process.cwd(), "prisma", "migrations", "sqlite")
    : path.join(process.cwd(), "prisma", "migrations", "postgresql");
  return readdirSync(dir).filter((file) => file.endsWith(".sql"));
}
