import { withAuth } from "@/lib/api/with-auth";
import { listSourceRuns } from "@/lib/runs/list-source-runs";

// GET /sources/{id}/runs.json — the Imports tab's live data (session-checked)
export const GET = withAuth(({ params }) => listSourceRuns(params.id));
