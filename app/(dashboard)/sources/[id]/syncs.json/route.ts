import { withAuth } from "@/lib/api/with-auth";
import { listSourceSyncs } from "@/lib/syncs/list-source-syncs";

// GET /sources/{id}/syncs.json — the Syncs tab's live data (session-checked)
export const GET = withAuth(({ params }) => listSourceSyncs(params.id));
