import { pageReply } from "@/lib/api/page";
import { withAuth } from "@/lib/api/with-auth";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { OPS } from "@/lib/openapi/operations";

// GET /api/v1/audit-events — the audit log, admins only
export const GET = withAuth(async ({ query }) => pageReply("events", await listAuditEvents(query, query), query), OPS.getAuditEvents);
