import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// The wasm schema engine from npm (no native engine download), so `prisma generate` and
// `prisma migrate diff` work offline. It needs an adapter of the schema's provider; diffs from
// schema to schema never connect. Migrations are applied by scripts/migrate.ts.
const postgres = process.env.PRISMA_PROVIDER === "postgresql";

export default defineConfig({
  schema: postgres ? "prisma/generated/postgres.prisma" : "prisma/schema.prisma",
  engine: "js",
  experimental: { adapter: true },
  adapter: async () =>
    postgres
      ? new PrismaPg({ connectionString: process.env.PRISMA_DIFF_DATABASE_URL ?? "postgresql://localhost/placeholder" })
      : new PrismaBetterSQLite3({ url: ":memory:" }),
} as Parameters<typeof defineConfig>[0]);
