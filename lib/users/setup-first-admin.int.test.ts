import { afterAll, beforeAll, describe } from "vitest";
import { startPostgres, type StartedServer } from "../../test/support/postgres";
import type { Db } from "../db";
import { firstAdminCases } from "./setup-first-admin.cases";

let server: StartedServer;
let app: Db;

beforeAll(async () => {
  server = await startPostgres();
  process.env.DATABASE_URL = server.url;
  process.env.TIDEWATER_SECRET_KEY = "33".repeat(32);
  const { migrate } = await import("../migrate");
  await migrate(server.url);
  const { db } = await import("../db");
  app = db();
});

afterAll(async () => {
  await app?.$disconnect();
  await server?.stop();
});

describe("first-admin setup (PostgreSQL)", () => firstAdminCases(() => app));
