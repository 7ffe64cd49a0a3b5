import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";
import { createSyncTrigger } from "@/lib/triggers/create-sync-trigger";
import { getSyncTrigger } from "@/lib/triggers/get-sync-trigger";
import { revokeSyncTrigger } from "@/lib/triggers/revoke-sync-trigger";
import { setDbtSecret } from "@/lib/triggers/set-dbt-secret";

export const GET = withAuth(({ params }) => getSyncTrigger(params.id), OPS.getSyncsByIdTrigger);

// Create or rotate: the reply is the only place the URL is ever shown.
export const POST = withAuth(({ params }) => createSyncTrigger(params.id), OPS.postSyncsByIdTrigger);

export const PATCH = withAuth(({ params, body }) => setDbtSecret(params.id, body), OPS.patchSyncsByIdTrigger);

export const DELETE = withAuth(({ params }) => revokeSyncTrigger(params.id), OPS.deleteSyncsByIdTrigger);
