import { listAlertEvents } from "@/lib/alerts/list-alert-events";
import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";

// GET /api/v1/alerts/events — alert history
export const GET = withAuth(async ({ query }) => ({ events: await listAlertEvents(query) }), OPS.getAlertsEvents);
