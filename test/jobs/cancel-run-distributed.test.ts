// Cancel run with workers: this test process stands in for a web process (it only writes to the app
// database and queues jobs); a real `npm run worker` process runs the syncs on one PostgreSQL.
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Db } from "../../lib/db";
import { spawnAppProcess, type AppProcess } from "../support/app-process";
import { freePort, startPostgres, type StartedServer } from "../support/postgres";
import { startReceiver, type Receiver } from "../support/receiver";

const SECRET_KEY = "33".repeat(32);

let server: StartedServer;
/** Holds every batch without answering: a run stays in delivery until it is cancelled. */
let receiver: Receiver;
let app: Db;
let boss: PgBoss;
let worker: AppProcess;
let syncId: string;

beforeAll(async () => {
  [server, receiver] = await Promise.all([startPostgres(), startReceiver(() => new Promise(() => {}))]);
  Object.assign(process.env, { DATABASE_URL: server.url, TIDEWATER_SECRET_KEY: SECRET_KEY, TIDEWATER_ALLOW_PRIVATE_DESTINATIONS: "1" });
  const { migrate } = await import("../../lib/migrate");
  await migrate(server.url);
  app = (await import("../../lib/db")).db();
  const { seedDemo } = await import("../../lib/demo/seed-demo");
  await seedDemo(app);
  const demo = await app.source.findFirstOrThrow({ where: { kind: "demo" }, include: { databases: true } });
  const { createDestination } = await import("../../lib/destinations/create-destination");
  const destination = await createDestination({ name: "Silent", kind: "http-batch", config: { url: receiver.url, writeKey: "wk_cancel" } });
  const { createSync } = await import("../../lib/syncs/create-sync");
  const sync = await createSync({
    sourceId: demo.id,
    databaseId: demo.databases[0].id,
    name: "Undelivered",
    type: "track",
    query: `SELECT 'u1' AS "userId", 'Waited' AS event`,
    frequencyMinutes: 60,
    startAt: "2030-01-01T00:00:00Z",
    destinationIds: [destination.id],
  });
  syncId = sync.id;
  const { startBoss } = await import("../../lib/jobs/distributed/boss");
  boss = await startBoss(server.url, { supervise: false });

  const port = await freePort();
  worker = spawnAppProcess("worker", port, ["node_modules/tsx/dist/cli.mjs", "scripts/worker.ts"], {
    PORT: String(port),
    DATABASE_URL: server.url,
    TIDEWATER_SECRET_KEY: SECRET_KEY,
    TIDEWATER_ALLOW_PRIVATE_DESTINATIONS: "1",
    TIDEWATER_SCHEDULER: "off",
  });
  let exitCode: number | null | undefined;
  void worker.exited.then((code) => (exitCode = code));
  const deadline = Date.now() + 60_000;
  while (!/is running syncs/.test(worker.logs())) {
    if (exitCode !== undefined || Date.now() > deadline) throw new Error(`the worker did not start:\n${worker.logs()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 180_000);

afterAll(async () => {
  if (worker) {
    worker.kill9();
    await worker.exited;
  }
  await boss?.stop({ graceful: false });
  // runSyncNow queued through this process's runner, which started a pg-boss of its own.
  const { jobRunner } = await import("../../lib/jobs/job-runner");
  await (await jobRunner()).shutDown(1_000);
  await app?.$disconnect();
  await Promise.all([server?.stop(), receiver?.stop()]);
});

const statusOf = async (runId: string) => (await app.syncRun.findUniqueOrThrow({ where: { id: runId } })).status;

it("stops a run going on the worker within 5 s", async () => {
  const { runSyncNow } = await import("../../lib/runs/run-sync-now");
  const queued = await runSyncNow(syncId);
  await expect.poll(() => receiver.requests.length, { timeout: 30_000 }).toBe(1);
  expect(await statusOf(queued.id)).toBe("running");

  const { cancelRun } = await import("../../lib/runs/cancel-run");
  const asked = Date.now();
  const requested = await cancelRun(queued.id, { name: "Ada" });
  expect(requested).toMatchObject({ status: "running", cancelReason: "cancelled by Ada" });
  await expect.poll(() => statusOf(queued.id), { timeout: 5_000, interval: 100 }).toBe("cancelled");
  expect(Date.now() - asked).toBeLessThan(5_000);
  expect((await app.syncRun.findUniqueOrThrow({ where: { id: queued.id } })).error).toBe("Cancelled: cancelled by Ada.");
  expect((await app.sync.findUniqueOrThrow({ where: { id: syncId } })).lastSyncTime).toBe(0);
});

it("cancels a queued run at once, and the worker then never starts it", async () => {
  receiver.reset();
  const run = await app.syncRun.create({ data: { syncId, status: "queued", trigger: "manual" } });
  const { cancelRun } = await import("../../lib/runs/cancel-run");
  expect(await cancelRun(run.id, { name: "Ada" })).toMatchObject({ status: "cancelled", error: "Cancelled: cancelled by Ada." });
  // Its job reaches the worker after the cancel: the worker's conditional start finds nothing to run.
  const { RUN_QUEUE } = await import("../../lib/jobs/distributed/boss");
  const jobId = await boss.send(RUN_QUEUE, { runId: run.id, syncId }, { singletonKey: syncId });
  expect(jobId).toBeTruthy();
  await expect.poll(async () => (await boss.getJobById(RUN_QUEUE, jobId!))?.state, { timeout: 15_000 }).toBe("completed");
  expect(await statusOf(run.id)).toBe("cancelled");
  expect(receiver.requests).toHaveLength(0);
});
