import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "../db";
import { useFreshAppDatabase } from "../../test/support/app-db";

let app: Db;

beforeAll(async () => {
  app = await useFreshAppDatabase();
});

afterEach(() => vi.restoreAllMocks());

/** A sync stored as the services store one, with `overrides` written over its rows. */
async function storedSync(overrides: { sync?: Record<string, unknown>; source?: Record<string, unknown>; destination?: Record<string, unknown>; noDestination?: boolean } = {}) {
  const source = await app.source.create({ data: { name: "Demo", kind: "demo", ...overrides.source } });
  const database = await app.database.create({ data: { sourceId: source.id, name: "demo", configJson: "{}" } });
  const destination = await app.destination.create({ data: { name: "Inbox", kind: "inbox", configJson: '{"concurrency":2}', ...overrides.destination } });
  return app.sync.create({
    data: {
      sourceId: source.id,
      databaseId: database.id,
      name: "People",
      type: "identify",
      query: "SELECT 1 AS userId",
      frequencyMinutes: 60,
      startAt: new Date(),
      ...overrides.sync,
      ...(overrides.noDestination ? {} : { destinations: { create: [{ destinationId: destination.id }] } }),
    },
  });
}

const plan = async (syncId: string) => (await import("./run-plan")).loadRunPlan(app, syncId);

describe("loadRunPlan", () => {
  it("reads the sync, its source, database and destinations as typed values", async () => {
    const sync = await storedSync({ sync: { changeTrackingColumns: '["id","org"]', deletedRowsAction: "track", deletedRowsEvent: "Gone" } });
    expect(await plan(sync.id)).toEqual({
      syncId: sync.id,
      type: "identify",
      query: "SELECT 1 AS userId",
      retryLimit: 3,
      source: { kind: "demo", config: {} },
      destinations: [{ id: expect.any(String), name: "Inbox", kind: "inbox", config: { concurrency: 2 }, concurrency: 2, rateLimitPerSecond: null }],
      changeTracking: { idColumns: ["id", "org"], onDeleted: "track", deletedEvent: "Gone" },
    });
  });

  it.each([
    ["an unknown call type", { sync: { type: "shout" } }, /stored settings are not valid \(type: .*\)/],
    ["an unknown source kind", { source: { kind: "oracle" } }, /source\.kind/],
    ["an unknown destination kind", { destination: { kind: "ftp" } }, /destinations\.0\.destination\.kind/],
    ["identifier columns that are not JSON", { sync: { changeTrackingColumns: "id, org" } }, /changeTrackingColumns: is not JSON/],
    ["identifier columns that are not a list of names", { sync: { changeTrackingColumns: '[""]' } }, /changeTrackingColumns/],
    ["an unknown deleted-rows action", { sync: { changeTrackingColumns: '["id"]', deletedRowsAction: "shred" } }, /deletedRowsAction/],
    ["a concurrency that is not a number", { destination: { configJson: '{"concurrency":"lots"}' } }, /destination "Inbox" are not valid \(concurrency: /],
    ["a rate limit out of range", { destination: { configJson: '{"rateLimitPerSecond":-5}' } }, /destination "Inbox" are not valid \(rateLimitPerSecond: /],
    ["a destination config that is not JSON", { destination: { configJson: "{" } }, /could not read the settings of destination "Inbox"/],
    ["no destination", { noDestination: true }, /^This sync has no destination: pick at least one\.$/],
  ])("refuses %s with a RunPlanError that says what is wrong", async (_, overrides, message) => {
    const { RunPlanError } = await import("./run-plan");
    const sync = await storedSync(overrides);
    const refused = await plan(sync.id).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RunPlanError);
    expect((refused as Error).message).toMatch(message);
  });

  it("refuses a sync that is gone", async () => {
    await expect(plan("no-such-sync")).rejects.toThrow("This sync no longer exists.");
  });
});

describe("performRun with bad stored data", () => {
  it("ends the run as failed with the plan's message, and logs no bug", async () => {
    const { performRun } = await import("./perform-run");
    const sync = await storedSync({ sync: { type: "shout" } });
    const run = await app.syncRun.create({ data: { syncId: sync.id, status: "running" } });
    const { log } = await import("../observability/log");
    const logged = vi.spyOn(log(), "error").mockImplementation(() => {});
    await performRun(app, {
      syncId: sync.id,
      runId: run.id,
      startedAt: run.startedAt,
      lastSyncTime: 0,
      signals: { cancel: new AbortController().signal, drain: new AbortController().signal },
    });
    const ended = await app.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(ended.status).toBe("failed");
    expect(ended.error).toMatch(/^This sync's stored settings are not valid \(type: .*\); save the sync again to fix them\.$/);
    expect(logged).not.toHaveBeenCalled();
  });
});
