import type { Db } from "../db";
import { isRunInProgress } from "../runs/run-status";

const POLL_MS = 200;

/** Resolves once the run has an end status (for scripts and tests: web requests never wait on a run). */
export async function waitForRunEnd(database: Db, runId: string): Promise<void> {
  for (;;) {
    const run = await database.syncRun.findUnique({ where: { id: runId }, select: { status: true } });
    if (!run || !isRunInProgress(run.status)) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
