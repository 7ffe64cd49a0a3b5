// Change tracking with the snapshot in the PostgreSQL app database: the first run on worker A, the
// second on worker B (A stopped in between, each worker with a data dir of its own) sends only the
// rows that changed.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { startCluster, type Cluster } from "../support/cluster";
import { createSync, createWebhook, finished, runNow, waitForRun } from "../support/cluster-syncs";
import { startSerialReceiver, type SerialReceiver } from "../support/serial-receiver";

const ROWS = 50;

let cluster: Cluster;
let receiver: SerialReceiver;

beforeAll(async () => {
  [cluster, receiver] = await Promise.all([startCluster({ workers: 1 }), startSerialReceiver()]);
  await cluster.sourceDb.query(`CREATE TABLE people (id int PRIMARY KEY, plan text); INSERT INTO people SELECT g, 'free' FROM generate_series(1, ${ROWS}) g`);
}, 240_000);

afterAll(async () => {
  await cluster?.stop();
  await receiver?.stop();
});

describe("change tracking across workers", () => {
  it("sends only the changed rows when the second run is on another worker", async () => {
    onTestFailed(() => console.error(cluster.logs()));
    const destinationId = await createWebhook(cluster, "people", receiver.url("people"));
    const syncId = await createSync(cluster, {
      name: "People",
      query: `SELECT 'u' || id AS "userId", plan FROM people ORDER BY id`,
      destinationIds: [destinationId],
      changeTracking: { idColumns: ["userId"] },
    });
    const [workerA] = cluster.workers;

    const first = await waitForRun(cluster, await runNow(cluster, syncId), finished, 60_000);
    expect(first, cluster.logs()).toMatchObject({ status: "succeeded", rowsSucceeded: ROWS });
    expect(await cluster.workerById(first.workerId!)).toBe(workerA);
    expect(receiver.deliveries("people")).toHaveLength(ROWS);

    expect(await workerA.stop()).toBe(0);
    const workerB = await cluster.startWorker();
    await cluster.sourceDb.query(`UPDATE people SET plan = 'pro' WHERE id IN (3, 14, 15, 26, 49); INSERT INTO people VALUES (51, 'free'), (52, 'pro')`);

    const second = await waitForRun(cluster, await runNow(cluster, syncId), finished, 60_000);
    expect(second, cluster.logs()).toMatchObject({ status: "succeeded", rowsSucceeded: 7, rowsUnchanged: ROWS - 5 });
    expect(await cluster.workerById(second.workerId!)).toBe(workerB);
    const sent = receiver.deliveries("people").slice(ROWS).map((d) => d.call.userId);
    expect(sent.sort()).toEqual(["u14", "u15", "u26", "u3", "u49", "u51", "u52"]);
  }, 120_000);
});
