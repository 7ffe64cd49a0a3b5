import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";
import { deleteSync } from "@/lib/syncs/delete-sync";
import { getSync } from "@/lib/syncs/get-sync";
import { updateSync } from "@/lib/syncs/update-sync";

export const GET = withAuth(({ params }) => getSync(params.id), OPS.getSyncsById);

export const PATCH = withAuth(async ({ params, body }) => getSync((await updateSync(params.id, body)).id), OPS.patchSyncsById);

export const DELETE = withAuth(({ params }) => deleteSync(params.id), OPS.deleteSyncsById);
