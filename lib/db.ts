import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@tidewater/prisma-sqlite";
import { PrismaClient as PostgresPrismaClient } from "@tidewater/prisma-postgres";
import { env } from "./env";

export type Db = PrismaClient;

// One client per process; Next.js dev reloads modules, so it lives on globalThis.
const holder = globalThis as unknown as { tidewaterDb?: Db };

export function db(): Db {
  holder.tidewaterDb ??= createClient(env().DATABASE_URL);
  return holder.tidewaterDb;
}

export function createClient(url: string): Db {
  if (url.startsWith("file:")) return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: url.slice("file:".length) }) });
  // Both clients come from one schema (scripts/prisma-generate.mjs), so their APIs are the same.
  return new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
}
