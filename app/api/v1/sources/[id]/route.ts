import { withAuth } from "@/lib/api/with-auth";
import { getSource } from "@/lib/sources/list-sources";

// GET /api/v1/sources/{id} — one source with its databases (secrets only as "set") and syncs
export const GET = withAuth(({ params }) => getSource(params.id));
