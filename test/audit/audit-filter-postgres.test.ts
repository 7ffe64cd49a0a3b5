// The audit log's filters on a PostgreSQL app database, where LIKE is case-sensitive (SQLite's is not).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../lib/db";
import { startPostgres, type StartedServer } from "../support/postgres";

let server: StartedServer;
let app: Db;

beforeAll(async () => {
  server = await startPostgres();
  process.env.DATABASE_URL = server.url;
  process.env.TIDEWATER_SECRET_KEY = "44".repeat(32);
  const { migrate } = await import("../../lib/migrate");
  await migrate(server.url);
  const { db } = await import("../../lib/db");
  app = db();
});

afterAll(async () => {
  await app?.$disconnect();
  await server?.stop();
});

describe("audit filters on PostgreSQL", () => {
  it("finds who by any part of the name, in any case", async () => {
    const { recordAudit } = await import("../../lib/audit/record-audit");
    const { listAuditEvents } = await import("../../lib/audit/list-audit-events");
    await recordAudit({ actor: { type: "token", name: "CI Bot" }, action: "sync.update", resource: { type: "sync", id: "s1", name: "People" } });
    await recordAudit({ actor: { type: "user", name: "ada@example.com" }, action: "sync.update", resource: { type: "sync", id: "s1", name: "People" } });
    const page = { limit: 50 };
    expect((await listAuditEvents({ actor: "ci bot" }, page)).map((entry) => entry.actor.name)).toEqual(["CI Bot"]);
    expect((await listAuditEvents({ actor: "ADA@" }, page)).map((entry) => entry.actor.name)).toEqual(["ada@example.com"]);
  });
});
