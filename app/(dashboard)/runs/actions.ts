"use server";

import { runAction } from "@/lib/api/run-action";
import { cancelRun } from "@/lib/runs/cancel-run";

// Whoever may Run now may cancel a run: members and admins.

export async function cancelRunAction(runId: string) {
  return runAction("member", async (actor) => {
    const { id, status } = await cancelRun(runId, actor);
    return { id, status };
  });
}
