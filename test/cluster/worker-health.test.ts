// A worker process (`npm run worker`) and a web process (role web) answer /healthz, /readyz and
// /metrics; the worker's /metrics counts the run it ran.
import parsePrometheus from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { startCluster, type Cluster } from "../support/cluster";
import { createSync, createWebhook, runNow, waitForRun } from "../support/cluster-syncs";
import { startSerialReceiver, type SerialReceiver } from "../support/serial-receiver";

const ROWS = 12;

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

const get = (port: number, path: string, token?: string) =>
  fetch(`http://127.0.0.1:${port}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe("a worker's and a web process's health endpoints", () => {
  it("answer a status word, and the worker's /metrics counts its run for an admin token only", async () => {
    onTestFailed(() => console.error(cluster.logs()));
    const [worker] = cluster.workers;
    for (const port of [worker.port, cluster.web.port]) {
      for (const path of ["/healthz", "/readyz"]) {
        const response = await get(port, path);
        expect([path, response.status, await response.json()]).toEqual([path, 200, { status: "ok" }]);
      }
    }
    const destinationId = await createWebhook(cluster, "people", receiver.url("people"));
    const syncId = await createSync(cluster, { name: "People", query: `SELECT 'u' || id AS "userId" FROM people ORDER BY id`, destinationIds: [destinationId] });
    const run = await waitForRun(cluster, await runNow(cluster, syncId), (row) => row.status === "succeeded", 60_000);

    expect((await get(worker.port, "/metrics")).status).toBe(401);
    expect((await get(worker.port, "/metrics", "tw_wrong")).status).toBe(401);
    const scrape = await get(worker.port, "/metrics", cluster.token);
    expect(scrape.status).toBe(200);
    const families = parsePrometheus(await scrape.text());
    const sample = (name: string, labels: Record<string, string>) =>
      Number(families.find((f) => f.name === name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value);
    expect(sample("tidewater_runs_total", { sync_id: syncId, status: "succeeded" })).toBe(1);
    expect(sample("tidewater_rows_read_total", { sync_id: syncId })).toBe(ROWS);
    expect(sample("tidewater_rows_sent_total", { sync_id: syncId })).toBe(run.rowsSucceeded);
    expect((await get(cluster.web.port, "/metrics", cluster.token)).status).toBe(200);
  });
});
