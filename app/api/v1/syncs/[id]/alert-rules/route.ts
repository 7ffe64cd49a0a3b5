import { getSyncAlertRules, updateSyncAlertRules } from "@/lib/alerts/alert-settings";
import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";

// GET /api/v1/syncs/{id}/alert-rules — a sync's alert rules
export const GET = withAuth(({ params }) => getSyncAlertRules(params.id), OPS.getSyncsByIdAlertRules);

// PATCH /api/v1/syncs/{id}/alert-rules — override rules for the sync
export const PATCH = withAuth(({ params, body }) => updateSyncAlertRules(params.id, body), OPS.patchSyncsByIdAlertRules);
