import { sendTestAlert } from "@/lib/alerts/send-test-alert";
import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";

// POST /api/v1/alerts/channels/{id}/test — Send test alert
export const POST = withAuth(({ params }) => sendTestAlert(params.id), OPS.postAlertsChannelsByIdTest);
