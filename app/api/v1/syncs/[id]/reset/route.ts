import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";
import { resetSyncSnapshot } from "@/lib/syncs/reset-sync-snapshot";

export const POST = withAuth(({ params }) => resetSyncSnapshot(params.id), OPS.postSyncsByIdReset);
