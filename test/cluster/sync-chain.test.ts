// A chain A → B → C on 2 workers and a web process sharing one PostgreSQL app database: each success
// starts the next link exactly once, whichever worker ran it; a failed link stops the chain; a link
// missed by a worker that stopped is started once by the workers' sweeps.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { startCluster, type Cluster } from "../support/cluster";
import { createWebhook, finished, runNow, runRowsOf, waitFor, waitForRun } from "../support/cluster-syncs";
import { startReceiver, type Receiver } from "../support/receiver";

let cluster: Cluster;
let receiver: Receiver;

beforeAll(async () => {
  [cluster, receiver] = await Promise.all([startCluster({ workers: 2 }), startReceiver()]);
  await cluster.sourceDb.query(`CREATE TABLE items (id int PRIMARY KEY); INSERT INTO items SELECT generate_series(1, 3)`);
}, 240_000);

afterAll(async () => {
  await cluster?.stop();
  await receiver?.stop();
});

const QUERY = `SELECT 'u' || id AS "userId" FROM items ORDER BY id`;

async function createSync(name: string, destinationId: string, schedule: Record<string, unknown>) {
  const reply = await cluster.api("POST", "/syncs", { sourceId: cluster.sourceId, databaseId: cluster.databaseId, type: "identify", name, query: QUERY, destinationIds: [destinationId], schedule });
  if (reply.status !== 201) throw new Error(`POST /syncs: ${reply.status} ${reply.text}`);
  return reply.body.id as string;
}

type Chained = { id: string; syncId: string; status: string; triggeredByRunId: string | null; workerId: string | null };

const chainedRuns = async (syncIds: string[]) =>
  (await cluster.appDb.query<Chained>(`SELECT id, "syncId", status, "triggeredByRunId", "workerId" FROM "SyncRun" WHERE "syncId" = ANY($1) AND trigger = 'chain'`, [syncIds])).rows;

describe("a chain on two workers", () => {
  it("runs each link once per success of the one before, and stops at a link that fails", async () => {
    onTestFailed(() => console.error(cluster.logs()));
    const destination = await createWebhook(cluster, "chain", `${receiver.url}/chain`);
    const a = await createSync("A", destination, { kind: "manual" });
    const b = await createSync("B", destination, { kind: "after", syncId: a });
    const c = await createSync("C", destination, { kind: "after", syncId: b });

    // Three times A, each time once the chain it started has ended (a link still running when the
    // one before it succeeds again is skipped, which is not what this counts).
    const ended = (rows: Chained[], syncId: string, after: string) => rows.find((run) => run.syncId === syncId && run.triggeredByRunId === after && finished(run as never));
    const runsOfA: string[] = [];
    for (let i = 0; i < 3; i++) {
      const run = await runNow(cluster, a);
      expect((await waitForRun(cluster, run, finished, 60_000)).status).toBe("succeeded");
      runsOfA.push(run);
      const runOfB = await waitFor(`B after ${run}`, async () => ended(await chainedRuns([b]), b, run), 60_000, cluster);
      expect(runOfB.status).toBe("succeeded");
      expect((await waitFor(`C after ${runOfB.id}`, async () => ended(await chainedRuns([c]), c, runOfB.id), 60_000, cluster)).status).toBe("succeeded");
    }
    // A sweep on each worker since: still exactly one B per run of A and one C per run of B.
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    const links = await chainedRuns([b, c]);
    expect(links).toHaveLength(6);
    for (const runOfA of runsOfA) {
      const bs = links.filter((run) => run.syncId === b && run.triggeredByRunId === runOfA);
      expect(bs, `B after ${runOfA}`).toHaveLength(1);
      expect(links.filter((run) => run.syncId === c && run.triggeredByRunId === bs[0].id), `C after ${bs[0].id}`).toHaveLength(1);
    }
    // Each run of the three sent its three rows once.
    expect(receiver.requests).toHaveLength(9 * 3);

    // B now fails: A's next success runs B, whose failure starts no C.
    const broken = await cluster.api("PATCH", `/syncs/${b}`, { query: "SELECT id AS \"userId\" FROM no_such_table" });
    expect(broken.status, broken.text).toBe(200);
    const run = await runNow(cluster, a);
    await waitForRun(cluster, run, finished, 60_000);
    const failed = await waitFor("B's failed run", async () => (await chainedRuns([b])).find((row) => row.triggeredByRunId === run && finished(row as never)), 60_000, cluster);
    expect(failed.status).toBe("failed");
    // Longer than a sweep (10 s) on every worker: still no C after it.
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    expect((await chainedRuns([c])).filter((row) => row.triggeredByRunId === failed.id)).toEqual([]);
  }, 240_000);

  it("starts a link a stopped worker missed once, though both workers sweep for it", async () => {
    onTestFailed(() => console.error(cluster.logs()));
    const destination = await createWebhook(cluster, "missed", `${receiver.url}/missed`);
    const a = await createSync("A missed", destination, { kind: "manual" });
    const b = await createSync("B missed", destination, { kind: "after", syncId: a });
    // A success recorded 20 s ago by a worker that stopped before it started B (B followed A then).
    const { rows } = await cluster.appDb.query<{ id: string }>(
      `INSERT INTO "SyncRun" (id, "syncId", status, trigger, "startedAt", "finishedAt")
       VALUES ('lost-run-' || md5(random()::text), $1, 'succeeded', 'schedule', (now() AT TIME ZONE 'UTC') - interval '21 seconds', (now() AT TIME ZONE 'UTC') - interval '20 seconds') RETURNING id`,
      [a],
    );
    await cluster.appDb.query(`UPDATE "Sync" SET "updatedAt" = (now() AT TIME ZONE 'UTC') - interval '1 hour' WHERE id = $1`, [b]);
    const started = await waitFor("B after the lost run", async () => (await chainedRuns([b])).find((run) => run.triggeredByRunId === rows[0].id && finished(run as never)), 60_000, cluster);
    expect(started.status).toBe("succeeded");
    // Both workers have swept again since: still one.
    await new Promise((resolve) => setTimeout(resolve, 21_000));
    expect((await runRowsOf(cluster, [b])).length).toBe(1);
  }, 240_000);
});
