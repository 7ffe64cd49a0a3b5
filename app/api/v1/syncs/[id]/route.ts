import { withAuth } from "@/lib/api/with-auth";
import { deleteSync } from "@/lib/syncs/delete-sync";
import { getSync } from "@/lib/syncs/get-sync";
import { ZUpdateSyncSchema } from "@/lib/syncs/schemas";
import { updateSync } from "@/lib/syncs/update-sync";

// GET /api/v1/syncs/{id} — read a sync
export const GET = withAuth(({ params }) => getSync(params.id));

// PATCH /api/v1/syncs/{id} — change any of its fields, e.g. {"enabled": false}
export const PATCH = withAuth(async ({ params, body }) => getSync((await updateSync(params.id, body)).id), { body: ZUpdateSyncSchema });

// DELETE /api/v1/syncs/{id} — delete a sync (a run of it that is going is cancelled)
export const DELETE = withAuth(({ params }) => deleteSync(params.id));
