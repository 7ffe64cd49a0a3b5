"use server";

import { runAction } from "@/lib/api/run-action";
import { previewQuery } from "@/lib/queries/preview-query";
import { runSyncNow } from "@/lib/runs/run-sync-now";
import { createSync } from "@/lib/syncs/create-sync";
import { deleteSync } from "@/lib/syncs/delete-sync";
import { resetSyncSnapshot } from "@/lib/syncs/reset-sync-snapshot";
import { updateSync } from "@/lib/syncs/update-sync";

// Members read and edit syncs; the services check the database and destinations they link to.

export async function previewQueryAction(input: { databaseId: string; type: string; query: string; syncId?: string }) {
  return runAction("member", () => previewQuery(input));
}

export async function createSyncAction(input: Record<string, unknown>) {
  return runAction("member", async () => {
    const sync = await createSync(input);
    return { id: sync.id, sourceId: sync.sourceId };
  });
}

export async function updateSyncAction(id: string, input: Record<string, unknown>) {
  return runAction("member", async () => {
    const sync = await updateSync(id, input);
    return { id: sync.id, sourceId: sync.sourceId, enabled: sync.enabled };
  });
}

export async function setSyncEnabledAction(id: string, enabled: boolean) {
  return updateSyncAction(id, { enabled });
}

export async function deleteSyncAction(id: string) {
  return runAction("member", () => deleteSync(id));
}

export async function runSyncNowAction(id: string) {
  return runAction("member", async () => {
    const { id: runId, status } = await runSyncNow(id);
    return { runId, status };
  });
}

export async function resetSyncSnapshotAction(id: string) {
  return runAction("member", () => resetSyncSnapshot(id));
}
