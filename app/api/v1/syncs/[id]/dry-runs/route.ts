import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";
import { dryRunSync } from "@/lib/runs/dry-run-sync";

// POST /api/v1/syncs/{id}/dry-runs — what a run would send now, sent nowhere, streamed as NDJSON
export const POST = withAuth(({ params, request }) => dryRunSync(params.id, request.signal), OPS.postSyncsByIdDryRuns);
