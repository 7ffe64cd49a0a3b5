// kill -9 of the worker holding a long run: the other worker marks the run interrupted within 60 s
// (stale heartbeat, advisory lock free), last_sync_time stays, and the next run, on the survivor,
// delivers every row again with the same messageIds (at-least-once).
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { startCluster, type Cluster } from "../support/cluster";
import { createSync, createWebhook, finished, runNow, waitFor, waitForRun } from "../support/cluster-syncs";
import { startSerialReceiver, type SerialReceiver } from "../support/serial-receiver";

const ROWS = 200;

let cluster: Cluster;
let receiver: SerialReceiver;

beforeAll(async () => {
  [cluster, receiver] = await Promise.all([startCluster({ workers: 2 }), startSerialReceiver()]);
  await cluster.sourceDb.query(`CREATE TABLE people (id int PRIMARY KEY, plan text); INSERT INTO people SELECT g, 'plan-' || g % 3 FROM generate_series(1, ${ROWS}) g`);
}, 240_000);

afterAll(async () => {
  await cluster?.stop();
  await receiver?.stop();
});

describe("a worker killed with kill -9 during a run", () => {
  it("gets its run marked interrupted within 60 s, and the next run on another worker sends every row", async () => {
    onTestFailed(() => console.error(cluster.logs()));
    const destinationId = await createWebhook(cluster, "people", receiver.url("people"));
    const syncId = await createSync(cluster, { name: "People", query: `SELECT 'u' || id AS "userId", plan FROM people ORDER BY id`, destinationIds: [destinationId] });
    // 200 requests of 150 ms: a 30-second run, killed early on.
    receiver.setDelay("people", 150);
    const firstRunId = await runNow(cluster, syncId);
    const running = await waitForRun(cluster, firstRunId, (run) => run.status === "running" && run.workerId !== null, 30_000);
    await waitFor("the first calls", async () => receiver.deliveries("people").length >= 10, 30_000, cluster);
    const holder = (await cluster.workerById(running.workerId!))!;
    expect(holder, `no cluster worker is ${running.workerId}`).toBeDefined();
    const survivor = cluster.workers.find((worker) => worker !== holder)!;

    holder.kill9();
    const killedAt = Date.now();
    expect(await holder.exited).toBeNull();

    const interrupted = await waitForRun(cluster, firstRunId, finished, 60_000, 500);
    expect(interrupted.status).toBe("interrupted");
    expect(Date.now() - killedAt).toBeLessThan(60_000);
    const deliveredBefore = receiver.deliveries("people");
    expect(deliveredBefore.length).toBeLessThan(ROWS);
    expect(deliveredBefore.filter((d) => d.openedAt > killedAt), "the dead worker sent nothing after it died").toEqual([]);
    const sync = await cluster.api("GET", `/syncs/${syncId}`);
    expect(sync.body.lastSyncTime, "last_sync_time does not advance").toBe(0);

    receiver.setDelay("people", 0);
    const secondRunId = await runNow(cluster, syncId);
    const second = await waitForRun(cluster, secondRunId, finished, 60_000);
    expect(second, cluster.logs()).toMatchObject({ status: "succeeded", rowsSucceeded: ROWS, rowsFailed: 0 });
    expect(await cluster.workerById(second.workerId!)).toBe(survivor);

    const resent = receiver.deliveries("people").slice(deliveredBefore.length);
    const messageIds = new Set(resent.map((d) => d.call.messageId));
    expect(resent).toHaveLength(ROWS);
    expect(messageIds.size, "0 lost: one distinct messageId per row").toBe(ROWS);
    expect(new Set(resent.map((d) => d.call.userId)).size).toBe(ROWS);
    for (const delivery of deliveredBefore) expect(messageIds.has(delivery.call.messageId), "the same messageIds as before").toBe(true);
    expect(receiver.overlaps()).toEqual([]);
  }, 180_000);
});
