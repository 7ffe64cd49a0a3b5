import { withAuth } from "@/lib/api/with-auth";
import { resetSyncSnapshot } from "@/lib/syncs/reset-sync-snapshot";

// POST /api/v1/syncs/{id}/reset — forget the change-tracking snapshot, so the next run sends every row
export const POST = withAuth(({ params }) => resetSyncSnapshot(params.id), { role: "member" });
