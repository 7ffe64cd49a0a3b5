// Deleting a sync while it runs: the run is stopped and has recorded its end before the sync goes.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startEngineFixture, type EngineFixture } from "./support/engine-fixture";

let fixture: EngineFixture;

beforeAll(async () => {
  fixture = await startEngineFixture();
});

afterAll(() => fixture?.stop());

it("cancels the run and waits for it before deleting the sync", async () => {
  const { receiver, sourceId, databaseId, destinationId } = fixture;
  let requests = 0;
  receiver.respondWith(async () => {
    requests++;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    return { status: 200, body: {} };
  });
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  try {
    const { createSync } = await import("../lib/syncs/create-sync");
    const sync = await createSync({
      sourceId,
      databaseId,
      name: "deleted while running",
      type: "identify",
      query: "SELECT g AS userId FROM generate_series(1, 5000) AS g",
      frequencyMinutes: 60,
      destinationIds: [destinationId],
    });
    const { runSyncNow } = await import("../lib/runs/run-sync-now");
    const run = await runSyncNow(sync.id);
    let ended = false;
    void run.done.catch(() => undefined).finally(() => (ended = true));
    while (requests === 0) await new Promise((resolve) => setTimeout(resolve, 20));

    const { deleteSync } = await import("../lib/syncs/delete-sync");
    await deleteSync(sync.id);
    expect(ended).toBe(true);
    const { isSyncRunning } = await import("../lib/engine/active-runs");
    expect(isSyncRunning(sync.id)).toBe(false);
    const seen = requests;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(requests).toBe(seen);
    expect(unhandled).toEqual([]);
  } finally {
    process.off("unhandledRejection", onUnhandled);
    receiver.reset();
  }
});
