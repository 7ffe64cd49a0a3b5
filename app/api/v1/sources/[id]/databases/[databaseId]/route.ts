import { withAuth } from "@/lib/api/with-auth";
import { OPS } from "@/lib/openapi/operations";
import { deleteDatabase } from "@/lib/sources/delete-database";
import { updateDatabase } from "@/lib/sources/update-database";

// PATCH /api/v1/sources/{id}/databases/{databaseId} — change a database (?compare=true: only say what would change)
export const PATCH = withAuth(
  ({ params, body, query }) => updateDatabase(params.databaseId, body, { sourceId: params.id, compare: query.compare === "true" }),
  OPS.patchSourcesByIdDatabasesDatabaseId,
);

export const DELETE = withAuth(({ params }) => deleteDatabase(params.id, params.databaseId), OPS.deleteSourcesByIdDatabasesDatabaseId);
