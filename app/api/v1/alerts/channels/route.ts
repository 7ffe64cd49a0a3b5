import { createAlertChannel, listAlertChannels } from "@/lib/alerts/alert-channels";
import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";

// GET /api/v1/alerts/channels — list alert channels
export const GET = withAuth(async () => ({ channels: await listAlertChannels() }), OPS.getAlertsChannels);

// POST /api/v1/alerts/channels — add one
export const POST = withAuth(({ body }) => createAlertChannel(body), OPS.postAlertsChannels);
