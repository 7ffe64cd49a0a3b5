import { deleteAlertChannel, updateAlertChannel } from "@/lib/alerts/alert-channels";
import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";

// PATCH /api/v1/alerts/channels/{id} — change a channel
export const PATCH = withAuth(({ params, body }) => updateAlertChannel(params.id, body), OPS.patchAlertsChannelsById);

// DELETE /api/v1/alerts/channels/{id} — delete it
export const DELETE = withAuth(({ params }) => deleteAlertChannel(params.id), OPS.deleteAlertsChannelsById);
