// Schedules over HTTP against the production build: the four kinds on create, read and update, the
// frequencyMinutes API that came before them, field errors for a bad cron expression or time zone,
// a chain loop refused with 422, and GET /api/v1/schedules/preview.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as R from "../../lib/openapi/responses";
import { callApi, expectApiError } from "./support/api-client";
import { startAppServer, type AppServer } from "./support/app-server";

let app: AppServer;
const call = (method: string, route: string, body?: unknown) => callApi(app, method, route, body);

let base: Record<string, unknown>;

beforeAll(async () => {
  app = await startAppServer();
  const { sources } = (await call("GET", "/sources")).body as { sources: { id: string; kind: string; databases: { id: string }[] }[] };
  const demo = sources.find((source) => source.kind === "demo" && source.databases.length > 0)!;
  const inbox = (await call("POST", "/destinations", { name: "Inbox", kind: "inbox" })).body;
  base = { type: "identify", query: `SELECT 'u1' AS "userId"`, sourceId: demo.id, databaseId: demo.databases[0].id, destinationIds: [inbox.id] };
}, 600_000);

afterAll(async () => {
  await app?.stop();
});

const create = async (name: string, fields: Record<string, unknown>) => {
  const reply = await call("POST", "/syncs", { ...base, name, ...fields });
  expect(reply.status, reply.text).toBe(201);
  return R.ZSyncResponseSchema.parse(reply.body);
};

describe("POST and PATCH /api/v1/syncs: schedule", () => {
  it("takes frequencyMinutes alone as before: every N minutes", async () => {
    const sync = await create("Every hour", { frequencyMinutes: 60 });
    expect(sync).toMatchObject({ frequencyMinutes: 60, schedule: { kind: "interval", frequencyMinutes: 60 } });
  });

  it("takes a cron expression in a time zone; its next run is the next 02:30 in Berlin", async () => {
    const sync = await create("Nightly", { schedule: { kind: "cron", expression: "30 2 * * *", timeZone: "Europe/Berlin" } });
    expect(sync.schedule).toEqual({ kind: "cron", expression: "30 2 * * *", timeZone: "Europe/Berlin" });
    const berlin = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit" }).format(new Date(sync.nextRunAt!));
    expect(berlin).toBe("02:30");
    expect(new Date(sync.nextRunAt!).getTime() - Date.now()).toBeLessThanOrEqual(25 * 3600_000);
  });

  it("names the bad field: an expression that is not cron, a time zone that does not exist", async () => {
    const reply = await call("POST", "/syncs", { ...base, name: "Bad", schedule: { kind: "cron", expression: "61 * * * *", timeZone: "Mars/Olympus" } });
    expectApiError(reply, 422, "invalid_input");
    expect(reply.body.error.fields).toEqual({
      "schedule.expression": [expect.stringMatching(/^Not a cron expression \(minute hour day-of-month month day-of-week\): .*minute: 61/)],
      "schedule.timeZone": ["Unknown time zone; use an IANA name such as Europe/Berlin or America/New_York"],
    });
    expectApiError(await call("POST", "/syncs", { ...base, name: "None" }), 422, "invalid_input");
  });

  it("manual and after-sync schedules never come due by time", async () => {
    const manual = await create("By hand", { schedule: { kind: "manual" } });
    expect(manual).toMatchObject({ schedule: { kind: "manual" }, nextRunAt: null });
    const after = await create("After by hand", { schedule: { kind: "after", syncId: manual.id } });
    expect(after).toMatchObject({ schedule: { kind: "after", syncId: manual.id }, nextRunAt: null });
    // Back to every N minutes with frequencyMinutes alone, as an older script would.
    const patched = await call("PATCH", `/syncs/${after.id}`, { frequencyMinutes: 15 });
    expect(R.ZSyncResponseSchema.parse(patched.body)).toMatchObject({ schedule: { kind: "interval", frequencyMinutes: 15 } });
    expect(patched.body.nextRunAt).not.toBeNull();
  });
});

describe("a chain loop", () => {
  it("is refused with 422 and says which syncs it would go through, directly or through others", async () => {
    const a = await create("Chain A", { frequencyMinutes: 60 });
    const b = await create("Chain B", { schedule: { kind: "after", syncId: a.id } });
    const c = await create("Chain C", { schedule: { kind: "after", syncId: b.id } });
    const loop = await call("PATCH", `/syncs/${a.id}`, { schedule: { kind: "after", syncId: c.id } });
    expectApiError(loop, 422, "invalid_input");
    expect(loop.body.error.message).toBe("A chain can't loop: Chain A → Chain C → Chain B → Chain A. Pick a sync that does not run after this one.");
    expect(loop.body.error.fields).toEqual({ "schedule.syncId": ["This would make a loop: Chain A → Chain C → Chain B → Chain A"] });
    const self = await call("PATCH", `/syncs/${b.id}`, { schedule: { kind: "after", syncId: b.id } });
    expectApiError(self, 422, "invalid_input");
    expect(self.body.error.fields).toEqual({ "schedule.syncId": ["A sync can't run after itself"] });
    expectApiError(await call("POST", "/syncs", { ...base, name: "Orphan", schedule: { kind: "after", syncId: "no-such-sync" } }), 422, "invalid_input");
    // Nothing changed.
    expect(R.ZSyncResponseSchema.parse((await call("GET", `/syncs/${a.id}`)).body).schedule).toEqual({ kind: "interval", frequencyMinutes: 60 });
  });
});

describe("GET /api/v1/schedules/preview", () => {
  it("lists the next run times in the time zone, or says what is wrong", async () => {
    const reply = await call("GET", `/schedules/preview?cron=${encodeURIComponent("0 9 * * 1-5")}&timeZone=America/New_York&count=3`);
    expect(reply.status, reply.text).toBe(200);
    const { times } = R.ZSchedulePreviewResponseSchema.parse(reply.body);
    expect(times).toHaveLength(3);
    for (const time of times) {
      const local = new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", weekday: "short", hour: "2-digit", minute: "2-digit", hour12: false }).format(new Date(time));
      expect(local).toMatch(/^(Mon|Tue|Wed|Thu|Fri),? 09:00$/);
    }
    const bad = await call("GET", `/schedules/preview?cron=nope&timeZone=Nowhere/Land`);
    expectApiError(bad, 422, "invalid_input");
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["cron", "timeZone"]);
  });
});
