// DATABASE_URL=postgresql://… : the app database on PostgreSQL instead of the SQLite file.
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../lib/db";
import { startPostgres, type StartedServer } from "./support/postgres";

let server: StartedServer;
let app: Db;

beforeAll(async () => {
  server = await startPostgres();
  process.env.DATABASE_URL = server.url;
  process.env.TIDEWATER_SECRET_KEY = "22".repeat(32);
  const { migrate } = await import("../lib/migrate");
  expect(await migrate(server.url)).toEqual(readdirSync("prisma/migrations/postgresql").sort());
  const { db } = await import("../lib/db");
  app = db();
  // This process is the worker too, as TIDEWATER_ROLE=all is.
  const { jobRunner } = await import("../lib/jobs/job-runner");
  await (await jobRunner()).start("all", { schedule: false });
});

afterAll(async () => {
  const { jobRunner } = await import("../lib/jobs/job-runner");
  await (await jobRunner()).shutDown(1_000);
  await app?.$disconnect();
  await server?.stop();
});

describe("the app database on PostgreSQL", () => {
  it("migrates once: a second start applies nothing", async () => {
    const { migrate } = await import("../lib/migrate");
    expect(await migrate(server.url)).toEqual([]);
  });

  it("seeds the demo and runs a demo sync into the inbox", async () => {
    const { seedDemo } = await import("../lib/demo/seed-demo");
    expect(await seedDemo(app)).toBe(true);
    expect(await seedDemo(app)).toBe(false);
    const sync = await app.sync.findFirstOrThrow({ where: { type: "identify" } });
    const { runSyncNow } = await import("../lib/runs/run-sync-now");
    const run = await runSyncNow(sync.id);
    await run.done;
    const finished = await app.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(finished).toMatchObject({ status: "succeeded", rowsFailed: 0 });
    expect(finished.rowsSucceeded).toBeGreaterThan(0);
    expect(await app.inboxMessage.count()).toBe(finished.rowsSucceeded);
  });

  it("stores credentials encrypted, not in plain text", async () => {
    const { createSource } = await import("../lib/sources/create-source");
    const { createDatabase } = await import("../lib/sources/create-database");
    const source = await createSource({ name: "Self", kind: "postgres" });
    const url = new URL(server.url);
    await createDatabase(source.id, { name: "self", config: { host: url.hostname, port: Number(url.port), database: "app", user: url.username, password: url.password } });
    const row = await app.database.findFirstOrThrow({ where: { sourceId: source.id } });
    expect(row.configJson).not.toContain(url.password);
    expect(row.secretsEncrypted).toMatch(/^v1:/);
    expect(row.secretsEncrypted).not.toContain(url.password);
  });
});
