import type { Actor } from "../auth/roles";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { cancelActiveRun } from "../engine/active-runs";
import { AppError, notFound } from "../errors";
import { getRun } from "./list-runs";
import { cancelQueuedRuns, requestRunningCancel } from "./request-cancel";

/**
 * Cancel run. A queued run is cancelled at once: the conditional update means a worker that starts
 * it (`queued → running`, also conditional) and this cannot both win. A running run gets a cancel
 * request on its row, which the worker holding it polls; when it runs in this process it is aborted
 * here and now. The engine then records it as cancelled. Asking twice keeps the first request.
 */
export async function cancelRun(runId: string, actor: Pick<Actor, "name">) {
  const database = db();
  const run = await database.syncRun.findUnique({ where: { id: runId }, select: { status: true, sync: { select: { name: true } } } });
  if (!run) throw notFound("Run");
  const reason = `cancelled by ${actor.name}`;

  if (run.status === "queued") {
    if ((await cancelQueuedRuns(database, { id: runId }, reason)) === 1) return audited(getRun(runId));
    // A worker started it meanwhile: cancel it as a running run.
  }

  await requestRunningCancel(database, { id: runId }, reason);
  const current = await getRun(runId);
  if (current.status !== "running") throw new AppError("conflict", "This run has already ended.");
  cancelActiveRun(runId, current.cancelReason ?? reason);
  return audited(Promise.resolve(current));

  async function audited<T extends { status: string }>(result: Promise<T>) {
    const after = await result;
    await recordAudit({ action: "run.cancel", resource: { type: "run", id: runId, name: run!.sync.name }, before: { status: run!.status, cancelRequested: false }, after: { status: after.status, cancelRequested: true } });
    return after;
  }
}
