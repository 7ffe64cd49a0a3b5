// GET /readyz with the app database on a real PostgreSQL that stops and comes back (role all).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type StartedPostgres } from "../support/postgres";

let server: StartedPostgres;
let shutDown = false;

beforeAll(async () => {
  server = await startPostgres();
  process.env.DATABASE_URL = server.url;
  process.env.TIDEWATER_SECRET_KEY = "33".repeat(32);
  const { migrate } = await import("../../lib/migrate");
  await migrate(server.url);
  const { jobRunner } = await import("../../lib/jobs/job-runner");
  await (await jobRunner()).start("all", { schedule: true });
});

afterAll(async () => {
  const { jobRunner } = await import("../../lib/jobs/job-runner");
  if (!shutDown) await (await jobRunner()).shutDown(1_000);
  await server?.stop();
});

async function ready() {
  const { GET } = await import("../../app/readyz/route");
  const response = await GET();
  return { status: response.status, body: await response.json() };
}

async function until(expected: number, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  let last = await ready();
  while (last.status !== expected && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    last = await ready();
  }
  return last;
}

describe("GET /readyz", () => {
  it("is 200 while the app database answers, 503 once it is stopped, 200 again once it is back", async () => {
    expect(await ready()).toEqual({ status: 200, body: { status: "ok" } });
    await server.halt();
    expect(await ready()).toEqual({ status: 503, body: { status: "unavailable" } });
    await server.resume();
    expect(await until(200)).toEqual({ status: 200, body: { status: "ok" } });
  });

  it("is 503 while a migration this build ships is not applied", async () => {
    const { db } = await import("../../lib/db");
    const [last] = await db().$queryRawUnsafe<{ name: string }[]>("SELECT name FROM _tidewater_migrations ORDER BY name DESC LIMIT 1");
    await db().$executeRawUnsafe("DELETE FROM _tidewater_migrations WHERE name = $1", last.name);
    try {
      expect((await ready()).status).toBe(503);
    } finally {
      await db().$executeRawUnsafe("INSERT INTO _tidewater_migrations (name, applied_at) VALUES ($1, $2)", last.name, new Date().toISOString());
    }
    expect((await ready()).status).toBe(200);
  });

  it("is 503 once the process is shutting down", async () => {
    const { jobRunner } = await import("../../lib/jobs/job-runner");
    shutDown = true;
    await (await jobRunner()).shutDown(1_000);
    expect((await ready()).status).toBe(503);
  });
});
