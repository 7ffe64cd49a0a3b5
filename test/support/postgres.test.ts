import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type StartedServer } from "./postgres";

describe("startPostgres", () => {
  let server: StartedServer;

  beforeAll(async () => {
    server = await startPostgres();
  }, 30_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("accepts the tidewater role on the app database over TCP", async () => {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const { rows } = await client.query("select 1 as one, current_user as who, current_database() as db");
      expect(rows[0]).toEqual({ one: 1, who: "tidewater", db: "app" });
    } finally {
      await client.end();
    }
  });

  it("refuses a wrong password", async () => {
    const url = new URL(server.url);
    url.password = "wrong-pass";
    const client = new pg.Client({ connectionString: url.toString() });
    await expect(client.connect()).rejects.toMatchObject({ code: "28P01" });
    await client.end().catch(() => {});
  });
});
