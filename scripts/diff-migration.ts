// Writes one migration for each provider from the change of prisma/schema.prisma since the last
// migration: `tsx scripts/diff-migration.ts <name> [previous-schema.prisma]`. The PostgreSQL diff
// needs a live server (the wasm engine asks its version), so a throwaway one is started.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startPostgres } from "../test/support/postgres";
import { toPostgresSchema } from "./postgres-schema.mjs";

const [name, previous] = process.argv.slice(2);
if (!name) throw new Error("usage: tsx scripts/diff-migration.ts <name> [previous-schema.prisma]");
execFileSync("node", ["scripts/prisma-generate.mjs"], { stdio: "ignore" });

// The previous schema, as each provider sees it.
const previousFor = { sqlite: previous, postgresql: previous && path.join(mkdtempSync(path.join(tmpdir(), "schema-")), "previous.prisma") };
if (previous && previousFor.postgresql) writeFileSync(previousFor.postgresql, toPostgresSchema(readFileSync(previous, "utf8")));

// After the highest number of either provider: some migrations exist for PostgreSQL only.
const numbers = ["sqlite", "postgresql"].flatMap((provider) => readdirSync(`prisma/migrations/${provider}`).map((file) => Number.parseInt(file, 10) || 0));
const number = String(Math.max(0, ...numbers) + 1).padStart(4, "0");
const server = await startPostgres();
try {
  for (const [provider, schema] of [
    ["sqlite", "prisma/schema.prisma"],
    ["postgresql", "prisma/generated/postgres.prisma"],
  ] as const) {
    const from = previous ? ["--from-schema-datamodel", previousFor[provider]!] : ["--from-empty"];
    const sql = execFileSync(
      "node",
      ["node_modules/prisma/build/index.js", "migrate", "diff", ...from, "--to-schema-datamodel", schema, "--script"],
      { env: { ...process.env, PRISMA_PROVIDER: provider, PRISMA_DIFF_DATABASE_URL: server.url } },
    ).toString();
    writeFileSync(`prisma/migrations/${provider}/${number}_${name}.sql`, sql);
  }
} finally {
  await server.stop();
}
