// SIGTERM on a worker drains as the embedded mode does: the batches in flight finish, the run records
// its end (interrupted, exact counts), then the process exits 0 — also when the signal comes twice:
// systemd's default KillMode signals every process of the group, npm and tsx pass theirs on too.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { startCluster, type Cluster } from "../support/cluster";
import { createSync, createWebhook, runNow, runRow, waitFor, waitForRun } from "../support/cluster-syncs";
import { startSerialReceiver, type SerialReceiver } from "../support/serial-receiver";

const ROWS = 20;

let cluster: Cluster;
let receiver: SerialReceiver;

beforeAll(async () => {
  [cluster, receiver] = await Promise.all([startCluster({ workers: 1 }), startSerialReceiver()]);
  await cluster.sourceDb.query(`CREATE TABLE people (id int PRIMARY KEY); INSERT INTO people SELECT generate_series(1, ${ROWS})`);
}, 240_000);

afterAll(async () => {
  await cluster?.stop();
  await receiver?.stop();
});

describe("SIGTERM to a worker's process group, and again during the drain", () => {
  it("lets the batch in flight finish, records the run's end, then exits 0", async () => {
    onTestFailed(() => console.error(cluster.logs()));
    const destinationId = await createWebhook(cluster, "people", receiver.url("people"));
    const syncId = await createSync(cluster, { name: "People", query: `SELECT 'u' || id AS "userId" FROM people ORDER BY id`, destinationIds: [destinationId] });
    // 20 requests of 150 ms: a 3-second run.
    receiver.setDelay("people", 150);
    const runId = await runNow(cluster, syncId);
    const running = await waitForRun(cluster, runId, (run) => run.status === "running", 30_000);
    await waitFor("the first calls", async () => receiver.deliveries("people").length >= 2, 30_000, cluster);

    const [worker] = cluster.workers;
    worker.terminateGroup();
    // The one call mode batch of 20 calls is in flight for another 2 s or so.
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.kill(Number(/:(\d+)(?::[0-9a-f]+)?$/.exec(running.workerId!)![1]), "SIGTERM");
    expect(await worker.exited).toBe(0);
    const run = await runRow(cluster, runId);
    expect(run).toMatchObject({ status: "interrupted", rowsSucceeded: ROWS, rowsFailed: 0 });
    expect(run.finishedAt).not.toBeNull();
    expect(receiver.deliveries("people")).toHaveLength(ROWS);
  }, 120_000);
});
