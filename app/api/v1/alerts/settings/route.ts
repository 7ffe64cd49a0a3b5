import { getWorkspaceAlerts, updateWorkspaceAlerts } from "@/lib/alerts/alert-settings";
import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";

// GET /api/v1/alerts/settings — the workspace's alert rules and SMTP server (no password)
export const GET = withAuth(() => getWorkspaceAlerts(), OPS.getAlertsSettings);

// PATCH /api/v1/alerts/settings — change them
export const PATCH = withAuth(({ body }) => updateWorkspaceAlerts(body), OPS.patchAlertsSettings);
