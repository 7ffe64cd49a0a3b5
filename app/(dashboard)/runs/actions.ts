"use server";

import { runAction } from "@/lib/api/run-action";
import { cancelRun } from "@/lib/runs/cancel-run";
import { retryFailedRows } from "@/lib/runs/retry-failed-rows";

// Whoever may Run now may cancel a run or retry its failed rows: members and admins.

export async function cancelRunAction(runId: string) {
  return runAction("member", async (actor) => {
    const { id, status } = await cancelRun(runId, actor);
    return { id, status };
  });
}

export async function retryFailedRowsAction(runId: string) {
  return runAction("member", async () => {
    const { id, status } = await retryFailedRows(runId);
    return { id, status };
  });
}
