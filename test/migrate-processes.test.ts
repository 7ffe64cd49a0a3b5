// scripts/migrate.ts in several processes started together against one fresh PostgreSQL app database,
// as when the web process and the workers of an install start at once: one applies the migrations,
// the others wait for it (lib/migrate.ts's advisory lock) and find nothing left to do.
import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../lib/migrate";
import { startPostgres, type StartedServer } from "./support/postgres";

const PROCESSES = 4;
let server: StartedServer;
let dataDir: string;

beforeAll(async () => {
  server = await startPostgres();
  dataDir = await mkdtemp(path.join(tmpdir(), "tidewater-migrate-processes-"));
});

afterAll(async () => {
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

type Exit = { code: number | null; output: string };

function runMigrateProcess(): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn("node_modules/.bin/tsx", ["scripts/migrate.ts"], {
      env: { ...process.env, DATABASE_URL: server.url, TIDEWATER_SECRET_KEY: "33".repeat(32), TIDEWATER_DATA_DIR: dataDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, output }));
  });
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Columns, indexes and constraints of one schema, without the schema's name, sorted: comparable. */
async function describeSchema(schema: string): Promise<string[]> {
  const rows = await query<{ line: string }>(server.url, `
    SELECT concat_ws(' ', 'column', table_name, column_name, data_type, is_nullable, column_default) AS line
      FROM information_schema.columns WHERE table_schema = '${schema}'
    UNION ALL
    SELECT concat_ws(' ', 'index', replace(indexdef, '${schema}.', '')) FROM pg_indexes WHERE schemaname = '${schema}'
    UNION ALL
    SELECT concat_ws(' ', 'constraint', conrelid::regclass::text, pg_get_constraintdef(oid))
      FROM pg_constraint WHERE connamespace = '${schema}'::regnamespace`);
  return rows.map((row) => row.line.replaceAll(`${schema}.`, "")).sort();
}

describe(`scripts/migrate.ts in ${PROCESSES} processes started at once`, () => {
  it("applies each migration exactly once, every process exits 0, and the schema is complete", async () => {
    const files = (await readdir("prisma/migrations/postgresql")).filter((file) => file.endsWith(".sql")).sort();
    const [{ tracked }] = await query<{ tracked: string | null }>(server.url, "SELECT to_regclass('_tidewater_migrations')::text AS tracked");
    expect(tracked).toBeNull();

    const exits = await Promise.all(Array.from({ length: PROCESSES }, runMigrateProcess));

    for (const exit of exits) expect(exit, exit.output).toMatchObject({ code: 0 });
    // Each process prints the migrations it applied: every file appears in exactly one of them.
    const appliedBy = exits.map((exit) => /Applied migrations: (.*)/.exec(exit.output)?.[1].split(", ") ?? []);
    expect(appliedBy.flat().sort()).toEqual(files);
    expect(appliedBy.filter((applied) => applied.length > 0)).toHaveLength(1);
    expect(exits.filter((exit) => exit.output.includes("Database is up to date."))).toHaveLength(PROCESSES - 1);
    const tracking = await query<{ name: string }>(server.url, "SELECT name FROM _tidewater_migrations ORDER BY name");
    expect(tracking.map((row) => row.name)).toEqual(files);

    // The same migrations applied by one migrator alone, into a schema of their own, as the reference.
    await query(server.url, "CREATE SCHEMA reference");
    const reference = new URL(server.url);
    reference.searchParams.set("options", "-c search_path=reference");
    expect(await migrate(reference.toString())).toEqual(files);
    const [actual, expected] = await Promise.all([describeSchema("public"), describeSchema("reference")]);
    expect(expected.filter((line) => line.startsWith("column ")).length).toBeGreaterThan(50);
    expect(actual).toEqual(expected);
  });
});
