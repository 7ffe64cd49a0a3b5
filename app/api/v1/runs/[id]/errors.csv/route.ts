import { withAuth } from "@/lib/api/with-auth";
import { streamErrorsCsv } from "@/lib/runs/stream-errors-csv";

// GET /api/v1/runs/{id}/errors.csv — the run's error rows as CSV, streamed
export const GET = withAuth(
  async ({ params }) =>
    new Response(await streamErrorsCsv(params.id), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="run-${params.id}-errors.csv"` },
    }),
);
