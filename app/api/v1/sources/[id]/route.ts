import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";
import { deleteSource } from "@/lib/sources/delete-source";
import { getSource } from "@/lib/sources/list-sources";
import { updateSource } from "@/lib/sources/update-source";

export const GET = withAuth(({ params }) => getSource(params.id), OPS.getSourcesById);

// PATCH /api/v1/sources/{id} — rename a source or change its key
export const PATCH = withAuth(async ({ params, body }) => getSource((await updateSource(params.id, body)).id), OPS.patchSourcesById);

export const DELETE = withAuth(({ params }) => deleteSource(params.id), OPS.deleteSourcesById);
