// POST /api/v1/sources/{id}/databases against the built app and a real PostgreSQL: a user that can
// write is saved with a `user_can_write` warning, a SELECT-only user without one; TLS settings and
// old boolean settings are parsed, not coerced.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as R from "../../lib/openapi/responses";
import { startPostgres, type StartedServer } from "../support/postgres";
import { startAppServer, type AppServer } from "./support/app-server";

let app: AppServer;
let postgres: StartedServer;
let sourceId: string;

async function call(method: string, route: string, body?: unknown) {
  const response = await fetch(`${app.url}/api/v1${route}`, {
    method,
    headers: { authorization: `Bearer ${app.token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const config = (user: string, password: string, extra: Record<string, unknown> = {}) => ({
  host: "127.0.0.1", port: Number(new URL(postgres.url).port), database: "app", user, password, ...extra,
});

beforeAll(async () => {
  [app, postgres] = await Promise.all([startAppServer(), startPostgres()]);
  const admin = new pg.Client({ host: "127.0.0.1", port: Number(new URL(postgres.url).port), database: "app", user: "postgres", password: "postgres-pass" });
  await admin.connect();
  await admin.query(`
    CREATE TABLE people (id int);
    CREATE ROLE reader LOGIN PASSWORD 'reader-pass'; GRANT USAGE ON SCHEMA public TO reader; GRANT SELECT ON people TO reader;
  `);
  await admin.end();
  const source = await call("POST", "/sources", { name: "Warehouse", kind: "postgres" });
  sourceId = source.body.id;
});

afterAll(async () => {
  await Promise.all([app?.stop(), postgres?.stop()]);
});

describe("POST /api/v1/sources/{id}/databases", () => {
  it("saves a user that can write, with a user_can_write warning and read-only grants", async () => {
    const url = new URL(postgres.url);
    const reply = await call("POST", `/sources/${sourceId}/databases`, { name: "owner", config: config(url.username, url.password) });
    expect(reply.status).toBe(201);
    const body = R.ZDatabaseResponseSchema.parse(reply.body);
    expect(body.warnings).toHaveLength(1);
    expect(body.warnings[0]).toMatchObject({ code: "user_can_write", message: expect.stringMatching(/^This database user can change data \(/) });
    expect(body.warnings[0].found).toEqual(["CREATE on database app", "CREATE on schema public"]);
    expect(body.warnings[0].readOnlyGrants.join("\n")).toContain("GRANT SELECT ON ALL TABLES IN SCHEMA public");
  });

  it("saves a SELECT-only user without a warning", async () => {
    const reply = await call("POST", `/sources/${sourceId}/databases`, { name: "reader", config: config("reader", "reader-pass") });
    expect(reply.status).toBe(201);
    expect(R.ZDatabaseResponseSchema.parse(reply.body).warnings).toEqual([]);
  });

  it('reads ssl: "false" as no TLS (z.coerce.boolean() read it as true), and stores sslMode', async () => {
    const reply = await call("POST", `/sources/${sourceId}/databases`, { name: "legacy", config: config("reader", "reader-pass", { ssl: "false" }) });
    expect(reply.status).toBe(201);
    const source = await call("GET", `/sources/${sourceId}`);
    const saved = source.body.databases.find((database: { id: string }) => database.id === reply.body.id);
    expect(saved.config).toMatchObject({ sslMode: "disable" });
    expect(saved.config).not.toHaveProperty("ssl");
  });

  it("refuses verify-full against a server without TLS, an unknown sslMode and an unreadable boolean, with 422s", async () => {
    const verify = await call("POST", `/sources/${sourceId}/databases`, { name: "tls", config: config("reader", "reader-pass", { sslMode: "verify-full" }) });
    expect(verify).toMatchObject({ status: 422, body: { error: { code: "connection_failed", message: expect.stringMatching(/does not support SSL/) } } });
    const mode = await call("POST", `/sources/${sourceId}/databases`, { name: "tls", config: config("reader", "reader-pass", { sslMode: "prefer" }) });
    expect(mode).toMatchObject({ status: 422, body: { error: { code: "invalid_input", fields: { "config.sslMode": [expect.any(String)] } } } });
    const boolean = await call("POST", `/sources/${sourceId}/databases`, { name: "tls", config: config("reader", "reader-pass", { ssl: "maybe" }) });
    expect(boolean).toMatchObject({ status: 422, body: { error: { code: "invalid_input" } } });
  });
});
