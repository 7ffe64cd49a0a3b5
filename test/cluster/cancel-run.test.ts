// Cancel run from the web process (POST /api/v1/runs/{id}/cancel) reaches the worker holding the run:
// within 5 s the run is cancelled and the receiver gets no call after that.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { startCluster, type Cluster } from "../support/cluster";
import { createSync, createWebhook, finished, runNow, waitFor, waitForRun } from "../support/cluster-syncs";
import { startSerialReceiver, type SerialReceiver } from "../support/serial-receiver";

const ROWS = 100;

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

describe("POST /api/v1/runs/{id}/cancel", () => {
  it("stops the run on its worker within 5 s", async () => {
    onTestFailed(() => console.error(cluster.logs()));
    const destinationId = await createWebhook(cluster, "people", receiver.url("people"));
    const syncId = await createSync(cluster, { name: "People", query: `SELECT 'u' || id AS "userId" FROM people ORDER BY id`, destinationIds: [destinationId] });
    // 100 requests of 200 ms: a 20-second run.
    receiver.setDelay("people", 200);
    const runId = await runNow(cluster, syncId);
    await waitForRun(cluster, runId, (run) => run.status === "running", 30_000);
    await waitFor("the first calls", async () => receiver.deliveries("people").length >= 5, 30_000, cluster);

    const cancelledAt = Date.now();
    const reply = await cluster.api("POST", `/runs/${runId}/cancel`);
    expect(reply.status, reply.text).toBeLessThan(300);
    const run = await waitForRun(cluster, runId, finished, 5_000, 50);
    const stoppedAt = Date.now();
    expect(run.status).toBe("cancelled");
    expect(stoppedAt - cancelledAt).toBeLessThan(5_000);

    // Long enough for a few more 200 ms requests, had the run gone on.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const calls = receiver.deliveries("people");
    expect(calls.filter((d) => d.openedAt > stoppedAt), "calls after the run was cancelled").toEqual([]);
    expect(calls.length).toBeLessThan(ROWS);
    expect((await cluster.api("GET", `/runs/${runId}`)).body.status).toBe("cancelled");
  }, 120_000);
});
