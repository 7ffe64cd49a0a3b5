import { withAuth } from "@/lib/api/with-auth";
import { streamAuditCsv } from "@/lib/audit/stream-audit-csv";
import { OPS } from "@/lib/openapi/operations";

// GET /api/v1/audit-events.csv — the filtered audit log as CSV, streamed
export const GET = withAuth(
  async ({ query }) =>
    new Response(streamAuditCsv(query), { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="audit-log.csv"' } }),
  OPS.getAuditEventsCsv,
);
