import { withAuth } from "@/lib/api/with-auth";
import { createSync } from "@/lib/syncs/create-sync";
import { getSync } from "@/lib/syncs/get-sync";
import { ZCreateSyncSchema } from "@/lib/syncs/schemas";

// POST /api/v1/syncs — create a sync
export const POST = withAuth(async ({ body }) => getSync((await createSync(body)).id), { body: ZCreateSyncSchema, status: 201 });
