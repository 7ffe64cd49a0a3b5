// Config-as-code keys over HTTP against the production build: the key on create, update and read of
// sources, databases, destinations and syncs, the ?key= filters, 409 on a taken key, and PATCH
// ?compare=true telling a changed secret from an unchanged one without storing or returning it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as R from "../../lib/openapi/responses";
import { callApi, expectApiError } from "./support/api-client";
import { startAppServer, type AppServer } from "./support/app-server";

let app: AppServer;
const call = (method: string, route: string, body?: unknown) => callApi(app, method, route, body);

const auditCount = async (action: string) => ((await call("GET", `/audit-events?action=${action}&limit=200`)).body.events as unknown[]).length;

beforeAll(async () => {
  app = await startAppServer();
}, 600_000);

afterAll(async () => {
  await app?.stop();
});

describe("sources: key", () => {
  it("creates, finds by ?key=, refuses a taken or malformed key, changes and removes it", async () => {
    const created = await call("POST", "/sources", { name: "Warehouse", kind: "demo", key: "warehouse" });
    expect(created.status, created.text).toBe(201);
    expect(R.ZSourceResponseSchema.parse(created.body).key).toBe("warehouse");

    const found = R.ZSourceListResponseSchema.parse((await call("GET", "/sources?key=warehouse")).body);
    expect(found.sources.map((source) => source.id)).toEqual([created.body.id]);
    expect((await call("GET", "/sources?key=nothing-here")).body.sources).toEqual([]);

    const taken = await call("POST", "/sources", { name: "Other", kind: "demo", key: "warehouse" });
    expectApiError(taken, 409, "conflict");
    expect(taken.body.error.message).toContain('"warehouse" is already used by the source "Warehouse"');
    const malformed = await call("POST", "/sources", { name: "Other", kind: "demo", key: "Not A Slug" });
    expectApiError(malformed, 422, "invalid_input");
    expect(malformed.body.error.fields.key[0]).toContain("lowercase");

    const renamed = await call("PATCH", `/sources/${created.body.id}`, { name: "Warehouse (prod)", key: "prod-warehouse" });
    expect(renamed.status, renamed.text).toBe(200);
    expect(R.ZSourceDetailResponseSchema.parse(renamed.body)).toMatchObject({ name: "Warehouse (prod)", key: "prod-warehouse" });
    const other = await call("POST", "/sources", { name: "Other", kind: "demo", key: "warehouse" });
    expect(other.status, other.text).toBe(201);
    expectApiError(await call("PATCH", `/sources/${other.body.id}`, { key: "prod-warehouse" }), 409, "conflict");
    expect((await call("PATCH", `/sources/${other.body.id}`, { key: null })).body.key).toBeNull();
    expectApiError(await call("PATCH", `/sources/${other.body.id}`, { kind: "postgres" }), 422, "invalid_input");
  });
});

describe("databases: key and PATCH", () => {
  it("keeps keys unique within a source, and PATCH ?compare=true stores nothing", async () => {
    const first = (await call("POST", "/sources", { name: "Keyed A", kind: "demo", key: "keyed-a" })).body;
    const second = (await call("POST", "/sources", { name: "Keyed B", kind: "demo", key: "keyed-b" })).body;
    const database = await call("POST", `/sources/${first.id}/databases`, { name: "Sample", key: "sample", config: { dataset: "saas" } });
    expect(database.status, database.text).toBe(201);
    expect(database.body.key).toBe("sample");
    expectApiError(await call("POST", `/sources/${first.id}/databases`, { name: "Again", key: "sample", config: {} }), 409, "conflict");
    expect((await call("POST", `/sources/${second.id}/databases`, { name: "Sample", key: "sample", config: {} })).status).toBe(201);

    const route = `/sources/${first.id}/databases/${database.body.id}`;
    const same = await call("PATCH", `${route}?compare=true`, { name: "Sample", key: "sample", config: { dataset: "saas" } });
    expect(R.ZDatabaseChangeResponseSchema.parse(same.body)).toMatchObject({ changed: false, changedFields: [] });
    const renamed = await call("PATCH", `${route}?compare=true`, { name: "Sample data", key: "sample", config: { dataset: "saas" } });
    expect(renamed.body).toMatchObject({ changed: true, changedFields: ["name"] });
    const detail = R.ZSourceDetailResponseSchema.parse((await call("GET", `/sources/${first.id}`)).body);
    expect(detail.databases[0]).toMatchObject({ name: "Sample", key: "sample" });

    const before = await auditCount("database.update");
    expect((await call("PATCH", route, { name: "Sample", config: { dataset: "saas" } })).body.changed).toBe(false);
    expect(await auditCount("database.update")).toBe(before);
    const saved = await call("PATCH", route, { name: "Sample data", key: "sample-data", config: { dataset: "saas" } });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ changed: true, key: "sample-data", name: "Sample data" });
    expect(await auditCount("database.update")).toBe(before + 1);
    // The database must belong to the source in the path.
    expectApiError(await call("PATCH", `/sources/${second.id}/databases/${database.body.id}`, { name: "x", config: {} }), 404, "not_found");
  });
});

