// A Tidewater process for crash tests: closes runs a dead process left behind (as the server does at
// start), runs one sync, and drains on SIGTERM like the server. Env: DATABASE_URL, SYNC_ID, …
import { startSyncRun } from "../../lib/engine/run-sync";
import { closeInterruptedRuns, shutDown } from "../../lib/engine/scheduler";
import { db } from "../../lib/db";

process.once("SIGTERM", () => {
  void shutDown(Number(process.env.DRAIN_DEADLINE_MS ?? 10_000)).finally(() => process.exit(0));
});

await closeInterruptedRuns(db());
const run = await startSyncRun(process.env.SYNC_ID!, "manual");
console.log(`run ${run.runId}`);
await run.done;
process.exit(0);
