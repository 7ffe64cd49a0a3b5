// Sync chains against a real PostgreSQL source and a real HTTP receiver: B runs after A succeeds,
// never after it fails; a link that fails or is skipped stops the chain; each link runs once per run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../lib/db";
import { startEngineFixture, type EngineFixture } from "./support/engine-fixture";

let fixture: EngineFixture;
let app: Db;

beforeAll(async () => {
  fixture = await startEngineFixture();
  app = fixture.app;
  await fixture.sql(`CREATE TABLE people (id text, email text); INSERT INTO people VALUES ('p1', 'ada@example.com'), ('p2', 'grace@example.com');`);
});

afterAll(() => fixture?.stop());

const GOOD = `SELECT id AS "userId", email FROM people`;
const BROKEN = `SELECT id AS "userId" FROM no_such_table`;

async function newSync(name: string, query: string, schedule: Record<string, unknown>) {
  const { createSync } = await import("../lib/syncs/create-sync");
  return createSync({ sourceId: fixture.sourceId, databaseId: fixture.databaseId, name, type: "identify", query, schedule, destinationIds: [fixture.destinationId] });
}

/** The run of `syncId` that `runId`'s success started, once it has ended (null if none within a while). */
async function chainedRun(syncId: string, runId: string, waitMs = 3_000) {
  for (const started = Date.now(); Date.now() - started < waitMs; ) {
    const run = await app.syncRun.findFirst({ where: { syncId, triggeredByRunId: runId } });
    if (run && !["queued", "running"].includes(run.status)) return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return app.syncRun.findFirst({ where: { syncId, triggeredByRunId: runId } });
}

const runsOf = (syncId: string) => app.syncRun.findMany({ where: { syncId }, orderBy: { startedAt: "asc" } });

describe("a chain A → B → C", () => {
  it("runs B when A succeeds and C when B does, each naming the run that started it", async () => {
    const a = await newSync("A", GOOD, { kind: "manual" });
    const b = await newSync("B", GOOD, { kind: "after", syncId: a.id });
    const c = await newSync("C", GOOD, { kind: "after", syncId: b.id });
    fixture.receiver.reset();
    const runA = await fixture.runNow(a.id);
    expect(runA.status).toBe("succeeded");
    const runB = await chainedRun(b.id, runA.id);
    expect(runB).toMatchObject({ status: "succeeded", trigger: "chain", rowsSucceeded: 2 });
    const runC = await chainedRun(c.id, runB!.id);
    expect(runC).toMatchObject({ status: "succeeded", trigger: "chain", triggeredByRunId: runB!.id });
    // Three syncs of two rows each reached the receiver.
    const sent = fixture.receiver.requests.flatMap((request) => (request.json as { batch: unknown[] }).batch);
    expect(sent).toHaveLength(6);
  });

  it("stops at B when B fails: C does not run", async () => {
    const a = await newSync("A2", GOOD, { kind: "manual" });
    const b = await newSync("B2", BROKEN, { kind: "after", syncId: a.id });
    const c = await newSync("C2", GOOD, { kind: "after", syncId: b.id });
    const runA = await fixture.runNow(a.id);
    expect(runA.status).toBe("succeeded");
    const runB = await chainedRun(b.id, runA.id);
    expect(runB).toMatchObject({ status: "failed", trigger: "chain" });
    expect(runB!.error).toContain('relation "no_such_table" does not exist');
    // Give a wrongly started C time to show up.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await runsOf(c.id)).toEqual([]);

    // Fixed, the same chain goes through: the test above can tell a stopped chain from a broken one.
    const { updateSync } = await import("../lib/syncs/update-sync");
    await updateSync(b.id, { query: GOOD });
    const again = await fixture.runNow(a.id);
    const runB2 = await chainedRun(b.id, again.id);
    expect(runB2?.status).toBe("succeeded");
    expect((await chainedRun(c.id, runB2!.id))?.status).toBe("succeeded");
  });

  it("starts nothing when A fails", async () => {
    const a = await newSync("A3", BROKEN, { kind: "manual" });
    const b = await newSync("B3", GOOD, { kind: "after", syncId: a.id });
    expect((await fixture.runNow(a.id)).status).toBe("failed");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await runsOf(b.id)).toEqual([]);
  });

  it("records B as skipped, saying why, when B is still going; C does not run", async () => {
    const a = await newSync("A4", GOOD, { kind: "manual" });
    const b = await newSync("B4", GOOD, { kind: "after", syncId: a.id });
    const c = await newSync("C4", GOOD, { kind: "after", syncId: b.id });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { jobRunner } = await import("../lib/jobs/job-runner");
    const runner = await jobRunner();
    // B's own run is held at the receiver; A's requests, once B's has arrived, go through.
    let holding = true;
    fixture.receiver.reset();
    fixture.receiver.respondWith(async () => {
      if (holding) await held;
      return { status: 200, body: {} };
    });
    const slowB = await runner.runNow(b.id);
    if ("busy" in slowB) throw new Error(slowB.busy);
    while (fixture.receiver.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    holding = false;
    const runA = await fixture.runNow(a.id);
    expect(runA.status).toBe("succeeded");
    const skipped = await chainedRun(b.id, runA.id);
    expect(skipped).toMatchObject({ status: "skipped", trigger: "chain" });
    expect(skipped!.error).toBe(
      "Skipped: a run of this sync was still going when the sync it runs after succeeded. The chain stops here: the syncs after this one do not run this time.",
    );
    release();
    await slowB.done;
    fixture.receiver.reset();
    // B's own (manual) run succeeded and starts C; the skipped chained one started nothing.
    const runsOfC = await runsOf(c.id);
    expect(runsOfC.every((run) => run.triggeredByRunId === slowB.id)).toBe(true);
    expect(await app.syncRun.count({ where: { triggeredByRunId: skipped!.id } })).toBe(0);
  });

  it("does not run a disabled follower", async () => {
    const a = await newSync("A5", GOOD, { kind: "manual" });
    const b = await newSync("B5", GOOD, { kind: "after", syncId: a.id });
    const { updateSync } = await import("../lib/syncs/update-sync");
    await updateSync(b.id, { enabled: false });
    const runA = await fixture.runNow(a.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await chainedRun(b.id, runA.id, 0)).toBeNull();
  });

  it("starts each link once per run, however many times the run's end is seen", async () => {
    const a = await newSync("A6", GOOD, { kind: "manual" });
    const b = await newSync("B6", GOOD, { kind: "after", syncId: a.id });
    const runA = await fixture.runNow(a.id);
    await chainedRun(b.id, runA.id);
    const { startChainedRuns } = await import("../lib/jobs/start-chained-runs");
    // Two more processes noticing the same success at once: the unique (syncId, triggeredByRunId) refuses both.
    const again = await Promise.all([startChainedRuns(app, { id: runA.id, syncId: a.id }), startChainedRuns(app, { id: runA.id, syncId: a.id })]);
    expect(again).toEqual([[], []]);
    expect(await app.syncRun.count({ where: { syncId: b.id, triggeredByRunId: runA.id } })).toBe(1);
  });
});

describe("a link missed by a process that stopped", () => {
  it("is started by the next sweep, once; a sync set to follow only after the run ended is not", async () => {
    const { startMissedChainedRuns } = await import("../lib/jobs/start-chained-runs");
    const a = await newSync("A7", GOOD, { kind: "manual" });
    const b = await newSync("B7", GOOD, { kind: "after", syncId: a.id });
    const late = await newSync("B7 late", GOOD, { kind: "after", syncId: a.id });
    const endedAt = new Date(Date.now() - 30_000);
    // A's success was recorded 30 s ago; its process stopped before it started B. B followed A already.
    const lost = await app.syncRun.create({ data: { syncId: a.id, status: "succeeded", trigger: "schedule", startedAt: new Date(endedAt.getTime() - 1_000), finishedAt: endedAt } });
    await app.sync.update({ where: { id: b.id }, data: { updatedAt: new Date(endedAt.getTime() - 60_000) } });
    const started = await startMissedChainedRuns(app);
    expect(started).toHaveLength(1);
    expect(await chainedRun(b.id, lost.id)).toMatchObject({ status: "succeeded", trigger: "chain" });
    expect(await runsOf(late.id)).toEqual([]);
    // Every later sweep, in this process or another, finds it started.
    expect(await Promise.all([startMissedChainedRuns(app), startMissedChainedRuns(app)])).toEqual([[], []]);
    expect(await app.syncRun.count({ where: { syncId: b.id, triggeredByRunId: lost.id } })).toBe(1);
  });
});

describe("a chain never loops", () => {
  it("refuses a sync that would run after itself, directly or through others, on update and create", async () => {
    const { updateSync } = await import("../lib/syncs/update-sync");
    const a = await newSync("Loop A", GOOD, { kind: "interval", frequencyMinutes: 60 });
    const b = await newSync("Loop B", GOOD, { kind: "after", syncId: a.id });
    const c = await newSync("Loop C", GOOD, { kind: "after", syncId: b.id });
    await expect(updateSync(a.id, { schedule: { kind: "after", syncId: c.id } })).rejects.toMatchObject({
      code: "invalid_input",
      message: "A chain can't loop: Loop A → Loop C → Loop B → Loop A. Pick a sync that does not run after this one.",
      fieldErrors: { "schedule.syncId": ["This would make a loop: Loop A → Loop C → Loop B → Loop A"] },
    });
    await expect(updateSync(a.id, { schedule: { kind: "after", syncId: a.id } })).rejects.toMatchObject({ fieldErrors: { "schedule.syncId": ["A sync can't run after itself"] } });
    await expect(newSync("Orphan", GOOD, { kind: "after", syncId: "no-such-sync" })).rejects.toMatchObject({ fieldErrors: { "schedule.syncId": ["Unknown sync"] } });
    // Nothing was saved: A still runs every hour.
    expect((await app.sync.findUniqueOrThrow({ where: { id: a.id } })).scheduleKind).toBe("interval");
    // Not a loop: A after a sync outside the chain.
    const d = await newSync("Loop D", GOOD, { kind: "manual" });
    await expect(updateSync(a.id, { schedule: { kind: "after", syncId: d.id } })).resolves.toMatchObject({ scheduleKind: "after", afterSyncId: d.id });
  });
});
