import { withAuth } from "@/lib/api/with-auth";
import { streamErrorsCsv } from "@/lib/runs/stream-errors-csv";

// GET /runs/{id}/errors.csv — "Download errors": the run's failed rows as a streamed CSV attachment
export const GET = withAuth(async ({ params }) => {
  const stream = await streamErrorsCsv(params.id);
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="run-${params.id}-errors.csv"`,
      "cache-control": "no-store",
    },
  });
});