describe("destinations: key and PATCH ?compare=true", () => {
  it("tells a changed secret from an unchanged one by name only", async () => {
    const created = await call("POST", "/destinations", { name: "Events", kind: "http-batch", key: "events", config: { url: "http://127.0.0.1:9/", writeKey: "wk_first_5521" } });
    expect(created.status, created.text).toBe(201);
    expectApiError(await call("POST", "/destinations", { name: "Again", kind: "inbox", key: "events" }), 409, "conflict");
    expect((await call("GET", "/destinations?key=events")).body.destinations.map((d: { id: string }) => d.id)).toEqual([created.body.id]);

    const route = `/destinations/${created.body.id}`;
    const same = await call("PATCH", `${route}?compare=true`, { config: { url: "http://127.0.0.1:9/", writeKey: "wk_first_5521" } });
    expect(R.ZDestinationChangeResponseSchema.parse(same.body)).toMatchObject({ changed: false, changedFields: [] });
    const other = await call("PATCH", `${route}?compare=true`, { config: { url: "http://127.0.0.1:9/", writeKey: "wk_second_8830" } });
    expect(other.body).toMatchObject({ changed: true, changedFields: ["config.writeKey"] });
    expect(other.text).not.toContain("wk_");

    const before = await auditCount("destination.update");
    expect((await call("PATCH", route, { config: { writeKey: "wk_first_5521" } })).body.changed).toBe(false);
    expect(await auditCount("destination.update")).toBe(before);
    // compare stored nothing: the first key is still the stored one.
    expect((await call("PATCH", `${route}?compare=true`, { config: { writeKey: "wk_first_5521" } })).body.changed).toBe(false);
    const keyed = await call("PATCH", route, { key: "events-prod" });
    expect(keyed.body).toMatchObject({ changed: true, changedFields: ["key"], key: "events-prod" });
  });
});

describe("syncs: key", () => {
  it("creates, filters, refuses a taken key and changes it", async () => {
    const { sources } = (await call("GET", "/sources")).body as { sources: { id: string; kind: string; databases: { id: string }[] }[] };
    const demo = sources.find((source) => source.kind === "demo" && source.databases.length > 0)!;
    const inbox = (await call("POST", "/destinations", { name: "Inbox", kind: "inbox", key: "inbox" })).body;
    const body = { name: "Users", type: "identify", query: `SELECT 'u1' AS "userId"`, frequencyMinutes: 60, sourceId: demo.id, databaseId: demo.databases[0].id, destinationIds: [inbox.id] };
    const created = await call("POST", "/syncs", { ...body, key: "users" });
    expect(created.status, created.text).toBe(201);
    expect(R.ZSyncResponseSchema.parse(created.body).key).toBe("users");
    expectApiError(await call("POST", "/syncs", { ...body, key: "users" }), 409, "conflict");
    const second = (await call("POST", "/syncs", body)).body;
    expect(second.key).toBeNull();
    expect(R.ZSyncPageResponseSchema.parse((await call("GET", "/syncs?key=users")).body).syncs.map((s) => s.id)).toEqual([created.body.id]);
    expectApiError(await call("PATCH", `/syncs/${second.id}`, { key: "users" }), 409, "conflict");
    expect((await call("PATCH", `/syncs/${second.id}`, { key: "users-2" })).body.key).toBe("users-2");
  });
});
