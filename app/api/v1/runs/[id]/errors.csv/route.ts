import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";
import { streamErrorsCsv } from "@/lib/runs/stream-errors-csv";

// Streamed: a run may have a million error rows.
export const GET = withAuth(
  async ({ params }) =>
    new Response(await streamErrorsCsv(params.id), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="run-${params.id}-errors.csv"` },
    }),
  OPS.getRunsByIdErrorsCsv,
);
